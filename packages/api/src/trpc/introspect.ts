import type { AnyRouter } from "@trpc/server";
import type { ProcedureMeta } from "./init";

export interface ProcedureDescriptor {
  path: string;
  type: "query" | "mutation" | "subscription";
  meta: ProcedureMeta | undefined;
}

/** Every procedure of a router with its declared access level — what the isolation and RBAC suites iterate. */
export function listProcedures(router: AnyRouter): ProcedureDescriptor[] {
  const procedures = router._def.procedures as unknown as Record<string, { _def: { type: ProcedureDescriptor["type"]; meta?: ProcedureMeta } }>;
  return Object.entries(procedures).map(([path, procedure]) => ({ path, type: procedure._def.type, meta: procedure._def.meta }));
}
