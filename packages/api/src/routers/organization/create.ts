import { rateLimit, verifiedProcedure } from "../../trpc/init";
import { createOrganizationInput } from "../../schemas/organization";
import { createOrganization } from "../../services/organizations";

/** Onboarding: a new business or agency, owned by the caller. */
export const createOrganizationProcedure = verifiedProcedure
  .use(rateLimit("organizationsCreated"))
  .input(createOrganizationInput)
  .mutation(async ({ ctx, input }) => {
    const organization = await createOrganization(ctx.user.id, input, ctx.afterCommit);
    ctx.audit.organization(organization.id);
    ctx.audit.target("organization", organization.id);
    ctx.audit.note({ kind: organization.kind, slug: organization.slug });
    return { id: organization.id, slug: organization.slug, name: organization.name, kind: organization.kind };
  });
