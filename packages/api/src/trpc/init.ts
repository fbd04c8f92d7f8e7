import { initTRPC, TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import { forOrg, readEnteringOrg, withOrg, type Organization, type TenantDb } from "@mg/db";
import { requestLogger } from "@mg/logger";
import { can, ROLE_LABELS, takesDataOut, type Permission } from "../rbac";
import { withInheritedMembers } from "../tenancy/inherited-members";
import { assertRateLimit, RATE_LIMIT_POLICIES, type RateLimitPolicyName } from "../rate-limit";
import { UpgradeRequiredError, type UpgradeRequired } from "../quotas";
import { createAuditRecorder } from "../audit/recorder";
import { accessFromRow, resolveOrgAccess, type OrgAccess } from "../tenancy/resolve-access";
import type { InnerContext, SessionUser } from "./context";
import { DetailedBadRequest, isServerError, markLogged, publicMessage, requestIdOf, toApiError } from "./errors";
import { guardedTransformer, guardInput } from "./input-guard";
import { emitterFor, perOperationEmitter, type Emit } from "../jobs";

/** Procedure metadata: the authorization level and, for org procedures, the one permission. */
export interface ProcedureMeta {
  access: "public" | "authed" | "org";
  permission?: Permission;
  /** Org procedures: "single" (default) runs the whole procedure in one transaction; "read" is `orgReadProcedure`'s. */
  transaction?: "single" | "per-operation" | "read";
  /** Org procedures: how long that one transaction may take (bulk imports need more than 15 s). */
  timeoutMs?: number;
  /** `false` only for mutations that change nothing tenant-owned (declared, never implied). */
  audit?: false;
}

const t = initTRPC
  .context<InnerContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: guardedTransformer,
    errorFormatter({ shape, error, ctx }) {
      const upgrade: UpgradeRequired | null = error.cause instanceof UpgradeRequiredError ? error.cause.details : null;
      return {
        ...shape,
        // Deliberate answers keep their message; anything else (an ORM error wrapped by tRPC as
        // INTERNAL_SERVER_ERROR with its own text) becomes a 500 naming the request's log lines.
        message: publicMessage(error, ctx?.requestId ?? requestIdOf(error) ?? "unavailable"),
        data: {
          ...shape.data,
          // Stack traces stay on the server.
          stack: undefined,
          zodError: error.code === "BAD_REQUEST" && error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
          upgrade,
          details: error.cause instanceof DetailedBadRequest ? error.cause.details : null,
          retryAfterSeconds: error.code === "TOO_MANY_REQUESTS" && error.cause && "retryAfterSeconds" in error.cause ? Number(error.cause.retryAfterSeconds) : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const mergeRouters = t.mergeRouters;

/** Gives the chain the request's logger, and is where a procedure's server-side failure is logged. */
const mapErrors = t.middleware(async ({ ctx, path, type, next }) => {
  const log = requestLogger({ requestId: ctx.requestId, path, type, orgSlug: ctx.orgSlug, userId: ctx.user?.id ?? null });
  const result = await next({ ctx: { log } });
  if (result.ok) return result;
  const error = toApiError(result.error);
  if (isServerError(error)) {
    log.error({ err: error.cause ?? error, code: error.code }, "procedure failed");
    markLogged(error);
  }
  throw error;
});

/** Refuses unstorable characters and oversized strings anywhere in the raw input, before `.input()` parses it. */
const inputGuard = t.middleware(async ({ path, getRawInput, next }) => {
  guardInput(await getRawInput(), path);
  return next();
});

/** Writes one AuditLog row per successful mutation, in the same transaction where there is one. */
const audit = t.middleware(async ({ ctx, type, path, meta, next }) => {
  const recorder = createAuditRecorder();
  const result = await next({ ctx: { audit: recorder } });
  if (!result.ok || type !== "mutation" || meta?.audit === false) return result;
  const entry = recorder.entry();
  const scoped = ctx as typeof ctx & { db?: TenantDb; org?: Organization };
  const write = (db: TenantDb, organizationId: string) =>
    db.auditLog.create({
      data: {
        organizationId,
        actorId: ctx.user?.id ?? null,
        action: path,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        ip: ctx.ip,
        userAgent: ctx.userAgent?.slice(0, 500) ?? null,
        metadata: entry.metadata as object,
      },
    });
  if (scoped.db && scoped.org) {
    await write(scoped.db, scoped.org.id);
  } else if (entry.organizationId) {
    const organizationId = entry.organizationId;
    await withOrg(organizationId, (db) => write(db, organizationId), { userId: ctx.user?.id });
  } else {
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `Mutation ${path} recorded no organization for its audit entry` });
  }
  return result;
});

const requireUser = t.middleware(async ({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  await assertRateLimit("userRequests", ctx.user.id);
  return next({ ctx: { user: ctx.user as SessionUser } });
});

/** One lookup for calls of the same request that ask at the same time (see `InnerContext.accessInFlight`). */
function accessFor(ctx: InnerContext, userId: string, orgSlug: string): Promise<OrgAccess | null> {
  const inFlight = ctx.accessInFlight;
  if (!inFlight) return resolveOrgAccess(userId, orgSlug);
  const key = `${userId}\n${orgSlug}`;
  let lookup = inFlight.get(key);
  if (!lookup) {
    const started = resolveOrgAccess(userId, orgSlug);
    inFlight.set(key, started);
    const settled = () => {
      if (inFlight.get(key) === started) inFlight.delete(key);
    };
    started.then(settled, settled);
    lookup = started;
  }
  return lookup;
}

/** The caller and the organization slug of the URL, before anything is looked up. */
function entering(ctx: InnerContext): { user: SessionUser; orgSlug: string } {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  if (!ctx.orgSlug) throw new TRPCError({ code: "BAD_REQUEST", message: "No organization in the URL." });
  return { user: ctx.user, orgSlug: ctx.orgSlug };
}

/**
 * Who may enter, given the caller's access: NOT_FOUND for outsiders, the procedure's permission
 * (FORBIDDEN), and the lifecycle (a suspended or archived organization stays readable but
 * frozen). Shared by both tenant boundaries below.
 */
function admit(user: SessionUser, access: OrgAccess | null, meta: ProcedureMeta | undefined, type: string) {
  if (!access) throw new TRPCError({ code: "NOT_FOUND", message: "Organization not found." });
  const permission = meta?.permission;
  if (!permission) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Procedure declares no permission." });
  if (!can(access.role, permission)) {
    throw new TRPCError({ code: "FORBIDDEN", message: `Your role (${ROLE_LABELS[access.role]}) does not allow ${permission}.` });
  }
  // Lifecycle: a suspended or archived organization stays readable (and exportable) but frozen.
  // Taking data out is never frozen (rbac takesDataOut): a background export writes only its own file.
  if (type === "mutation" && !takesDataOut(permission) && (access.organization.status === "SUSPENDED" || access.organization.status === "ARCHIVED")) {
    throw new TRPCError({ code: "FORBIDDEN", message: `This organization is ${access.organization.status.toLowerCase()}: it is read-only until it is reactivated.` });
  }
  return { user, org: access.organization, role: access.role, via: access.via, parent: access.parent };
}

/** The organization from the URL slug, looked up on the system path, then admitted (above). */
async function enterOrganization(ctx: InnerContext, meta: ProcedureMeta | undefined, type: string) {
  const { user, orgSlug } = entering(ctx);
  return admit(user, await accessFor(ctx, user.id, orgSlug), meta, type);
}

/**
 * The tenant boundary. Enters the organization (above), then runs the rest of the chain in one
 * transaction with RLS set. A failed procedure is rethrown so nothing commits.
 */
const requireOrg = t.middleware(async ({ ctx, meta, type, next }) => {
  const orgCtx = await enterOrganization(ctx, meta, type);
  const orgId = orgCtx.org.id;
  // The base chain's afterCommit queue (set up before this middleware runs).
  const { afterCommit: queueAfterCommit } = ctx as typeof ctx & { afterCommit: (fn: () => Promise<unknown>) => void };
  if (meta?.transaction === "per-operation") {
    // Every operation is its own RLS-scoped transaction, so none is held open across another
    // connection (an agency reading each client in that client's own scope) or across a call to
    // a third party (a token refresh, an upload to storage). Declared per procedure, never implied.
    const emit: Emit = perOperationEmitter(orgId, queueAfterCommit);
    return next({ ctx: { ...orgCtx, db: forOrg(orgId), emit } });
  }
  // A client's agency members are read before its transaction opens (withInheritedMembers says why).
  return withInheritedMembers(orgCtx.org.parentId, () =>
    withOrg(
      orgId,
      async (db) => {
        // Job events join this transaction (the outbox): they exist exactly when the change does.
        const emit: Emit = emitterFor(db, orgId, queueAfterCommit);
        const result = await next({ ctx: { ...orgCtx, db, emit } });
        if (!result.ok) throw result.error;
        return result;
      },
      { userId: orgCtx.user.id, timeout: meta?.timeoutMs },
    ),
  );
});

/**
 * The read-only tenant boundary: the same admission, inside one READ ONLY transaction with the
 * same RLS settings, run by the driver (`readEnteringOrg`): the access is read by the
 * transaction's first message (with its BEGIN: one round trip for both) and judged before
 * anything else runs. `ctx.db` has the organization and raw statements only — no ORM, no job
 * events, and PostgreSQL refuses writes.
 */
const requireOrgRead = t.middleware(async ({ ctx, meta, type, next }) => {
  if (type !== "query") throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "The read path serves queries only." });
  const { user, orgSlug } = entering(ctx);
  return readEnteringOrg(
    { slug: orgSlug, userId: user.id },
    (row) => admit(user, row ? accessFromRow(row) : null, meta, type),
    async (db, orgCtx) => {
      const result = await next({ ctx: { ...orgCtx, db } });
      if (!result.ok) throw result.error;
      return result;
    },
    { timeout: meta?.timeoutMs },
  );
});

/**
 * Work that must only happen once the transaction has committed (sending job events), so a job
 * never sees a row that was rolled back — or misses one that was not yet visible.
 */
const afterCommit = t.middleware(async ({ ctx, next, path, type }) => {
  const queue: (() => Promise<unknown>)[] = [];
  const result = await next({ ctx: { afterCommit: (fn: () => Promise<unknown>) => void queue.push(fn) } });
  if (result.ok) {
    for (const fn of queue) {
      await fn().catch((error: unknown) =>
        requestLogger({ requestId: ctx.requestId, path, type, orgSlug: ctx.orgSlug, userId: ctx.user?.id ?? null }).error({ err: error }, "after-commit task failed"),
      );
    }
  }
  return result;
});

const base = t.procedure.use(mapErrors).use(inputGuard).use(afterCommit);

/**
 * Declares a procedure's named rate-limit policy: `.use(rateLimit("invitations"))`. The key comes
 * from the policy's `by` and the context the builder has already established — never from input.
 */
export function rateLimit(policy: RateLimitPolicyName) {
  return t.middleware(async ({ ctx, next }) => {
    const scoped = ctx as typeof ctx & { org?: Organization };
    const by = RATE_LIMIT_POLICIES[policy].by;
    const key = by === "ip" ? (ctx.ip ?? "unknown") : by === "user" ? ctx.user?.id : by === "organization" ? scoped.org?.id : undefined;
    if (!key) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `Rate-limit policy ${policy} (by ${by}) does not fit this procedure.` });
    await assertRateLimit(policy, key);
    return next();
  });
}

/** Anyone. Rate limited per IP. */
export const publicProcedure = base.meta({ access: "public" }).use(async ({ ctx, type, next }) => {
  if (type === "query") await assertRateLimit("publicRead", ctx.ip ?? "unknown");
  return next();
});

/** Signed-in users, outside any organization (onboarding, invitations, the org switcher). */
export const authedProcedure = base.meta({ access: "authed" }).use(requireUser).use(audit);

/**
 * An account whose address was never proven may be an impostor's (pre-hijacking): it signs in,
 * but joins or creates nothing until the link mailed at sign-up is confirmed.
 */
const requireVerifiedEmail = t.middleware(({ ctx, next }) => {
  if (!ctx.user?.emailVerified) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Confirm your email address first: open the link we emailed you, or ask for a new one." });
  }
  return next();
});

/** Signed-in users whose email address is verified: accepting invitations, creating organizations. */
export const verifiedProcedure = base.meta({ access: "authed" }).use(requireUser).use(requireVerifiedEmail).use(audit);

/**
 * Inside `/[orgSlug]`: membership, the named permission, one RLS-scoped transaction, audit.
 * `{ transaction: "per-operation" }` is for queries that fan out to other scopes and for mutations
 * whose slow part is a third party (their writes are then single statements).
 */
export function orgProcedure(permission: Permission, options: { transaction?: "single" | "per-operation"; timeoutMs?: number } = {}) {
  return base
    .meta({ access: "org", permission, transaction: options.transaction ?? "single", ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) })
    .use(requireUser)
    .use(requireOrg)
    .use(audit);
}

/**
 * Queries on the hot path whose SQL already returns the answer's shape (the posts list): the
 * same membership, permission and RLS as `orgProcedure`, in a READ ONLY transaction run by the
 * driver, with `ctx.db` limited to `$organizationId` and `$queryRows`. What it saves is Prisma's
 * interactive transaction and query pipeline on every request (docs/tenancy.md).
 */
export function orgReadProcedure(permission: Permission) {
  // Queries only (requireOrgRead refuses anything else), so neither the after-commit queue nor the
  // audit recorder has work here: each middleware costs every call a copy of the context.
  return t.procedure.use(mapErrors).use(inputGuard).meta({ access: "org", permission, transaction: "read" }).use(requireUser).use(requireOrgRead);
}
