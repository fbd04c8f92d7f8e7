import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { Prisma, withOrg, type Organization, type TenantDb } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { RESERVED_SLUGS, type CreateClientInput, type CreateOrganizationInput } from "../schemas/organization";
import { slugify, withSuffix } from "./slugs";
import { DEFAULT_ONBOARDING_TASKS } from "@mg/jobs";

/**
 * The checklist exists from the first page view; the provisioning job creates the same rows
 * (duplicates skipped), so it also covers organizations created while the engine was down.
 */
export async function createDefaultOnboardingTasks(db: TenantDb, organizationId: string): Promise<void> {
  await db.onboardingTask.createMany({
    data: DEFAULT_ONBOARDING_TASKS.map(({ key, title }) => ({ organizationId, key, title })),
    skipDuplicates: true,
  });
}

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
        await createDefaultOnboardingTasks(db, id);
        return organization;
      },
      { userId },
    );
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * A client organization under an agency, created in the agency's transaction (RLS allows
 * parent_id = agency). Slugs of other tenants are invisible here, so a taken slug is discovered by
 * the unique index; a savepoint keeps that failure from aborting the whole transaction.
 */
export async function createClientOrganization(db: TenantDb, agency: Organization, input: CreateClientInput): Promise<Organization> {
  if (agency.kind !== "AGENCY") throw new TRPCError({ code: "BAD_REQUEST", message: "Only agencies have client organizations." });
  if (input.slug && RESERVED_SLUGS.has(input.slug)) throw new TRPCError({ code: "CONFLICT", message: `The address "${input.slug}" is reserved.` });
  let slug = input.slug ?? slugify(input.name);
  for (let attempt = 0; attempt < 8; attempt += 1) {
    await db.$executeRaw`SAVEPOINT create_client`;
    try {
      const client = await db.organization.create({
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
      await db.$executeRaw`RELEASE SAVEPOINT create_client`;
      return client;
    } catch (error) {
      await db.$executeRaw`ROLLBACK TO SAVEPOINT create_client`;
      if (!isUniqueViolation(error)) throw error;
      if (input.slug) throw new TRPCError({ code: "CONFLICT", message: `The address "${input.slug}" is already taken.`, cause: error });
      slug = withSuffix(slugify(input.name));
    }
  }
  throw new TRPCError({ code: "CONFLICT", message: "Could not find a free address; choose one yourself." });
}
