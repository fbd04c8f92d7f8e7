import { rateLimit, verifiedProcedure } from "../../trpc/init";
import { createOrganizationInput } from "../../schemas/organization";
import { createOrganization } from "../../services/organizations";
import { sendEvent } from "../../jobs";

/** Onboarding: a new business or agency, owned by the caller. */
export const createOrganizationProcedure = verifiedProcedure
  .use(rateLimit("organizationsCreated"))
  .input(createOrganizationInput)
  .mutation(async ({ ctx, input }) => {
    const organization = await createOrganization(ctx.user.id, input);
    ctx.audit.organization(organization.id);
    ctx.audit.target("organization", organization.id);
    ctx.audit.note({ kind: organization.kind, slug: organization.slug });
    ctx.afterCommit(() => sendEvent({ name: "organization/created", data: { organizationId: organization.id, createdByUserId: ctx.user.id } }));
    return { id: organization.id, slug: organization.slug, name: organization.name, kind: organization.kind };
  });
