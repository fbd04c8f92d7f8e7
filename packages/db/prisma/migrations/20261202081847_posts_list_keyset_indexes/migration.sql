-- DropIndex
DROP INDEX "posts_organization_id_campaign_id_idx";

-- CreateIndex
CREATE INDEX "posts_organization_id_created_at_id_idx" ON "posts"("organization_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "posts_organization_id_campaign_id_created_at_id_idx" ON "posts"("organization_id", "campaign_id", "created_at" DESC, "id" DESC);
