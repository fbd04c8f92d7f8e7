import { authedProcedure } from "../../trpc/init";
import { createOrganizationInput } from "../../schemas/organization";
import { createOrganization } from "../../services/organizations";
import { assertRateLimit } from "../../rate-limit";
import { sendEvent } from "../../jobs";

/** Onboarding: a new business or agency, owned by the caller. */
export const createOrganizationProcedure = authedProcedure.input(createOrganizationInput).mutation(async ({ ctx, input }) => {
  await assertRateLimit("organizationsCreated", ctx.user.id);
  const organization = await createOrganization(ctx.user.id, input);
  ctx.audit.organization(organization.id);
  ctx.audit.target("organization", organization.id);
  ctx.audit.note({ kind: organization.kind, slug: organization.slug });
  ctx.afterCommit(() => sendEvent({ name: "organization/created", data: { organizationId: organization.id, createdByUserId: ctx.user.id } }));
  return { id: organization.id, slug: organization.slug, name: organization.name, kind: organization.kind };
});
