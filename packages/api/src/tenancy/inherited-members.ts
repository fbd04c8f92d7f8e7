import { AsyncLocalStorage } from "node:async_hooks";
import { systemDb } from "@mg/db/system";

export interface InheritedMember {
  role: Awaited<ReturnType<typeof readInheritedMembers>>[number]["role"];
  user: { id: string; name: string | null; email: string };
}

async function readInheritedMembers(agencyId: string) {
  const rows = await systemDb().membership.findMany({
    where: { organizationId: agencyId },
    orderBy: { createdAt: "asc" },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((r) => ({ role: r.role, user: r.user }));
}

/** The agency's members read before a client organization's transaction opened (withInheritedMembers). */
// On globalThis, one per process: a Next.js build bundles this module into several chunks, and the
// copy that preloads must be the one that serves.
const holder = globalThis as unknown as { __mgInheritedMembers?: AsyncLocalStorage<{ agencyId: string; members: InheritedMember[] }> };
const preloaded = (holder.__mgInheritedMembers ??= new AsyncLocalStorage<{ agencyId: string; members: InheritedMember[] }>());

/**
 * Runs `work` — a client organization's transaction — with its agency's members already read. They
 * live in the agency's scope, so reading them means a second connection (the system path); inside
 * the client's open transaction that second connection would wait for it on the embedded
 * database (one backend session: connections take turns, docs/architecture.md) until the
 * transaction timed out. Read once before, they are served from here for the whole unit of work.
 */
export async function withInheritedMembers<T>(agencyId: string | null, work: () => Promise<T>): Promise<T> {
  if (!agencyId) return work();
  const members = await readInheritedMembers(agencyId);
  return preloaded.run({ agencyId, members }, work);
}

/**
 * The agency's members, who reach a client organization by inheritance. Read through the system
 * path because they live in the parent's scope; callers pass the parent id of an organization the
 * user was already admitted to, and only names, emails and roles leave this function.
 */
export async function listInheritedMembers(agencyId: string): Promise<InheritedMember[]> {
  const store = preloaded.getStore();
  if (store?.agencyId === agencyId) return store.members;
  return readInheritedMembers(agencyId);
}
