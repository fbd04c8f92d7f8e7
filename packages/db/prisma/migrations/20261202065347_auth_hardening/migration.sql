-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "ip" TEXT,
ADD COLUMN     "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "user_agent" TEXT;

-- CreateTable
CREATE TABLE "email_verifications" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "consumed_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_verifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "email_verifications_token_hash_key" ON "email_verifications"("token_hash");

-- CreateIndex
CREATE INDEX "email_verifications_user_id_created_at_idx" ON "email_verifications"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_logs_organization_id_actor_id_idx" ON "audit_logs"("organization_id", "actor_id");

-- CreateIndex
CREATE INDEX "invitations_organization_id_invited_by_id_idx" ON "invitations"("organization_id", "invited_by_id");

-- AddForeignKey
ALTER TABLE "email_verifications" ADD CONSTRAINT "email_verifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────── Defence in depth: what the app role (mg_app) may not do, even in raw SQL ─────────────
-- Privileges themselves are granted per role by `pnpm db:migrate` (the roles name is
-- configurable): no writes on users, no access to sessions/accounts/verification tokens/email
-- verifications, and no UPDATE of an organizations plan, status, parent or flags.

-- users: the app role sees only itself (app.current_user_id) and the people related to the
-- organization in scope (members, inviters, audit actors, those tables own RLS limits the
-- subqueries to that organization). Without an organization set it sees nobody else.
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;
CREATE POLICY "users_in_scope" ON "users" FOR SELECT USING (
  "id" = nullif(current_setting('app.current_user_id', true), '')::uuid
  OR EXISTS (SELECT 1 FROM "memberships" m WHERE m."user_id" = "users"."id")
  OR EXISTS (SELECT 1 FROM "invitations" i WHERE i."invited_by_id" = "users"."id")
  OR EXISTS (SELECT 1 FROM "audit_logs" a WHERE a."actor_id" = "users"."id")
);

-- Auth tables: the system path only. RLS with no policy refuses everything to any role that
-- does not bypass RLS, on top of the revoked privileges.
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "sessions" FORCE ROW LEVEL SECURITY;
ALTER TABLE "accounts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "accounts" FORCE ROW LEVEL SECURITY;
ALTER TABLE "verification_tokens" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "verification_tokens" FORCE ROW LEVEL SECURITY;
ALTER TABLE "email_verifications" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "email_verifications" FORCE ROW LEVEL SECURITY;

-- organizations: a tenant creates itself and its clients (RLS), but the commercial terms of a
-- new organization are the databases to decide, not the callers: a top-level business starts
-- on FREE, an agency on a PROFESSIONAL trial, a client inherits its agencys plan and trial.
-- The system path (superuser or BYPASSRLS: billing, platform admin, seeding) sets them freely.
CREATE OR REPLACE FUNCTION "organizations_initial_terms"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  agency "organizations"%ROWTYPE;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls)) THEN
    RETURN NEW;
  END IF;
  NEW."limit_overrides" := '{}';
  NEW."feature_flags" := '{}';
  NEW."deleted_at" := NULL;
  IF NEW."parent_id" IS NULL THEN
    NEW."plan" := CASE WHEN NEW."kind" = 'AGENCY' THEN 'PROFESSIONAL'::"Plan" ELSE 'FREE'::"Plan" END;
    NEW."status" := 'TRIAL';
    NEW."trial_ends_at" := (now() AT TIME ZONE 'UTC') + interval '14 days';
  ELSE
    SELECT * INTO agency FROM "organizations" WHERE "id" = NEW."parent_id";
    IF NOT FOUND OR agency."kind" <> 'AGENCY' OR agency."parent_id" IS NOT NULL THEN
      RAISE EXCEPTION 'only a top-level agency can have client organizations' USING ERRCODE = 'check_violation';
    END IF;
    NEW."kind" := 'BUSINESS';
    NEW."plan" := agency."plan";
    NEW."status" := CASE WHEN agency."status" = 'TRIAL' THEN 'TRIAL'::"OrganizationStatus" ELSE 'ACTIVE'::"OrganizationStatus" END;
    NEW."trial_ends_at" := agency."trial_ends_at";
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "organizations_initial_terms" BEFORE INSERT ON "organizations" FOR EACH ROW EXECUTE FUNCTION "organizations_initial_terms"();
