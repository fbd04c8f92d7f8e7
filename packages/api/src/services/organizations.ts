import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { Prisma, withOrg, type Organization, type TenantDb } from "@mg/db";
import { DEFAULT_ONBOARDING_TASKS } from "@mg/jobs";
import { RESERVED_SLUGS, type CreateClientInput, type CreateOrganizationInput } from "../schemas/organization";
import { emitterFor } from "../jobs";
import { slugify, withSuffix } from "./slugs";

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

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Creates an organization under a free slug. Other tenants' slugs are invisible inside an RLS
 * scope, so the unique index is what discovers a taken one; a savepoint keeps that failure from
 * aborting the surrounding transaction. A slug the user chose is theirs to change (CONFLICT); a
 * generated one gets a suffix.
 */
async function createWithFreeSlug(db: TenantDb, wanted: string | undefined, name: string, create: (slug: string) => Promise<Organization>): Promise<Organization> {
  if (wanted && RESERVED_SLUGS.has(wanted)) throw new TRPCError({ code: "CONFLICT", message: `The address "${wanted}" is reserved.` });
  let slug = wanted ?? slugify(name);
  for (let attempt = 0; attempt < 8; attempt += 1) {
    await db.$executeRaw`SAVEPOINT create_organization`;
    try {
      const organization = await create(slug);
      await db.$executeRaw`RELEASE SAVEPOINT create_organization`;
      return organization;
    } catch (error) {
      await db.$executeRaw`ROLLBACK TO SAVEPOINT create_organization`;
      if (!isUniqueViolation(error)) throw error;
      if (wanted) throw new TRPCError({ code: "CONFLICT", message: `The address "${wanted}" is already taken.`, cause: error });
      slug = withSuffix(slugify(name));
    }
  }
  throw new TRPCError({ code: "CONFLICT", message: "Could not find a free address; choose one yourself." });
}

/**
 * A new top-level organization with its creator as OWNER, created inside its own RLS scope, with
 * its `organization/created` event in the same transaction. Its plan, status and trial are the
 * database's to decide (the `organizations_initial_terms` trigger, docs/tenancy.md).
 */
export async function createOrganization(userId: string, input: CreateOrganizationInput, afterCommit: (fn: () => Promise<unknown>) => void): Promise<Organization> {
  const id = randomUUID();
  return withOrg(
    id,
    async (db) => {
      const organization = await createWithFreeSlug(db, input.slug, input.name, (slug) =>
        db.organization.create({
          data: {
            id,
            slug,
            name: input.name,
            kind: input.kind,
            timezone: input.timezone,
            industry: input.industry ?? null,
            country: input.country ?? null,
          },
        }),
      );
      await db.membership.create({ data: { organizationId: id, userId, role: "OWNER" } });
      await createDefaultOnboardingTasks(db, id);
      await emitterFor(db, id, afterCommit)({ name: "organization/created", data: { organizationId: id, createdByUserId: userId } });
      return organization;
    },
    { userId },
  );
}

/** A client organization under an agency, created in the agency's transaction (RLS allows parent_id = agency). */
export async function createClientOrganization(db: TenantDb, agency: Organization, input: CreateClientInput): Promise<Organization> {
  if (agency.kind !== "AGENCY") throw new TRPCError({ code: "BAD_REQUEST", message: "Only agencies have client organizations." });
  return createWithFreeSlug(db, input.slug, input.name, (slug) =>
    db.organization.create({
      data: {
        parentId: agency.id,
        slug,
        name: input.name,
        kind: "BUSINESS",
        timezone: input.timezone,
        industry: input.industry ?? null,
        country: agency.country,
        branding: agency.branding ?? {},
      },
    }),
  );
}
