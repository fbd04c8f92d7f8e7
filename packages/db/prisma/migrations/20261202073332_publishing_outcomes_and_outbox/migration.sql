-- AlterEnum
ALTER TYPE "LedgerState" ADD VALUE 'OUTCOME_UNKNOWN';

-- AlterEnum
ALTER TYPE "PostStatus" ADD VALUE 'OUTCOME_UNKNOWN';

-- AlterEnum
ALTER TYPE "PostTargetStatus" ADD VALUE 'OUTCOME_UNKNOWN';

-- AlterTable
ALTER TABLE "event_outbox" ADD COLUMN     "claimed_until" TIMESTAMP(3),
ADD COLUMN     "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "organization_id" UUID;

-- AlterTable
ALTER TABLE "publish_ledger" ADD COLUMN     "outcome_unknown_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "event_outbox_status_next_attempt_at_idx" ON "event_outbox"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "event_outbox_organization_id_status_idx" ON "event_outbox"("organization_id", "status");

-- The transactional outbox: the app role writes an event in the same transaction as the change
-- that causes it, for the organization in scope only, and can read or change nothing else here
-- (privileges: INSERT, and SELECT of event_id, granted by pnpm db:migrate). The relay reads it on
-- the system path.
ALTER TABLE "event_outbox" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "event_outbox" FORCE ROW LEVEL SECURITY;
CREATE POLICY "outbox_insert_in_scope" ON "event_outbox" FOR INSERT WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);
-- Re-emitting a deterministic event id is a no-op (ON CONFLICT DO NOTHING), which PostgreSQL
-- allows only with SELECT on the conflict column and a SELECT policy: the app role may see the
-- event ids of its own organization, nothing else of any row.
CREATE POLICY "outbox_dedupe_in_scope" ON "event_outbox" FOR SELECT USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);
