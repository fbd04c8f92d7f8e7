-- CreateEnum
CREATE TYPE "LifecycleStage" AS ENUM ('SUBSCRIBER', 'LEAD', 'MARKETING_QUALIFIED', 'SALES_QUALIFIED', 'OPPORTUNITY', 'CUSTOMER', 'OTHER');

-- CreateEnum
CREATE TYPE "CrmObject" AS ENUM ('CONTACT', 'COMPANY', 'DEAL');

-- CreateEnum
CREATE TYPE "ConsentChannel" AS ENUM ('EMAIL', 'SMS', 'WHATSAPP');

-- CreateEnum
CREATE TYPE "ConsentStatus" AS ENUM ('GRANTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "CustomFieldType" AS ENUM ('TEXT', 'LONG_TEXT', 'NUMBER', 'CURRENCY', 'DATE', 'BOOLEAN', 'SINGLE_SELECT', 'MULTI_SELECT', 'URL', 'EMAIL', 'PHONE');

-- CreateEnum
CREATE TYPE "ActivityKind" AS ENUM ('NOTE', 'CALL', 'MEETING', 'EMAIL_SENT', 'EMAIL_OPENED', 'EMAIL_CLICKED', 'FORM_SUBMITTED', 'PAGE_VISITED', 'STAGE_CHANGED', 'DEAL_CREATED', 'DEAL_WON', 'DEAL_LOST', 'TASK_CREATED', 'TASK_DONE', 'CONTACT_CREATED', 'FIELD_CHANGED', 'MERGED', 'IMPORTED', 'CONSENT_CHANGED', 'SOCIAL_COMMENT');

-- CreateEnum
CREATE TYPE "StageKind" AS ENUM ('OPEN', 'WON', 'LOST');

-- CreateEnum
CREATE TYPE "TaskPriority" AS ENUM ('LOW', 'NORMAL', 'HIGH');

-- CreateEnum
CREATE TYPE "ContactImportStatus" AS ENUM ('PREVIEWED', 'QUEUED', 'RUNNING', 'DONE', 'CANCELLED', 'FAILED', 'UNDONE');

-- CreateEnum
CREATE TYPE "DuplicateStatus" AS ENUM ('OPEN', 'DISMISSED', 'MERGED');

-- AlterEnum
ALTER TYPE "AlertKind" ADD VALUE 'TASK_DUE';

-- CreateTable
CREATE TABLE "crm_settings" (
    "organization_id" UUID NOT NULL,
    "own_records_only" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "crm_settings_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable
CREATE TABLE "companies" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "domain" TEXT,
    "domain_key" TEXT,
    "industry" TEXT,
    "size" TEXT,
    "country" CHAR(2),
    "address" JSONB NOT NULL DEFAULT '{}',
    "owner_user_id" UUID,
    "created_by_id" UUID,
    "updated_by_id" UUID,
    "merged_into_id" UUID,
    "deleted_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "companies_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "contacts" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "first_name" TEXT,
    "last_name" TEXT,
    "name_key" TEXT NOT NULL DEFAULT '',
    "primary_email" TEXT,
    "primary_phone" TEXT,
    "job_title" TEXT,
    "company_id" UUID,
    "owner_user_id" UUID,
    "lifecycle_stage" "LifecycleStage" NOT NULL DEFAULT 'LEAD',
    "source" TEXT NOT NULL DEFAULT 'manual',
    "external_id" TEXT,
    "external_id_key" TEXT,
    "first_touch" JSONB,
    "last_touch" JSONB,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "score" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" UUID,
    "updated_by_id" UUID,
    "merged_into_id" UUID,
    "deleted_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "contacts_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "contact_emails" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "email_key" TEXT,
    "is_primary" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_emails_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "contact_phones" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "e164" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT 'mobile',
    "is_primary" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_phones_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "consent_records" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "channel" "ConsentChannel" NOT NULL,
    "purpose" TEXT NOT NULL,
    "status" "ConsentStatus" NOT NULL,
    "wording_version" TEXT,
    "wording" TEXT,
    "method" TEXT NOT NULL,
    "ip" TEXT,
    "user_agent" TEXT,
    "recorded_by_id" UUID,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consent_records_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "custom_field_definitions" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "object" "CrmObject" NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "type" "CustomFieldType" NOT NULL,
    "options" JSONB NOT NULL DEFAULT '[]',
    "currency" CHAR(3),
    "position" INTEGER NOT NULL DEFAULT 0,
    "archived_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "custom_field_definitions_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "custom_field_values" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "field_id" UUID NOT NULL,
    "contact_id" UUID,
    "company_id" UUID,
    "deal_id" UUID,
    "value_text" TEXT,
    "value_number" DECIMAL(20,4),
    "value_date" TIMESTAMP(3),
    "value_bool" BOOLEAN,
    "value_options" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "custom_field_values_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "activities" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "kind" "ActivityKind" NOT NULL,
    "contact_id" UUID,
    "company_id" UUID,
    "deal_id" UUID,
    "actor_user_id" UUID,
    "actor_label" TEXT,
    "occurred_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activities_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "pipelines" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "position" INTEGER NOT NULL DEFAULT 0,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "archived_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "pipelines_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "pipeline_stages" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "pipeline_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "probability" INTEGER NOT NULL,
    "kind" "StageKind" NOT NULL DEFAULT 'OPEN',
    "archived_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pipeline_stages_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "deals" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "pipeline_id" UUID NOT NULL,
    "stage_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "amount_minor" BIGINT NOT NULL DEFAULT 0,
    "currency" CHAR(3) NOT NULL,
    "position" TEXT NOT NULL,
    "expected_close_on" TEXT,
    "owner_user_id" UUID,
    "company_id" UUID,
    "lost_reason" TEXT,
    "closed_at" TIMESTAMP(3),
    "created_by_id" UUID,
    "deleted_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "deals_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "deal_contacts" (
    "organization_id" UUID NOT NULL,
    "deal_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deal_contacts_pkey" PRIMARY KEY ("organization_id","deal_id","contact_id")
);

-- CreateTable
CREATE TABLE "deal_stage_changes" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "deal_id" UUID NOT NULL,
    "from_stage_id" UUID,
    "to_stage_id" UUID NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "changed_by_id" UUID,
    "changed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deal_stage_changes_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "notes" TEXT,
    "timezone" TEXT,
    "local_time" TEXT,
    "due_at" TIMESTAMP(3),
    "assignee_user_id" UUID,
    "contact_id" UUID,
    "deal_id" UUID,
    "company_id" UUID,
    "priority" "TaskPriority" NOT NULL DEFAULT 'NORMAL',
    "done_at" TIMESTAMP(3),
    "reminded_at" TIMESTAMP(3),
    "created_by_id" UUID,
    "deleted_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "contact_lists" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "archived_at" TIMESTAMP(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "contact_lists_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "contact_list_members" (
    "organization_id" UUID NOT NULL,
    "list_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "added_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_list_members_pkey" PRIMARY KEY ("organization_id","list_id","contact_id")
);

-- CreateTable
CREATE TABLE "segments" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "filter" JSONB NOT NULL,
    "archived_at" TIMESTAMP(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "segments_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "crm_saved_views" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "object" "CrmObject" NOT NULL,
    "name" TEXT NOT NULL,
    "owner_user_id" UUID,
    "config" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "crm_saved_views_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "contact_imports" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "csv_text" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "match_key" TEXT NOT NULL,
    "update_rule" TEXT NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "owner_user_id" UUID,
    "list_id" UUID,
    "status" "ContactImportStatus" NOT NULL DEFAULT 'PREVIEWED',
    "total_rows" INTEGER NOT NULL,
    "processed_rows" INTEGER NOT NULL DEFAULT 0,
    "created_count" INTEGER NOT NULL DEFAULT 0,
    "updated_count" INTEGER NOT NULL DEFAULT 0,
    "skipped_count" INTEGER NOT NULL DEFAULT 0,
    "error_count" INTEGER NOT NULL DEFAULT 0,
    "preview" JSONB NOT NULL DEFAULT '{}',
    "errors" JSONB NOT NULL DEFAULT '[]',
    "cancel_requested_at" TIMESTAMP(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "undone_at" TIMESTAMP(3),

    CONSTRAINT "contact_imports_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "contact_import_changes" (
    "organization_id" UUID NOT NULL,
    "import_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "previous" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_import_changes_pkey" PRIMARY KEY ("organization_id","import_id","contact_id")
);

-- CreateTable
CREATE TABLE "crm_merges" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "object" "CrmObject" NOT NULL,
    "survivor_id" UUID NOT NULL,
    "merged_ids" UUID[],
    "snapshot" JSONB NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undone_at" TIMESTAMP(3),

    CONSTRAINT "crm_merges_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "duplicate_candidates" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "object" "CrmObject" NOT NULL DEFAULT 'CONTACT',
    "record_a_id" UUID NOT NULL,
    "record_b_id" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reasons" TEXT[],
    "status" "DuplicateStatus" NOT NULL DEFAULT 'OPEN',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "duplicate_candidates_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE INDEX "companies_organization_id_name_id_idx" ON "companies"("organization_id", "name", "id");

-- CreateIndex
CREATE INDEX "companies_organization_id_created_at_id_idx" ON "companies"("organization_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "companies_organization_id_owner_user_id_idx" ON "companies"("organization_id", "owner_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "companies_organization_id_domain_key_key" ON "companies"("organization_id", "domain_key");

-- CreateIndex
CREATE INDEX "contacts_organization_id_created_at_id_idx" ON "contacts"("organization_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "contacts_organization_id_updated_at_id_idx" ON "contacts"("organization_id", "updated_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "contacts_organization_id_name_key_id_idx" ON "contacts"("organization_id", "name_key", "id");

-- CreateIndex
CREATE INDEX "contacts_organization_id_primary_email_idx" ON "contacts"("organization_id", "primary_email");

-- CreateIndex
CREATE INDEX "contacts_organization_id_primary_phone_idx" ON "contacts"("organization_id", "primary_phone");

-- CreateIndex
CREATE INDEX "contacts_organization_id_company_id_idx" ON "contacts"("organization_id", "company_id");

-- CreateIndex
CREATE INDEX "contacts_organization_id_owner_user_id_created_at_idx" ON "contacts"("organization_id", "owner_user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "contacts_organization_id_lifecycle_stage_created_at_idx" ON "contacts"("organization_id", "lifecycle_stage", "created_at" DESC);

-- CreateIndex
CREATE INDEX "contacts_organization_id_score_id_idx" ON "contacts"("organization_id", "score" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "contacts_organization_id_merged_into_id_idx" ON "contacts"("organization_id", "merged_into_id");

-- CreateIndex
CREATE UNIQUE INDEX "contacts_organization_id_external_id_key_key" ON "contacts"("organization_id", "external_id_key");

-- CreateIndex
CREATE INDEX "contact_emails_organization_id_email_idx" ON "contact_emails"("organization_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "contact_emails_organization_id_email_key_key" ON "contact_emails"("organization_id", "email_key");

-- CreateIndex
CREATE UNIQUE INDEX "contact_emails_organization_id_contact_id_email_key" ON "contact_emails"("organization_id", "contact_id", "email");

-- CreateIndex
CREATE INDEX "contact_phones_organization_id_e164_idx" ON "contact_phones"("organization_id", "e164");

-- CreateIndex
CREATE UNIQUE INDEX "contact_phones_organization_id_contact_id_e164_key" ON "contact_phones"("organization_id", "contact_id", "e164");

-- CreateIndex
CREATE INDEX "consent_records_organization_id_contact_id_channel_purpose__idx" ON "consent_records"("organization_id", "contact_id", "channel", "purpose", "recorded_at" DESC);

-- CreateIndex
CREATE INDEX "custom_field_definitions_organization_id_object_position_idx" ON "custom_field_definitions"("organization_id", "object", "position");

-- CreateIndex
CREATE UNIQUE INDEX "custom_field_definitions_organization_id_object_key_key" ON "custom_field_definitions"("organization_id", "object", "key");

-- CreateIndex
CREATE INDEX "custom_field_values_organization_id_field_id_value_text_idx" ON "custom_field_values"("organization_id", "field_id", "value_text");

-- CreateIndex
CREATE INDEX "custom_field_values_organization_id_field_id_value_number_idx" ON "custom_field_values"("organization_id", "field_id", "value_number");

-- CreateIndex
CREATE INDEX "custom_field_values_organization_id_field_id_value_date_idx" ON "custom_field_values"("organization_id", "field_id", "value_date");

-- CreateIndex
CREATE INDEX "custom_field_values_organization_id_field_id_value_bool_idx" ON "custom_field_values"("organization_id", "field_id", "value_bool");

-- CreateIndex
CREATE UNIQUE INDEX "custom_field_values_organization_id_field_id_contact_id_key" ON "custom_field_values"("organization_id", "field_id", "contact_id");

-- CreateIndex
CREATE UNIQUE INDEX "custom_field_values_organization_id_field_id_company_id_key" ON "custom_field_values"("organization_id", "field_id", "company_id");

-- CreateIndex
CREATE UNIQUE INDEX "custom_field_values_organization_id_field_id_deal_id_key" ON "custom_field_values"("organization_id", "field_id", "deal_id");

-- CreateIndex
CREATE INDEX "activities_organization_id_contact_id_occurred_at_idx" ON "activities"("organization_id", "contact_id", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "activities_organization_id_company_id_occurred_at_idx" ON "activities"("organization_id", "company_id", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "activities_organization_id_deal_id_occurred_at_idx" ON "activities"("organization_id", "deal_id", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "activities_organization_id_kind_occurred_at_idx" ON "activities"("organization_id", "kind", "occurred_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "pipelines_organization_id_name_key" ON "pipelines"("organization_id", "name");

-- CreateIndex
CREATE INDEX "pipeline_stages_organization_id_pipeline_id_position_idx" ON "pipeline_stages"("organization_id", "pipeline_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "pipeline_stages_organization_id_pipeline_id_name_key" ON "pipeline_stages"("organization_id", "pipeline_id", "name");

-- CreateIndex
CREATE INDEX "deals_organization_id_pipeline_id_stage_id_position_idx" ON "deals"("organization_id", "pipeline_id", "stage_id", "position");

-- CreateIndex
CREATE INDEX "deals_organization_id_owner_user_id_idx" ON "deals"("organization_id", "owner_user_id");

-- CreateIndex
CREATE INDEX "deals_organization_id_company_id_idx" ON "deals"("organization_id", "company_id");

-- CreateIndex
CREATE INDEX "deals_organization_id_expected_close_on_idx" ON "deals"("organization_id", "expected_close_on");

-- CreateIndex
CREATE INDEX "deal_contacts_organization_id_contact_id_idx" ON "deal_contacts"("organization_id", "contact_id");

-- CreateIndex
CREATE INDEX "deal_stage_changes_organization_id_deal_id_changed_at_idx" ON "deal_stage_changes"("organization_id", "deal_id", "changed_at");

-- CreateIndex
CREATE INDEX "deal_stage_changes_organization_id_to_stage_id_changed_at_idx" ON "deal_stage_changes"("organization_id", "to_stage_id", "changed_at");

-- CreateIndex
CREATE INDEX "tasks_organization_id_assignee_user_id_done_at_due_at_idx" ON "tasks"("organization_id", "assignee_user_id", "done_at", "due_at");

-- CreateIndex
CREATE INDEX "tasks_organization_id_contact_id_idx" ON "tasks"("organization_id", "contact_id");

-- CreateIndex
CREATE INDEX "tasks_organization_id_deal_id_idx" ON "tasks"("organization_id", "deal_id");

-- CreateIndex
CREATE INDEX "tasks_organization_id_company_id_idx" ON "tasks"("organization_id", "company_id");

-- CreateIndex
CREATE INDEX "tasks_organization_id_due_at_idx" ON "tasks"("organization_id", "due_at");

-- CreateIndex
CREATE INDEX "tasks_due_at_reminded_at_idx" ON "tasks"("due_at", "reminded_at");

-- CreateIndex
CREATE UNIQUE INDEX "contact_lists_organization_id_name_key" ON "contact_lists"("organization_id", "name");

-- CreateIndex
CREATE INDEX "contact_list_members_organization_id_contact_id_idx" ON "contact_list_members"("organization_id", "contact_id");

-- CreateIndex
CREATE UNIQUE INDEX "segments_organization_id_name_key" ON "segments"("organization_id", "name");

-- CreateIndex
CREATE INDEX "crm_saved_views_organization_id_object_idx" ON "crm_saved_views"("organization_id", "object");

-- CreateIndex
CREATE INDEX "contact_imports_organization_id_created_at_idx" ON "contact_imports"("organization_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "contact_imports_status_idx" ON "contact_imports"("status");

-- CreateIndex
CREATE INDEX "contact_import_changes_organization_id_contact_id_idx" ON "contact_import_changes"("organization_id", "contact_id");

-- CreateIndex
CREATE INDEX "crm_merges_organization_id_survivor_id_idx" ON "crm_merges"("organization_id", "survivor_id");

-- CreateIndex
CREATE INDEX "crm_merges_organization_id_created_at_idx" ON "crm_merges"("organization_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "duplicate_candidates_organization_id_status_score_idx" ON "duplicate_candidates"("organization_id", "status", "score" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "duplicate_candidates_organization_id_object_record_a_id_rec_key" ON "duplicate_candidates"("organization_id", "object", "record_a_id", "record_b_id");

-- AddForeignKey
ALTER TABLE "crm_settings" ADD CONSTRAINT "crm_settings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "companies" ADD CONSTRAINT "companies_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_organization_id_company_id_fkey" FOREIGN KEY ("organization_id", "company_id") REFERENCES "companies"("organization_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contact_emails" ADD CONSTRAINT "contact_emails_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contact_emails" ADD CONSTRAINT "contact_emails_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "contacts"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contact_phones" ADD CONSTRAINT "contact_phones_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contact_phones" ADD CONSTRAINT "contact_phones_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "contacts"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "contacts"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "custom_field_definitions" ADD CONSTRAINT "custom_field_definitions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "custom_field_values" ADD CONSTRAINT "custom_field_values_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "custom_field_values" ADD CONSTRAINT "custom_field_values_organization_id_field_id_fkey" FOREIGN KEY ("organization_id", "field_id") REFERENCES "custom_field_definitions"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "custom_field_values" ADD CONSTRAINT "custom_field_values_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "contacts"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "custom_field_values" ADD CONSTRAINT "custom_field_values_organization_id_company_id_fkey" FOREIGN KEY ("organization_id", "company_id") REFERENCES "companies"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "custom_field_values" ADD CONSTRAINT "custom_field_values_organization_id_deal_id_fkey" FOREIGN KEY ("organization_id", "deal_id") REFERENCES "deals"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "contacts"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_organization_id_company_id_fkey" FOREIGN KEY ("organization_id", "company_id") REFERENCES "companies"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_organization_id_deal_id_fkey" FOREIGN KEY ("organization_id", "deal_id") REFERENCES "deals"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "pipelines" ADD CONSTRAINT "pipelines_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "pipeline_stages" ADD CONSTRAINT "pipeline_stages_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "pipeline_stages" ADD CONSTRAINT "pipeline_stages_organization_id_pipeline_id_fkey" FOREIGN KEY ("organization_id", "pipeline_id") REFERENCES "pipelines"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_organization_id_pipeline_id_fkey" FOREIGN KEY ("organization_id", "pipeline_id") REFERENCES "pipelines"("organization_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_organization_id_stage_id_fkey" FOREIGN KEY ("organization_id", "stage_id") REFERENCES "pipeline_stages"("organization_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_organization_id_company_id_fkey" FOREIGN KEY ("organization_id", "company_id") REFERENCES "companies"("organization_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "deal_contacts" ADD CONSTRAINT "deal_contacts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "deal_contacts" ADD CONSTRAINT "deal_contacts_organization_id_deal_id_fkey" FOREIGN KEY ("organization_id", "deal_id") REFERENCES "deals"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "deal_contacts" ADD CONSTRAINT "deal_contacts_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "contacts"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "deal_stage_changes" ADD CONSTRAINT "deal_stage_changes_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "deal_stage_changes" ADD CONSTRAINT "deal_stage_changes_organization_id_deal_id_fkey" FOREIGN KEY ("organization_id", "deal_id") REFERENCES "deals"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "deal_stage_changes" ADD CONSTRAINT "deal_stage_changes_organization_id_from_stage_id_fkey" FOREIGN KEY ("organization_id", "from_stage_id") REFERENCES "pipeline_stages"("organization_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "deal_stage_changes" ADD CONSTRAINT "deal_stage_changes_organization_id_to_stage_id_fkey" FOREIGN KEY ("organization_id", "to_stage_id") REFERENCES "pipeline_stages"("organization_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "contacts"("organization_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_organization_id_deal_id_fkey" FOREIGN KEY ("organization_id", "deal_id") REFERENCES "deals"("organization_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_organization_id_company_id_fkey" FOREIGN KEY ("organization_id", "company_id") REFERENCES "companies"("organization_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contact_lists" ADD CONSTRAINT "contact_lists_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contact_list_members" ADD CONSTRAINT "contact_list_members_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contact_list_members" ADD CONSTRAINT "contact_list_members_organization_id_list_id_fkey" FOREIGN KEY ("organization_id", "list_id") REFERENCES "contact_lists"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contact_list_members" ADD CONSTRAINT "contact_list_members_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "contacts"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "segments" ADD CONSTRAINT "segments_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "crm_saved_views" ADD CONSTRAINT "crm_saved_views_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contact_imports" ADD CONSTRAINT "contact_imports_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contact_import_changes" ADD CONSTRAINT "contact_import_changes_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contact_import_changes" ADD CONSTRAINT "contact_import_changes_organization_id_import_id_fkey" FOREIGN KEY ("organization_id", "import_id") REFERENCES "contact_imports"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contact_import_changes" ADD CONSTRAINT "contact_import_changes_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "contacts"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "crm_merges" ADD CONSTRAINT "crm_merges_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "duplicate_candidates" ADD CONSTRAINT "duplicate_candidates_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- CrmSettings
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "crm_settings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm_settings" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "crm_settings" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- Company
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "companies" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "companies" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "companies" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- Contact
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "contacts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "contacts" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "contacts" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- ContactEmail
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "contact_emails" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "contact_emails" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "contact_emails" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- ContactPhone
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "contact_phones" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "contact_phones" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "contact_phones" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- ConsentRecord
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "consent_records" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "consent_records" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "consent_records" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- CustomFieldDefinition
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "custom_field_definitions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "custom_field_definitions" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "custom_field_definitions" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- CustomFieldValue
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "custom_field_values" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "custom_field_values" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "custom_field_values" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- Activity
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "activities" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "activities" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "activities" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- Pipeline
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "pipelines" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "pipelines" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "pipelines" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- PipelineStage
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "pipeline_stages" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "pipeline_stages" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "pipeline_stages" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- Deal
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "deals" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "deals" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "deals" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- DealContact
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "deal_contacts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "deal_contacts" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "deal_contacts" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- DealStageChange
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "deal_stage_changes" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "deal_stage_changes" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "deal_stage_changes" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- Task
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "tasks" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tasks" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "tasks" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- ContactList
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "contact_lists" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "contact_lists" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "contact_lists" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- ContactListMember
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "contact_list_members" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "contact_list_members" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "contact_list_members" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- Segment
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "segments" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "segments" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "segments" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- CrmSavedView
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "crm_saved_views" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm_saved_views" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "crm_saved_views" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- ContactImport
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "contact_imports" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "contact_imports" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "contact_imports" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- ContactImportChange
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "contact_import_changes" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "contact_import_changes" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "contact_import_changes" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- CrmMerge
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "crm_merges" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm_merges" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "crm_merges" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- DuplicateCandidate
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "duplicate_candidates" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "duplicate_candidates" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "duplicate_candidates" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);
