import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { withOrg, type Organization, type TenantDb } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { RESERVED_SLUGS, type CreateClientInput, type CreateOrganizationInput } from "../schemas/organization";
import { slugify, withSuffix } from "./slugs";

const TRIAL_DAYS = 14;

/** Slugs are public URLs, so checking one across tenants reveals nothing private. */
async function slugTaken(slug: string): Promise<boolean> {
  return (await systemDb().organization.findUnique({ where: { slug }, select: { id: true } })) !== null;
}

/**
 * The wanted slug if the user chose one (taken = CONFLICT, theirs to change), otherwise the
 * name's slug with a suffix until free. The unique index stays the final word under races.
 */
async function availableSlug(wanted: string | undefined, name: string): Promise<string> {
  if (wanted) {
    if (RESERVED_SLUGS.has(wanted) || (await slugTaken(wanted))) {
      throw new TRPCError({ code: "CONFLICT", message: `The address "${wanted}" is already taken.` });
    }
    return wanted;
  }
  let slug = slugify(name);
  for (let attempt = 0; attempt < 8 && (await slugTaken(slug)); attempt += 1) slug = withSuffix(slugify(name));
  return slug;
}

/** A new top-level organization with its creator as OWNER, created inside its own RLS scope. */
export async function createOrganization(userId: string, input: CreateOrganizationInput): Promise<Organization> {
  const slug = await availableSlug(input.slug, input.name);
  const id = randomUUID();
  return withOrg(
      id,
      async (db) => {
        const organization = await db.organization.create({
          data: {
            id,
            slug,
            name: input.name,
            kind: input.kind,
            plan: input.kind === "AGENCY" ? "PROFESSIONAL" : "FREE",
            status: "TRIAL",
            trialEndsAt: new Date(Date.now() + TRIAL_DAYS * 86_400_000),
            timezone: input.timezone,
            industry: input.industry ?? null,
            country: input.country ?? null,
          },
        });
        await db.membership.create({ data: { organizationId: id, userId, role: "OWNER" } });
        return organization;
      },
      { userId },
    );
}

/** A client organization under an agency, created in the agency's transaction (RLS allows parent_id = agency). */
export async function createClientOrganization(db: TenantDb, agency: Organization, input: CreateClientInput): Promise<Organization> {
  if (agency.kind !== "AGENCY") throw new TRPCError({ code: "BAD_REQUEST", message: "Only agencies have client organizations." });
  const slug = await availableSlug(input.slug, input.name);
  return db.organization.create({
      data: {
        parentId: agency.id,
        slug,
        name: input.name,
        kind: "BUSINESS",
        plan: agency.plan,
        status: agency.status === "TRIAL" ? "TRIAL" : "ACTIVE",
        trialEndsAt: agency.trialEndsAt,
        timezone: input.timezone,
        industry: input.industry ?? null,
        country: agency.country,
        branding: agency.branding ?? {},
      },
    });
}
