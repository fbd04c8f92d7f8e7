-- CreateIndex
CREATE INDEX "contacts_segment_count_idx" ON "contacts"("organization_id", "lifecycle_stage", "score", "deleted_at", "merged_into_id", "id");
