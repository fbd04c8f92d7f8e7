-- Who may enter which organization (docs/tenancy.md, rules 5 and 6), stated once, in the database:
-- the organization by slug (never a deleted one), the caller's direct role there, else the role
-- they hold in its parent agency. Both ways into an organization use it: the system path
-- (resolveOrgAccess) and the read path, which enters in the same round trip as its BEGIN
-- (mg_enter_organization). The organization's columns come as Prisma names and types them, so
-- `packages/api/test/tenancy/resolve-access.test.ts` can hold the row to Prisma's own read.
-- SECURITY DEFINER: it runs as the owner (BYPASSRLS), since it must read memberships and the
-- parent agency before any organization is in scope. Not callable by the app role.
CREATE TYPE "mg_organization_access_row" AS (
  "id" uuid, "parentId" uuid, "kind" text, "name" text, "slug" text, "plan" text, "status" text,
  "trialEndsAt" timestamp(3), "limitOverrides" jsonb, "featureFlags" jsonb, "branding" jsonb,
  "timezone" text, "country" text, "industry" text, "dataResidency" text, "provisionedAt" timestamp(3),
  "deletedAt" timestamp(3), "createdAt" timestamp(3), "updatedAt" timestamp(3),
  "role" text, "via" text, "parentName" text, "parentSlug" text
);

CREATE FUNCTION "mg_organization_access"(p_user_id uuid, p_slug text)
RETURNS SETOF "mg_organization_access_row"
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  -- plpgsql keeps this statement's plan: it is run on every request into an organization.
  RETURN QUERY
  SELECT o.id, o.parent_id, o.kind::text, o.name, o.slug, o.plan::text, o.status::text,
         o.trial_ends_at, o.limit_overrides, o.feature_flags, o.branding,
         o.timezone, o.country::text, o.industry, o.data_residency::text, o.provisioned_at,
         o.deleted_at, o.created_at, o.updated_at,
         coalesce(d.role, a.role)::text,
         CASE WHEN d.role IS NOT NULL THEN 'direct' ELSE 'agency' END,
         p.name, p.slug
  FROM organizations o
  LEFT JOIN memberships d ON d.organization_id = o.id AND d.user_id = p_user_id
  LEFT JOIN organizations p ON p.id = o.parent_id
  LEFT JOIN memberships a ON a.organization_id = p.id AND a.user_id = p_user_id
  WHERE o.slug = p_slug AND o.deleted_at IS NULL AND (d.role IS NOT NULL OR a.role IS NOT NULL);
END
$$;
REVOKE ALL ON FUNCTION "mg_organization_access"(uuid, text) FROM PUBLIC;

-- The read path's entry: the access above for the transaction's own user (app.current_user_id,
-- set by the same message), and — only when there is access — the organization set as the
-- transaction's scope (transaction-local, as every RLS setting). No row: nothing is in scope, and
-- the caller answers NOT_FOUND. The app role may call it (migrate.ts grants it).
CREATE FUNCTION "mg_enter_organization"(p_slug text)
RETURNS SETOF "mg_organization_access_row"
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  entry "mg_organization_access_row";
BEGIN
  FOR entry IN SELECT * FROM mg_organization_access(nullif(current_setting('app.current_user_id', true), '')::uuid, p_slug) LOOP
    PERFORM set_config('app.current_organization_id', entry."id"::text, true);
    RETURN NEXT entry;
  END LOOP;
END
$$;
REVOKE ALL ON FUNCTION "mg_enter_organization"(text) FROM PUBLIC;
