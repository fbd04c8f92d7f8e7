import { WHERE_OPERATIONS, type TenantDb } from "@mg/db";

/**
 * "Members see only the contacts, companies and deals they own" (CRM settings), enforced here —
 * in the query layer — rather than in each handler: crmProcedure hands procedures a client whose
 * contact, company and deal delegates add `ownerUserId = <caller>` to every filter. A procedure
 * cannot forget the rule, and a record someone else owns answers NOT_FOUND like any unknown id.
 * Raw SQL takes the same visibility explicitly: liveContactsSql() (segments/compile.ts).
 */
export interface RecordVisibility {
  /** True when the caller sees only what they own (the setting is on and their role is below admin). */
  ownOnly: boolean;
  userId: string;
}

/**
 * The delegates filtered by owner. The operations filtered are the tenant scope's own list
 * (WHERE_OPERATIONS from @mg/db), so an operation the tenant client learns to scope is
 * owner-filtered too.
 */
const OWNED_DELEGATES = new Set(["contact", "company", "deal"]);

type Args = Record<string, unknown> | undefined;

function ownedWhere(args: Args, userId: string): Record<string, unknown> {
  const base = args ?? {};
  const where = (base.where as Record<string, unknown> | undefined) ?? {};
  const and = where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
  return { ...base, where: { ...where, AND: [...and, { ownerUserId: userId }] } };
}

function restrictDelegate(delegate: object, userId: string): object {
  return new Proxy(delegate, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string" || typeof value !== "function" || !WHERE_OPERATIONS.has(prop)) return value;
      const operation = value as (args: Args) => unknown;
      return (args: Args) => operation.call(target, ownedWhere(args, userId));
    },
  });
}

/** The client a CRM procedure uses: `db` itself, or `db` with owned records only. */
export function visibleDb(db: TenantDb, visibility: RecordVisibility): TenantDb {
  if (!visibility.ownOnly) return db;
  const restricted = new Map<string, object>();
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string" || !OWNED_DELEGATES.has(prop) || typeof value !== "object" || value === null) return value;
      let delegate = restricted.get(prop);
      if (!delegate) {
        delegate = restrictDelegate(value, visibility.userId);
        restricted.set(prop, delegate);
      }
      return delegate;
    },
  });
}
