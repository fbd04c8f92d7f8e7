-- CreateEnum
CREATE TYPE "LandingPageStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'UNPUBLISHED');

-- CreateEnum
CREATE TYPE "LeadFormStatus" AS ENUM ('ACTIVE', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "FormSubmissionStatus" AS ENUM ('RECEIVED', 'PROCESSED', 'FAILED');

-- CreateEnum
CREATE TYPE "VisitKind" AS ENUM ('PAGE', 'LINK', 'QR');

-- CreateEnum
CREATE TYPE "ScoreRuleKind" AS ENUM ('FACT', 'BEHAVIOUR');

-- CreateEnum
CREATE TYPE "ScoringModelStatus" AS ENUM ('TRAINED', 'INSUFFICIENT_DATA');

-- CreateTable
CREATE TABLE "landing_pages" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "template_key" TEXT,
    "draft" JSONB NOT NULL DEFAULT '{}',
    "seo" JSONB NOT NULL DEFAULT '{}',
    "thank_you" JSONB NOT NULL DEFAULT '{}',
    "draft_revision" INTEGER NOT NULL DEFAULT 0,
    "status" "LandingPageStatus" NOT NULL DEFAULT 'DRAFT',
    "published_version_id" UUID,
    "published_at" TIMESTAMP(3),
    "publish_at" TIMESTAMP(3),
    "unpublish_at" TIMESTAMP(3),
    "created_by_id" UUID,
    "updated_by_id" UUID,
    "deleted_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "landing_pages_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "landing_page_versions" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "page_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "seo" JSONB NOT NULL,
    "thank_you" JSONB NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "landing_page_versions_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "lead_forms" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "definition" JSONB NOT NULL DEFAULT '{}',
    "consents" JSONB NOT NULL DEFAULT '[]',
    "double_opt_in" BOOLEAN NOT NULL DEFAULT false,
    "thank_you" JSONB NOT NULL DEFAULT '{}',
    "owner_user_id" UUID,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "revision" INTEGER NOT NULL DEFAULT 0,
    "status" "LeadFormStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_by_id" UUID,
    "deleted_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "lead_forms_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "form_submissions" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "form_id" UUID NOT NULL,
    "page_id" UUID,
    "form_revision" INTEGER NOT NULL,
    "values" JSONB NOT NULL,
    "context" JSONB NOT NULL,
    "status" "FormSubmissionStatus" NOT NULL DEFAULT 'RECEIVED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "contact_id" UUID,
    "confirmed_at" TIMESTAMP(3),
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMP(3),

    CONSTRAINT "form_submissions_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "form_refusal_counts" (
    "organization_id" UUID NOT NULL,
    "form_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "form_refusal_counts_pkey" PRIMARY KEY ("organization_id","form_id","day","reason")
);

-- CreateTable
CREATE TABLE "tracked_links" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "page_id" UUID,
    "destination_url" TEXT,
    "utm" JSONB NOT NULL DEFAULT '{}',
    "campaign_id" UUID,
    "archived_at" TIMESTAMP(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "tracked_links_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "link_codes" (
    "code" TEXT NOT NULL,
    "organization_id" UUID NOT NULL,
    "link_id" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "link_codes_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "visits" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "kind" "VisitKind" NOT NULL,
    "target_key" TEXT NOT NULL,
    "link_id" UUID,
    "page_id" UUID,
    "visitor_key" TEXT NOT NULL,
    "visitor_id" TEXT,
    "hour" TIMESTAMP(3) NOT NULL,
    "country" CHAR(2),
    "referrer" TEXT,
    "utm" JSONB,
    "landing_url" TEXT,
    "occurred_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "visits_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "lead_capture_settings" (
    "organization_id" UUID NOT NULL,
    "turnstile_site_key" TEXT,
    "turnstile_secret_enc" TEXT,
    "attribution_needs_consent" BOOLEAN NOT NULL DEFAULT true,
    "round_robin_user_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "round_robin_cursor" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "lead_capture_settings_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable
CREATE TABLE "lead_scores" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "is_primary" BOOLEAN NOT NULL DEFAULT false,
    "thresholds" JSONB NOT NULL DEFAULT '[]',
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "lead_scores_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "score_rules" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "score_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ScoreRuleKind" NOT NULL,
    "event" TEXT,
    "condition" JSONB NOT NULL DEFAULT '{}',
    "points" INTEGER NOT NULL,
    "half_life_days" INTEGER,
    "cap" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "archived_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "score_rules_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "score_ledger" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "score_id" UUID NOT NULL,
    "rule_id" UUID,
    "points" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "source_key" TEXT NOT NULL,
    "occurred_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "score_ledger_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "contact_scores" (
    "organization_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "score_id" UUID NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "contact_scores_pkey" PRIMARY KEY ("organization_id","contact_id","score_id")
);

-- CreateTable
CREATE TABLE "scoring_models" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "status" "ScoringModelStatus" NOT NULL,
    "samples" INTEGER NOT NULL,
    "conversions" INTEGER NOT NULL,
    "auc" DOUBLE PRECISION,
    "weights" JSONB NOT NULL DEFAULT '{}',
    "trained_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scoring_models_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE INDEX "landing_pages_organization_id_updated_at_id_idx" ON "landing_pages"("organization_id", "updated_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "landing_pages_organization_id_status_idx" ON "landing_pages"("organization_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "landing_pages_organization_id_slug_key" ON "landing_pages"("organization_id", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "landing_page_versions_organization_id_page_id_number_key" ON "landing_page_versions"("organization_id", "page_id", "number");

-- CreateIndex
CREATE INDEX "lead_forms_organization_id_updated_at_id_idx" ON "lead_forms"("organization_id", "updated_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "lead_forms_organization_id_slug_key" ON "lead_forms"("organization_id", "slug");

-- CreateIndex
CREATE INDEX "form_submissions_organization_id_form_id_received_at_id_idx" ON "form_submissions"("organization_id", "form_id", "received_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "form_submissions_organization_id_status_received_at_idx" ON "form_submissions"("organization_id", "status", "received_at");

-- CreateIndex
CREATE INDEX "form_submissions_organization_id_contact_id_idx" ON "form_submissions"("organization_id", "contact_id");

-- CreateIndex
CREATE INDEX "tracked_links_organization_id_created_at_id_idx" ON "tracked_links"("organization_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "tracked_links_organization_id_campaign_id_idx" ON "tracked_links"("organization_id", "campaign_id");

-- CreateIndex
CREATE INDEX "tracked_links_organization_id_page_id_idx" ON "tracked_links"("organization_id", "page_id");

-- CreateIndex
CREATE UNIQUE INDEX "tracked_links_organization_id_code_key" ON "tracked_links"("organization_id", "code");

-- CreateIndex
CREATE INDEX "link_codes_organization_id_idx" ON "link_codes"("organization_id");

-- CreateIndex
CREATE INDEX "visits_organization_id_link_id_occurred_at_idx" ON "visits"("organization_id", "link_id", "occurred_at");

-- CreateIndex
CREATE INDEX "visits_organization_id_page_id_occurred_at_idx" ON "visits"("organization_id", "page_id", "occurred_at");

-- CreateIndex
CREATE INDEX "visits_organization_id_visitor_id_occurred_at_idx" ON "visits"("organization_id", "visitor_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "visits_organization_id_target_key_visitor_key_hour_key" ON "visits"("organization_id", "target_key", "visitor_key", "hour");

-- CreateIndex
CREATE UNIQUE INDEX "lead_scores_organization_id_key_key" ON "lead_scores"("organization_id", "key");

-- CreateIndex
CREATE INDEX "score_rules_organization_id_score_id_kind_idx" ON "score_rules"("organization_id", "score_id", "kind");

-- CreateIndex
CREATE INDEX "score_ledger_organization_id_contact_id_score_id_occurred_a_idx" ON "score_ledger"("organization_id", "contact_id", "score_id", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "score_ledger_organization_id_rule_id_idx" ON "score_ledger"("organization_id", "rule_id");

-- CreateIndex
CREATE UNIQUE INDEX "score_ledger_organization_id_source_key_key" ON "score_ledger"("organization_id", "source_key");

-- CreateIndex
CREATE INDEX "contact_scores_organization_id_score_id_total_idx" ON "contact_scores"("organization_id", "score_id", "total" DESC);

-- CreateIndex
CREATE INDEX "scoring_models_organization_id_trained_at_idx" ON "scoring_models"("organization_id", "trained_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "campaigns_organization_id_id_key" ON "campaigns"("organization_id", "id");

-- AddForeignKey
ALTER TABLE "landing_pages" ADD CONSTRAINT "landing_pages_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "landing_page_versions" ADD CONSTRAINT "landing_page_versions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "landing_page_versions" ADD CONSTRAINT "landing_page_versions_organization_id_page_id_fkey" FOREIGN KEY ("organization_id", "page_id") REFERENCES "landing_pages"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "lead_forms" ADD CONSTRAINT "lead_forms_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_organization_id_form_id_fkey" FOREIGN KEY ("organization_id", "form_id") REFERENCES "lead_forms"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "form_refusal_counts" ADD CONSTRAINT "form_refusal_counts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "form_refusal_counts" ADD CONSTRAINT "form_refusal_counts_organization_id_form_id_fkey" FOREIGN KEY ("organization_id", "form_id") REFERENCES "lead_forms"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "tracked_links" ADD CONSTRAINT "tracked_links_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "tracked_links" ADD CONSTRAINT "tracked_links_organization_id_page_id_fkey" FOREIGN KEY ("organization_id", "page_id") REFERENCES "landing_pages"("organization_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "tracked_links" ADD CONSTRAINT "tracked_links_organization_id_campaign_id_fkey" FOREIGN KEY ("organization_id", "campaign_id") REFERENCES "campaigns"("organization_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "visits" ADD CONSTRAINT "visits_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "lead_capture_settings" ADD CONSTRAINT "lead_capture_settings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "lead_scores" ADD CONSTRAINT "lead_scores_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "score_rules" ADD CONSTRAINT "score_rules_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "score_rules" ADD CONSTRAINT "score_rules_organization_id_score_id_fkey" FOREIGN KEY ("organization_id", "score_id") REFERENCES "lead_scores"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "score_ledger" ADD CONSTRAINT "score_ledger_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "score_ledger" ADD CONSTRAINT "score_ledger_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "contacts"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "score_ledger" ADD CONSTRAINT "score_ledger_organization_id_score_id_fkey" FOREIGN KEY ("organization_id", "score_id") REFERENCES "lead_scores"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "score_ledger" ADD CONSTRAINT "score_ledger_organization_id_rule_id_fkey" FOREIGN KEY ("organization_id", "rule_id") REFERENCES "score_rules"("organization_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contact_scores" ADD CONSTRAINT "contact_scores_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contact_scores" ADD CONSTRAINT "contact_scores_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "contacts"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "contact_scores" ADD CONSTRAINT "contact_scores_organization_id_score_id_fkey" FOREIGN KEY ("organization_id", "score_id") REFERENCES "lead_scores"("organization_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "scoring_models" ADD CONSTRAINT "scoring_models_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- LandingPage
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "landing_pages" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "landing_pages" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "landing_pages" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- LandingPageVersion
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "landing_page_versions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "landing_page_versions" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "landing_page_versions" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- LeadForm
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "lead_forms" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "lead_forms" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "lead_forms" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- FormSubmission
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "form_submissions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "form_submissions" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "form_submissions" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- FormRefusalCount
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "form_refusal_counts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "form_refusal_counts" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "form_refusal_counts" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- TrackedLink
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "tracked_links" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tracked_links" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "tracked_links" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- Visit
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "visits" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "visits" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "visits" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- LeadCaptureSettings
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "lead_capture_settings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "lead_capture_settings" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "lead_capture_settings" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- LeadScore
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "lead_scores" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "lead_scores" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "lead_scores" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- ScoreRule
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "score_rules" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "score_rules" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "score_rules" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- ScoreLedger
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "score_ledger" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "score_ledger" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "score_ledger" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- ContactScore
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "contact_scores" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "contact_scores" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "contact_scores" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- ScoringModel
-- Row-level security: rows are visible and writable only for the organization in app.current_organization_id
ALTER TABLE "scoring_models" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "scoring_models" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "scoring_models" USING ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid) WITH CHECK ("organization_id" = nullif(current_setting('app.current_organization_id', true), '')::uuid);

-- Short link codes are global (a visitor's /r/{code} names no organization), so a code is claimed in
-- link_codes, a routing table the app role cannot read or write directly. Claiming is only ever for
-- the organization already in scope; resolving answers the organization and link a code names.
-- SECURITY DEFINER: they run as the owner; migrate.ts grants the app role EXECUTE.
CREATE FUNCTION "mg_claim_link_code"(p_code text, p_link_id uuid)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  org uuid := nullif(current_setting('app.current_organization_id', true), '')::uuid;
BEGIN
  IF org IS NULL THEN
    RAISE EXCEPTION 'no organization in scope' USING ERRCODE = '42501';
  END IF;
  INSERT INTO link_codes (code, organization_id, link_id) VALUES (p_code, org, p_link_id) ON CONFLICT (code) DO NOTHING;
  RETURN FOUND;
END
$$;
REVOKE ALL ON FUNCTION "mg_claim_link_code"(text, uuid) FROM PUBLIC;

CREATE FUNCTION "mg_resolve_link_code"(p_code text)
RETURNS TABLE ("organization_id" uuid, "link_id" uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT organization_id, link_id FROM link_codes WHERE code = p_code
$$;
REVOKE ALL ON FUNCTION "mg_resolve_link_code"(text) FROM PUBLIC;

-- The public site's way into an organization (its published pages, forms and links), by slug and
-- without a member: the organization's public face (never its terms beyond its status), and — only
-- when it is live (not deleted, not suspended or archived) — the organization set as the
-- transaction's scope. A deleted organization still answers its row, so the site can say 410.
CREATE FUNCTION "mg_enter_public_organization"(p_slug text)
RETURNS TABLE ("id" uuid, "slug" text, "name" text, "status" text, "branding" jsonb, "timezone" text, "country" text, "deleted_at" timestamp(3))
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  FOR id, slug, name, status, branding, timezone, country, deleted_at IN
    SELECT o.id, o.slug, o.name, o.status::text, o.branding, o.timezone, o.country::text, o.deleted_at FROM organizations o WHERE o.slug = p_slug
  LOOP
    IF deleted_at IS NULL AND status IN ('TRIAL', 'ACTIVE') THEN
      PERFORM set_config('app.current_organization_id', id::text, true);
    END IF;
    RETURN NEXT;
  END LOOP;
END
$$;
REVOKE ALL ON FUNCTION "mg_enter_public_organization"(text) FROM PUBLIC;

-- The same by organization id (a signed form token or a resolved link code names the id).
CREATE FUNCTION "mg_enter_public_organization_by_id"(p_id uuid)
RETURNS TABLE ("id" uuid, "slug" text, "name" text, "status" text, "branding" jsonb, "timezone" text, "country" text, "deleted_at" timestamp(3))
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  FOR id, slug, name, status, branding, timezone, country, deleted_at IN
    SELECT o.id, o.slug, o.name, o.status::text, o.branding, o.timezone, o.country::text, o.deleted_at FROM organizations o WHERE o.id = p_id
  LOOP
    IF deleted_at IS NULL AND status IN ('TRIAL', 'ACTIVE') THEN
      PERFORM set_config('app.current_organization_id', id::text, true);
    END IF;
    RETURN NEXT;
  END LOOP;
END
$$;
REVOKE ALL ON FUNCTION "mg_enter_public_organization_by_id"(uuid) FROM PUBLIC;
