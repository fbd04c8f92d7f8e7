import { orgProcedure } from "../../trpc/init";
import { createClientInput } from "../../schemas/organization";
import { withOrg } from "@mg/db";
import { createClientOrganization, createDefaultOnboardingTasks } from "../../services/organizations";
import { assertFeature, assertQuota } from "../../quotas";

/** An agency adds a client organization; the agency's members reach it by inheritance. */
export const createClientProcedure = orgProcedure("clients.create")
  .input(createClientInput)
  .mutation(async ({ ctx, input }) => {
    assertFeature(ctx.org, "agencyClients");
    await assertQuota(ctx.db, ctx.org, "clientOrganizations");
    const client = await createClientOrganization(ctx.db, ctx.org, input);
    ctx.audit.target("organization", client.id);
    ctx.audit.note({ clientSlug: client.slug, clientName: client.name });
    // The client's own rows are written in the client's scope, once the client exists.
    ctx.afterCommit(() => withOrg(client.id, (db) => createDefaultOnboardingTasks(db, client.id)));
    await ctx.emit({ name: "organization/created", data: { organizationId: client.id, createdByUserId: ctx.user.id } });
    return { id: client.id, slug: client.slug, name: client.name };
  });
