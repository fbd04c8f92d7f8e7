-- Segment conditions on the lifecycle stage, under RLS. PostgreSQL may not use an enum comparison
-- as an index condition ahead of the tenant policy (enum_eq is not LEAKPROOF), so the segment index
-- had to lead with the score and filter the stage entry by entry: a count at a million contacts
-- read every entry with a score in range. The stage as a smallint, computed by PostgreSQL itself,
-- compares with int2 equality (LEAKPROOF): the index leads with it, and `lifecycle_rank = ANY(…)`
-- narrows the scan to the stages asked for. The ranks are LIFECYCLE_RANK in
-- packages/api/src/services/crm/segments/compile.ts (a test holds the two to the same numbers).
CREATE FUNCTION "mg_lifecycle_rank"(stage "LifecycleStage") RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (CASE stage
    WHEN 'SUBSCRIBER' THEN 0
    WHEN 'LEAD' THEN 1
    WHEN 'MARKETING_QUALIFIED' THEN 2
    WHEN 'SALES_QUALIFIED' THEN 3
    WHEN 'OPPORTUNITY' THEN 4
    WHEN 'CUSTOMER' THEN 5
    WHEN 'OTHER' THEN 6
  END)::smallint
$$;

ALTER TABLE "contacts" ADD COLUMN "lifecycle_rank" SMALLINT NOT NULL GENERATED ALWAYS AS (mg_lifecycle_rank(lifecycle_stage)) STORED;

DROP INDEX "contacts_segment_score_idx";
CREATE INDEX "contacts_segment_idx" ON "contacts"("organization_id", "lifecycle_rank", "score", "deleted_at", "merged_into_id", "id");
