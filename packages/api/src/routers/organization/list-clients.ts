import { withOrg } from "@mg/db";
import { orgProcedure } from "../../trpc/init";
import { gettingStartedState, gettingStartedSteps, progressOf } from "../../services/getting-started";

/**
 * The agency overview: every client at once. Each client's figures are read in that client's own
 * RLS scope (one short transaction each), never by widening the agency's.
 */
export const listClients = orgProcedure("clients.read", { transaction: "per-operation" }).query(async ({ ctx }) => {
  if (ctx.org.kind !== "AGENCY") return { isAgency: false as const, clients: [] };
  const clients = await ctx.db.organization.findMany({
    where: { parentId: ctx.org.id, deletedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true, plan: true, status: true, timezone: true, industry: true, createdAt: true, provisionedAt: true },
  });
  // The agency's people reach every client: read once here, in the agency's own scope.
  const agencyMembers = await ctx.db.membership.findMany({ select: { userId: true } });
  const figures = await Promise.all(
    clients.map((client) =>
      withOrg(client.id, async (db) => {
        const [members, state, lastActivity] = await Promise.all([
          db.membership.count(),
          // The same derivation as the client's own dashboard, so the two never disagree.
          gettingStartedState(db, { parentId: ctx.org.id, timezone: client.timezone }, { agencyMembers }),
          db.auditLog.findFirst({ orderBy: { createdAt: "desc" }, select: { createdAt: true, action: true } }),
        ]);
        return { clientId: client.id, members, onboarding: progressOf(gettingStartedSteps(state)), lastActivity };
      }),
    ),
  );
  const byId = new Map(figures.map((f) => [f.clientId, f]));
  return {
    isAgency: true as const,
    clients: clients.map((client) => {
      const f = byId.get(client.id);
      return { ...client, directMembers: f?.members ?? 0, onboarding: f?.onboarding ?? { done: 0, total: 0 }, lastActivity: f?.lastActivity ?? null };
    }),
  };
});
