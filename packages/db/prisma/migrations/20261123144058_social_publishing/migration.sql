-- CreateEnum
CREATE TYPE "SocialNetwork" AS ENUM ('SANDBOX', 'FACEBOOK', 'INSTAGRAM', 'LINKEDIN', 'X', 'TIKTOK');

-- CreateEnum
CREATE TYPE "SocialAccountStatus" AS ENUM ('CONNECTED', 'NEEDS_RECONNECT', 'DISCONNECTED');

-- CreateEnum
CREATE TYPE "MediaStorage" AS ENUM ('LOCAL', 'UPLOADTHING');

-- CreateEnum
CREATE TYPE "MediaKind" AS ENUM ('IMAGE', 'VIDEO');

-- CreateEnum
CREATE TYPE "PostStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'PUBLISHING', 'PUBLISHED', 'PARTIAL', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "PostTargetStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'PUBLISHING', 'PUBLISHED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "LedgerState" AS ENUM ('QUEUED', 'SENT', 'ACKNOWLEDGED', 'VERIFIED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AbTestStatus" AS ENUM ('RUNNING', 'DECIDED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AbTestMetric" AS ENUM ('ENGAGEMENT_RATE', 'IMPRESSIONS', 'LIKES', 'COMMENTS', 'SHARES', 'CLICKS');

-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('POST_MISSED', 'PUBLISH_FAILED', 'ACCOUNT_RECONNECT', 'AB_TEST_DECIDED');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('IMPORTED', 'UNDONE');

-- CreateTable
CREATE TABLE "social_accounts" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "network" "SocialNetwork" NOT NULL,
    "external_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "handle" TEXT,
    "avatar_url" TEXT,
    "access_token_enc" TEXT,
    "refresh_token_enc" TEXT,
    "token_expires_at" TIMESTAMP(3),
    "refresh_token_expires_at" TIMESTAMP(3),
    "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "SocialAccountStatus" NOT NULL DEFAULT 'CONNECTED',
    "last_error" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "connected_by_id" UUID,
    "connected_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disconnected_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "social_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oauth_connect_states" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "network" "SocialNetwork" NOT NULL,
    "state_hash" TEXT NOT NULL,
    "code_verifier" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "social_account_id" UUID,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oauth_connect_states_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "media_assets" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "storage" "MediaStorage" NOT NULL,
    "key" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "kind" "MediaKind" NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "duration_seconds" DOUBLE PRECISION,
    "alt_text" TEXT,
    "uploaded_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "media_assets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaigns" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "goal" TEXT,
    "kpi_targets" JSONB NOT NULL DEFAULT '[]',
    "budget_cents" INTEGER,
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "starts_on" TEXT NOT NULL,
    "ends_on" TEXT NOT NULL,
    "color" TEXT NOT NULL DEFAULT '#6366f1',
    "archived_at" TIMESTAMP(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "posts" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "author_id" UUID,
    "campaign_id" UUID,
    "ab_test_id" UUID,
    "ab_variant_key" TEXT,
    "content" TEXT NOT NULL DEFAULT '',
    "media_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "first_comment" TEXT,
    "labels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "PostStatus" NOT NULL DEFAULT 'DRAFT',
    "timezone" TEXT,
    "local_time" TEXT,
    "scheduled_at" TIMESTAMP(3),
    "schedule_version" INTEGER NOT NULL DEFAULT 0,
    "recurrence_rule" TEXT,
    "series_id" UUID,
    "import_batch_id" UUID,
    "missed_at" TIMESTAMP(3),
    "published_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "post_targets" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "post_id" UUID NOT NULL,
    "social_account_id" UUID NOT NULL,
    "network" "SocialNetwork" NOT NULL,
    "variant_content" TEXT,
    "variant_media_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "use_base_media" BOOLEAN NOT NULL DEFAULT true,
    "variant_first_comment" TEXT,
    "status" "PostTargetStatus" NOT NULL DEFAULT 'DRAFT',
    "scheduled_at" TIMESTAMP(3),
    "external_id" TEXT,
    "external_url" TEXT,
    "published_at" TIMESTAMP(3),
    "verified_at" TIMESTAMP(3),
    "last_error" TEXT,
    "last_error_code" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "post_targets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publish_ledger" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "post_target_id" UUID NOT NULL,
    "schedule_version" INTEGER NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "state" "LedgerState" NOT NULL DEFAULT 'QUEUED',
    "external_id" TEXT,
    "external_url" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "error_code" TEXT,
    "retryable" BOOLEAN,
    "queued_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),
    "acknowledged_at" TIMESTAMP(3),
    "verified_at" TIMESTAMP(3),
    "failed_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "publish_ledger_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "queue_slots" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "social_account_id" UUID NOT NULL,
    "weekday" INTEGER NOT NULL,
    "local_time" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queue_slots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ab_tests" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "metric" "AbTestMetric" NOT NULL DEFAULT 'ENGAGEMENT_RATE',
    "window_hours" INTEGER NOT NULL DEFAULT 48,
    "status" "AbTestStatus" NOT NULL DEFAULT 'RUNNING',
    "winner_post_id" UUID,
    "result" JSONB,
    "decide_at" TIMESTAMP(3),
    "decided_at" TIMESTAMP(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ab_tests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "post_metrics" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "post_target_id" UUID NOT NULL,
    "social_account_id" UUID NOT NULL,
    "period_start" TIMESTAMP(3) NOT NULL,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "reach" INTEGER NOT NULL DEFAULT 0,
    "likes" INTEGER NOT NULL DEFAULT 0,
    "comments" INTEGER NOT NULL DEFAULT 0,
    "shares" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "fetched_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "post_metrics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_metrics" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "social_account_id" UUID NOT NULL,
    "day" TEXT NOT NULL,
    "followers" INTEGER NOT NULL DEFAULT 0,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "engagements" INTEGER NOT NULL DEFAULT 0,
    "fetched_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_metrics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "post_id" UUID,
    "social_account_id" UUID,
    "dedupe_key" TEXT NOT NULL,
    "read_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_batches" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'IMPORTED',
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sandbox_posts" (
    "id" UUID NOT NULL,
    "account_external_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "media" JSONB NOT NULL DEFAULT '[]',
    "first_comment" TEXT,
    "idempotency_key" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "sandbox_posts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "social_accounts_organization_id_status_idx" ON "social_accounts"("organization_id", "status");

-- CreateIndex
CREATE INDEX "social_accounts_organization_id_token_expires_at_idx" ON "social_accounts"("organization_id", "token_expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "social_accounts_organization_id_network_external_id_key" ON "social_accounts"("organization_id", "network", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "oauth_connect_states_state_hash_key" ON "oauth_connect_states"("state_hash");

-- CreateIndex
CREATE INDEX "oauth_connect_states_organization_id_expires_at_idx" ON "oauth_connect_states"("organization_id", "expires_at");

-- CreateIndex
CREATE INDEX "media_assets_organization_id_created_at_idx" ON "media_assets"("organization_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "campaigns_organization_id_starts_on_idx" ON "campaigns"("organization_id", "starts_on");

-- CreateIndex
CREATE UNIQUE INDEX "campaigns_organization_id_name_key" ON "campaigns"("organization_id", "name");

-- CreateIndex
CREATE INDEX "posts_organization_id_scheduled_at_idx" ON "posts"("organization_id", "scheduled_at");

-- CreateIndex
CREATE INDEX "posts_organization_id_status_scheduled_at_idx" ON "posts"("organization_id", "status", "scheduled_at");

-- CreateIndex
CREATE INDEX "posts_organization_id_campaign_id_idx" ON "posts"("organization_id", "campaign_id");

-- CreateIndex
CREATE INDEX "posts_organization_id_series_id_idx" ON "posts"("organization_id", "series_id");

-- CreateIndex
CREATE INDEX "posts_organization_id_import_batch_id_idx" ON "posts"("organization_id", "import_batch_id");

-- CreateIndex
CREATE INDEX "posts_status_scheduled_at_idx" ON "posts"("status", "scheduled_at");

-- CreateIndex
CREATE INDEX "post_targets_organization_id_social_account_id_scheduled_at_idx" ON "post_targets"("organization_id", "social_account_id", "scheduled_at");

-- CreateIndex
CREATE INDEX "post_targets_organization_id_status_idx" ON "post_targets"("organization_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "post_targets_post_id_social_account_id_key" ON "post_targets"("post_id", "social_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "publish_ledger_idempotency_key_key" ON "publish_ledger"("idempotency_key");

-- CreateIndex
CREATE INDEX "publish_ledger_organization_id_state_idx" ON "publish_ledger"("organization_id", "state");

-- CreateIndex
CREATE UNIQUE INDEX "publish_ledger_post_target_id_schedule_version_key" ON "publish_ledger"("post_target_id", "schedule_version");

-- CreateIndex
CREATE INDEX "queue_slots_organization_id_social_account_id_idx" ON "queue_slots"("organization_id", "social_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "queue_slots_social_account_id_weekday_local_time_key" ON "queue_slots"("social_account_id", "weekday", "local_time");

-- CreateIndex
CREATE INDEX "ab_tests_organization_id_status_idx" ON "ab_tests"("organization_id", "status");

-- CreateIndex
CREATE INDEX "post_metrics_organization_id_social_account_id_period_start_idx" ON "post_metrics"("organization_id", "social_account_id", "period_start");

-- CreateIndex
CREATE UNIQUE INDEX "post_metrics_post_target_id_period_start_key" ON "post_metrics"("post_target_id", "period_start");

-- CreateIndex
CREATE INDEX "account_metrics_organization_id_social_account_id_day_idx" ON "account_metrics"("organization_id", "social_account_id", "day");

-- CreateIndex
CREATE UNIQUE INDEX "account_metrics_social_account_id_day_key" ON "account_metrics"("social_account_id", "day");

-- CreateIndex
CREATE INDEX "alerts_organization_id_read_at_created_at_idx" ON "alerts"("organization_id", "read_at", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "alerts_organization_id_dedupe_key_key" ON "alerts"("organization_id", "dedupe_key");

-- CreateIndex
CREATE INDEX "import_batches_organization_id_created_at_idx" ON "import_batches"("organization_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "sandbox_posts_idempotency_key_key" ON "sandbox_posts"("idempotency_key");

-- CreateIndex
CREATE INDEX "sandbox_posts_account_external_id_created_at_idx" ON "sandbox_posts"("account_external_id", "created_at");

-- AddForeignKey
ALTER TABLE "social_accounts" ADD CONSTRAINT "social_accounts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_connect_states" ADD CONSTRAINT "oauth_connect_states_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "media_assets" ADD CONSTRAINT "media_assets_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_ab_test_id_fkey" FOREIGN KEY ("ab_test_id") REFERENCES "ab_tests"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_import_batch_id_fkey" FOREIGN KEY ("import_batch_id") REFERENCES "import_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_targets" ADD CONSTRAINT "post_targets_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_targets" ADD CONSTRAINT "post_targets_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_targets" ADD CONSTRAINT "post_targets_social_account_id_fkey" FOREIGN KEY ("social_account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publish_ledger" ADD CONSTRAINT "publish_ledger_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publish_ledger" ADD CONSTRAINT "publish_ledger_post_target_id_fkey" FOREIGN KEY ("post_target_id") REFERENCES "post_targets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_slots" ADD CONSTRAINT "queue_slots_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_slots" ADD CONSTRAINT "queue_slots_social_account_id_fkey" FOREIGN KEY ("social_account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_metrics" ADD CONSTRAINT "post_metrics_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_metrics" ADD CONSTRAINT "post_metrics_post_target_id_fkey" FOREIGN KEY ("post_target_id") REFERENCES "post_targets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_metrics" ADD CONSTRAINT "account_metrics_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_metrics" ADD CONSTRAINT "account_metrics_social_account_id_fkey" FOREIGN KEY ("social_account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- SocialAccount
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "social_accounts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "social_accounts" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "social_accounts" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- OAuthConnectState
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "oauth_connect_states" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "oauth_connect_states" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "oauth_connect_states" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- MediaAsset
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "media_assets" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "media_assets" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "media_assets" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- Campaign
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "campaigns" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "campaigns" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "campaigns" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- Post
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "posts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "posts" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "posts" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- PostTarget
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "post_targets" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "post_targets" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "post_targets" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- PublishLedger
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "publish_ledger" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "publish_ledger" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "publish_ledger" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- QueueSlot
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "queue_slots" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "queue_slots" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "queue_slots" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- AbTest
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "ab_tests" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ab_tests" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "ab_tests" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- PostMetric
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "post_metrics" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "post_metrics" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "post_metrics" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- AccountMetric
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "account_metrics" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "account_metrics" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "account_metrics" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- Alert
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "alerts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "alerts" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "alerts" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- ImportBatch
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "import_batches" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "import_batches" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "import_batches" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);
