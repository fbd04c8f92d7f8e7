-- DropIndex
DROP INDEX "contacts_segment_count_idx";

-- CreateIndex
CREATE INDEX "contacts_segment_score_idx" ON "contacts"("organization_id", "score", "lifecycle_stage", "deleted_at", "merged_into_id", "id");
