import { isOrganizationModel, isTenantModel } from "./tenant-models";

/**
 * Rewrites the arguments of one Prisma operation so it can only touch `orgId`'s rows.
 * Pure and synchronous so that it is exhaustively unit-tested; the extension in
 * tenant-client.ts applies it to every operation. RLS enforces the same rule underneath.
 */
export class TenantScopeError extends Error {
  override name = "TenantScopeError";
}

type Args = Record<string, unknown>;

/**
 * Operations whose `where` selects the rows they read or change — the ones a row filter must be
 * added to. Exported so narrower filters on top of the tenant scope (the CRM's "own records only")
 * cover exactly the same operations.
 */
export const WHERE_OPERATIONS: ReadonlySet<string> = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
]);
const CREATE_OPERATIONS = new Set(["create", "createMany", "createManyAndReturn"]);
const UPDATE_DATA_OPERATIONS = new Set(["update", "updateMany", "updateManyAndReturn"]);
const BULK_OPERATIONS = new Set(["updateMany", "updateManyAndReturn", "deleteMany"]);
const KNOWN_OPERATIONS = new Set([...WHERE_OPERATIONS, ...CREATE_OPERATIONS]);

function isRecord(value: unknown): value is Args {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** cal.com's lesson: `{ id: undefined }` in a bulk where matches every row. Refuse it. */
function assertNoUndefined(where: unknown, model: string, operation: string): void {
  if (!isRecord(where)) return;
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) {
      throw new TenantScopeError(`${model}.${operation}: where.${key} is undefined, which would match every row`);
    }
  }
}

function scopeFilter(model: string, orgId: string): Args {
  return isOrganizationModel(model) ? { OR: [{ id: orgId }, { parentId: orgId }] } : { organizationId: orgId };
}

function withScope(where: unknown, model: string, orgId: string): Args {
  const base = isRecord(where) ? where : {};
  if (isTenantModel(model) && "organizationId" in base && typeof base.organizationId === "string" && base.organizationId !== orgId) {
    throw new TenantScopeError(`${model}: filter names organization ${base.organizationId}, but this client is scoped to ${orgId}`);
  }
  const existingAnd = base.AND === undefined ? [] : Array.isArray(base.AND) ? base.AND : [base.AND];
  return { ...base, AND: [...existingAnd, scopeFilter(model, orgId)] };
}

function forceCreateData(data: unknown, model: string, orgId: string): Args {
  if (!isRecord(data)) throw new TenantScopeError(`${model}: create data must be an object`);
  if (isOrganizationModel(model)) {
    if (data.id !== orgId && data.parentId !== orgId) {
      throw new TenantScopeError(`Organization: a scoped client can only create itself (id) or its own clients (parentId)`);
    }
    return data;
  }
  if ("organization" in data) {
    throw new TenantScopeError(`${model}: set organizationId through the tenant client, not through the organization relation`);
  }
  if ("organizationId" in data && data.organizationId !== orgId) {
    throw new TenantScopeError(`${model}: data names organization ${String(data.organizationId)}, but this client is scoped to ${orgId}`);
  }
  return { ...data, organizationId: orgId };
}

function checkUpdateData(data: unknown, model: string, orgId: string): void {
  if (!isRecord(data)) return;
  if (isOrganizationModel(model)) {
    if ("id" in data && data.id !== orgId) throw new TenantScopeError("Organization: the id cannot change");
    return;
  }
  if ("organization" in data) throw new TenantScopeError(`${model}: the organization relation cannot be changed`);
  if ("organizationId" in data && data.organizationId !== orgId) {
    throw new TenantScopeError(`${model}: a row cannot move to another organization`);
  }
}

export function scopeArgs(model: string, operation: string, args: unknown, orgId: string): Args {
  if (!isTenantModel(model) && !isOrganizationModel(model)) return isRecord(args) ? args : {};
  if (!KNOWN_OPERATIONS.has(operation)) {
    throw new TenantScopeError(`${model}.${operation} is not supported by the tenant client`);
  }
  const input: Args = isRecord(args) ? { ...args } : {};

  if (BULK_OPERATIONS.has(operation)) assertNoUndefined(input.where, model, operation);

  if (WHERE_OPERATIONS.has(operation)) input.where = withScope(input.where, model, orgId);

  if (CREATE_OPERATIONS.has(operation)) {
    const data = input.data;
    input.data = Array.isArray(data) ? data.map((row) => forceCreateData(row, model, orgId)) : forceCreateData(data, model, orgId);
  }

  if (UPDATE_DATA_OPERATIONS.has(operation)) checkUpdateData(input.data, model, orgId);

  if (operation === "upsert") {
    input.create = forceCreateData(input.create, model, orgId);
    checkUpdateData(input.update, model, orgId);
  }
  return input;
}
