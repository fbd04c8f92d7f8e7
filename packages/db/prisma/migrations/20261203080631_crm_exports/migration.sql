-- CreateEnum
CREATE TYPE "CrmExportStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "crm_exports" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "object" "CrmObject" NOT NULL,
    "request" JSONB NOT NULL,
    "file_name" TEXT NOT NULL,
    "columns" JSONB NOT NULL,
    "own_records_only" BOOLEAN NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "status" "CrmExportStatus" NOT NULL DEFAULT 'QUEUED',
    "total_rows" INTEGER NOT NULL,
    "processed_rows" INTEGER NOT NULL DEFAULT 0,
    "part_count" INTEGER NOT NULL DEFAULT 0,
    "cursor_created_at" TIMESTAMP(3),
    "cursor_id" UUID,
    "failure_reason" TEXT,
    "cancel_requested_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "crm_exports_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "crm_export_parts" (
    "organization_id" UUID NOT NULL,
    "export_id" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "row_count" INTEGER NOT NULL,
    "csv" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "crm_export_parts_pkey" PRIMARY KEY ("organization_id","export_id","index")
);

-- CreateIndex
CREATE INDEX "crm_exports_organization_id_requested_by_id_created_at_idx" ON "crm_exports"("organization_id", "requested_by_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "crm_exports_organization_id_expires_at_idx" ON "crm_exports"("organization_id", "expires_at");

-- AddForeignKey
ALTER TABLE "crm_exports" ADD CONSTRAINT "crm_exports_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "crm_export_parts" ADD CONSTRAINT "crm_export_parts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "crm_export_parts" ADD CONSTRAINT "crm_export_parts_organization_id_export_id_fkey" FOREIGN KEY ("organization_id", "export_id") REFERENCES "crm_exports"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- CrmExport
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "crm_exports" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm_exports" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "crm_exports" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- CrmExportPart
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "crm_export_parts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm_export_parts" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "crm_export_parts" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);
