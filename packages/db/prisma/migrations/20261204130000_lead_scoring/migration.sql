-- CreateEnum
CREATE TYPE "ScoreRecomputeStatus" AS ENUM ('RUNNING', 'DONE', 'FAILED');

-- AlterEnum
ALTER TYPE "AlertKind" ADD VALUE 'LEAD_QUALIFIED';

-- AlterTable
ALTER TABLE "score_ledger" ADD COLUMN     "decay_of_id" UUID;

-- CreateTable
CREATE TABLE "score_recomputes" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "status" "ScoreRecomputeStatus" NOT NULL DEFAULT 'RUNNING',
    "total_contacts" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "cursor" UUID,
    "error" TEXT,
    "requested_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "score_recomputes_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE INDEX "score_recomputes_organization_id_created_at_idx" ON "score_recomputes"("organization_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "score_ledger_organization_id_decay_of_id_idx" ON "score_ledger"("organization_id", "decay_of_id");

-- AddForeignKey
ALTER TABLE "score_recomputes" ADD CONSTRAINT "score_recomputes_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- ScoreRecompute
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "score_recomputes" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "score_recomputes" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "score_recomputes" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);
