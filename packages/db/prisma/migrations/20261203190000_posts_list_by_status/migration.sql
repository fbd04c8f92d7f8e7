-- The posts list filtered by one status, under RLS. PostgreSQL may not use a status equality as
-- an index condition ahead of the tenant policy (enum_eq is not LEAKPROOF, and marking it so needs
-- a superuser), so (organization_id, status, ...) cannot serve the filter for the app role: the
-- list walked its whole (organization_id, created_at, id) index and dropped the other statuses.
-- A partial index per status needs no such condition — the filter implies its predicate — and
-- holds each post once in all (about the size of one full index).
CREATE INDEX "posts_list_draft_idx" ON "posts" ("organization_id", "created_at" DESC, "id" DESC) WHERE "status" = 'DRAFT';
CREATE INDEX "posts_list_scheduled_idx" ON "posts" ("organization_id", "created_at" DESC, "id" DESC) WHERE "status" = 'SCHEDULED';
CREATE INDEX "posts_list_publishing_idx" ON "posts" ("organization_id", "created_at" DESC, "id" DESC) WHERE "status" = 'PUBLISHING';
CREATE INDEX "posts_list_published_idx" ON "posts" ("organization_id", "created_at" DESC, "id" DESC) WHERE "status" = 'PUBLISHED';
CREATE INDEX "posts_list_partial_idx" ON "posts" ("organization_id", "created_at" DESC, "id" DESC) WHERE "status" = 'PARTIAL';
CREATE INDEX "posts_list_failed_idx" ON "posts" ("organization_id", "created_at" DESC, "id" DESC) WHERE "status" = 'FAILED';
CREATE INDEX "posts_list_cancelled_idx" ON "posts" ("organization_id", "created_at" DESC, "id" DESC) WHERE "status" = 'CANCELLED';
CREATE INDEX "posts_list_outcome_unknown_idx" ON "posts" ("organization_id", "created_at" DESC, "id" DESC) WHERE "status" = 'OUTCOME_UNKNOWN';
