import { TRPCError } from "@trpc/server";
import { withOrg, type CrmExportStatus, type CrmObject, type Prisma, type TenantDb } from "@mg/db";
import type { AuditRecorder } from "../../../audit/recorder";
import { toCsv } from "../../../csv/write-csv";
import type { Emit } from "../../../jobs";
import { can, CRM_EXPORT_PERMISSIONS, type Role } from "../../../rbac";
import { companyExportInput, contactExportInput, crmExportColumns, dealExportInput, EXPORT_PART_ROWS, EXPORT_TTL_DAYS, INLINE_EXPORT_ROWS, type CrmExportColumns } from "../../../schemas/crm/exports";
import { withInheritedMembers } from "../../../tenancy/inherited-members";
import { visibleDb, type RecordVisibility } from "../record-visibility";
import { openExportSource } from "./open";
import { exportFileName, sourceContext, type ExportCursor, type ExportRequest } from "./source";

/**
 * Background exports: a crm_exports row that remembers what was asked (the request, the header,
 * who asked and whether they saw only their own records) and a cursor, and crm_export_parts, one
 * per chunk of EXPORT_PART_ROWS. Each part is written in one transaction with the cursor that
 * passes it, after locking the export row — so a crash rolls both back and a second runner (a
 * redelivered event, the engine next to the local scheduler) continues where the first stopped:
 * every row is in the file exactly once. Small exports are written before the answer.
 */

/** A stored header: parsed like any input (a row written by an older version is not trusted blindly). */
export function storedColumns(raw: Prisma.JsonValue): CrmExportColumns {
  const parsed = crmExportColumns.safeParse(raw);
  return parsed.success ? parsed.data : { header: [], fieldIds: [] };
}

/** The stored request, validated again: the job trusts nothing it did not check. */
function storedRequest(object: CrmObject, raw: Prisma.JsonValue): ExportRequest {
  switch (object) {
    case "CONTACT":
      return { object, input: contactExportInput.parse(raw) };
    case "COMPANY":
      return { object, input: companyExportInput.parse(raw) };
    case "DEAL":
      return { object, input: dealExportInput.parse(raw) };
  }
}

export const EXPORT_SELECT = {
  id: true,
  object: true,
  fileName: true,
  status: true,
  totalRows: true,
  processedRows: true,
  partCount: true,
  failureReason: true,
  cancelRequestedAt: true,
  createdAt: true,
  finishedAt: true,
  expiresAt: true,
} satisfies Prisma.CrmExportSelect;

type ExportRecord = Prisma.CrmExportGetPayload<{ select: typeof EXPORT_SELECT }>;

export type PresentedExportStatus = CrmExportStatus | "EXPIRED";

/** An export as its requester sees it: progress, and whether the file can be downloaded. */
export function presentExport(record: ExportRecord, now: Date = new Date()) {
  const expired = record.expiresAt.getTime() <= now.getTime();
  const status: PresentedExportStatus = record.status === "DONE" && expired ? "EXPIRED" : record.status;
  const { failureReason, partCount: _parts, ...rest } = record;
  return {
    ...rest,
    status,
    /** 0–100 for the progress bar (rows added after it was asked for are not in the file). */
    percent: record.status === "DONE" ? 100 : record.totalRows === 0 ? 0 : Math.min(99, Math.floor((record.processedRows / record.totalRows) * 100)),
    // The stored reason is for operators (logs); the requester gets what to do.
    problem: record.status === "FAILED" && failureReason ? "Preparing this file stopped before the end. Try again: it continues where it stopped." : null,
    downloadable: status === "DONE",
  };
}

export type PresentedExport = ReturnType<typeof presentExport>;

type ExportReader = { user: { id: string }; role: Role };

/**
 * Which exports a caller reaches — the one rule for every export procedure: their own (an export
 * holds what its requester could see), of the objects their role may still export.
 */
export function ownExportsWhere(ctx: ExportReader): Prisma.CrmExportWhereInput {
  const objects = (Object.keys(CRM_EXPORT_PERMISSIONS) as CrmObject[]).filter((o) => can(ctx.role, CRM_EXPORT_PERMISSIONS[o]));
  return { requestedById: ctx.user.id, object: { in: objects } };
}

/** One of the caller's exports (ownExportsWhere); anything else is NOT_FOUND. */
export async function findOwnExport(ctx: ExportReader & { db: TenantDb }, exportId: string): Promise<ExportRecord> {
  const record = await ctx.db.crmExport.findFirst({ where: { AND: [ownExportsWhere(ctx), { id: exportId }] }, select: EXPORT_SELECT });
  if (!record) throw new TRPCError({ code: "NOT_FOUND", message: "Export not found." });
  return record;
}

interface StartContext {
  db: TenantDb;
  visibility: RecordVisibility;
  org: { id: string; slug: string; parentId: string | null };
  user: { id: string };
  emit: Emit;
}

/**
 * Asks for an export: counts its rows and fixes its header now. Up to INLINE_EXPORT_ROWS it is
 * written in this transaction (the answer says DONE and the browser downloads it at once);
 * larger ones are handed to the job through the outbox, in the same transaction.
 */
export async function startExport(ctx: StartContext, request: ExportRequest, now: Date = new Date()): Promise<ExportRecord> {
  const source = await openExportSource(sourceContext(ctx), request);
  const totalRows = await source.count();
  const columns: CrmExportColumns = { header: source.header, fieldIds: source.fieldIds };
  const record = await ctx.db.crmExport.create({
    data: {
      organizationId: ctx.org.id,
      object: request.object,
      request: request.input as Prisma.InputJsonValue,
      fileName: exportFileName(ctx.org.slug, request.object, source.label, now),
      columns: columns as unknown as Prisma.InputJsonValue,
      ownRecordsOnly: ctx.visibility.ownOnly,
      requestedById: ctx.user.id,
      totalRows,
      expiresAt: new Date(now.getTime() + EXPORT_TTL_DAYS * 86_400_000),
    },
    select: { id: true },
  });
  if (totalRows <= INLINE_EXPORT_ROWS) {
    while (!(await writeNextPart(ctx.db, record.id)).done);
  } else {
    await ctx.emit({ name: "crm/export.requested", id: `crm-export:${record.id}:start`, data: { organizationId: ctx.org.id, exportId: record.id } });
  }
  const written = await ctx.db.crmExport.findFirst({ where: { id: record.id }, select: EXPORT_SELECT });
  if (!written) throw new Error(`crm export ${record.id} vanished inside its own transaction`);
  return written;
}

/** A start procedure's answer: the export, recorded in the audit log as data leaving the product. */
export async function startAndPresent(ctx: StartContext & { audit: AuditRecorder }, request: ExportRequest) {
  const record = await startExport(ctx, request);
  ctx.audit.target("crm_export", record.id);
  ctx.audit.note({ object: request.object, rows: record.totalRows });
  // What the Export button needs (the Exports page polls the rest): no times, so asking twice
  // for the same rows answers alike.
  const { id, object, fileName, status, totalRows, processedRows, percent, downloadable } = presentExport(record);
  return { id, object, fileName, status, totalRows, processedRows, percent, downloadable };
}

export interface ExportRunResult {
  done: boolean;
  status: CrmExportStatus | "MISSING";
  processedRows: number;
  totalRows: number;
}

interface LockedExport {
  object: CrmObject;
  request: Prisma.JsonValue;
  columns: Prisma.JsonValue;
  own_records_only: boolean;
  requested_by_id: string;
  status: CrmExportStatus;
  total_rows: number;
  processed_rows: number;
  part_count: number;
  cursor_created_at: Date | null;
  cursor_id: string | null;
  cancel_requested_at: Date | null;
}

const TERMINAL: ReadonlySet<CrmExportStatus> = new Set(["DONE", "FAILED", "CANCELLED"]);

/**
 * One part, in the caller's transaction: lock the export, read the next page after its cursor as
 * its requester would (their record visibility), write the page as a part and move the cursor.
 */
export async function writeNextPart(db: TenantDb, exportId: string, options: { afterPartWrite?: (index: number) => void | Promise<void> } = {}): Promise<ExportRunResult> {
  const organizationId = db.$organizationId;
  const [locked] = await db.$queryRaw<LockedExport[]>`
    SELECT object, request, columns, own_records_only, requested_by_id, status, total_rows, processed_rows, part_count, cursor_created_at, cursor_id, cancel_requested_at
    FROM crm_exports WHERE organization_id = ${organizationId}::uuid AND id = ${exportId}::uuid FOR UPDATE`;
  if (!locked) return { done: true, status: "MISSING", processedRows: 0, totalRows: 0 };
  const base = { processedRows: locked.processed_rows, totalRows: locked.total_rows };
  if (TERMINAL.has(locked.status)) return { done: true, status: locked.status, ...base };
  if (locked.cancel_requested_at) {
    // What was written goes too: a cancelled export leaves no half file behind.
    await db.crmExportPart.deleteMany({ where: { exportId } });
    await db.crmExport.update({ where: { organizationId_id: { organizationId, id: exportId } }, data: { status: "CANCELLED", partCount: 0, finishedAt: new Date() } });
    return { done: true, status: "CANCELLED", ...base };
  }
  const visibility: RecordVisibility = { ownOnly: locked.own_records_only, userId: locked.requested_by_id };
  const org = await db.organization.findFirst({ where: { id: organizationId }, select: { parentId: true } });
  const columns = storedColumns(locked.columns);
  const source = await openExportSource(
    { db: visibleDb(db, visibility), visibility, parentId: org?.parentId ?? null, fieldIds: columns.fieldIds },
    storedRequest(locked.object, locked.request),
  );
  const cursor: ExportCursor | null = locked.cursor_created_at && locked.cursor_id ? { createdAt: locked.cursor_created_at, id: locked.cursor_id } : null;
  const page = await source.page(cursor, EXPORT_PART_ROWS);
  if (page.rows.length > 0) {
    await db.crmExportPart.create({ data: { organizationId, exportId, index: locked.part_count, rowCount: page.rows.length, csv: toCsv(page.rows) } });
  }
  await options.afterPartWrite?.(locked.part_count);
  const done = page.rows.length < EXPORT_PART_ROWS;
  const status: CrmExportStatus = done ? "DONE" : "RUNNING";
  const processedRows = locked.processed_rows + page.rows.length;
  await db.crmExport.update({
    where: { organizationId_id: { organizationId, id: exportId } },
    data: {
      status,
      processedRows,
      partCount: locked.part_count + (page.rows.length > 0 ? 1 : 0),
      ...(page.last ? { cursorCreatedAt: page.last.createdAt, cursorId: page.last.id } : {}),
      startedAt: locked.status === "QUEUED" ? new Date() : undefined,
      finishedAt: done ? new Date() : null,
    },
  });
  return { done, status, processedRows, totalRows: locked.total_rows };
}

/** Time one part's transaction may take (5,000 rows take well under a second here). */
const PART_TIMEOUT_MS = 120_000;

/** The job's run: part after part, each its own RLS transaction, until done or `budgetMs` is spent. */
export async function runExport(input: { organizationId: string; exportId: string; budgetMs?: number }): Promise<ExportRunResult> {
  const started = Date.now();
  const org = await withOrg(input.organizationId, (db) => db.organization.findFirst({ where: { id: input.organizationId }, select: { parentId: true } }));
  // Owners may be the agency's members: read before the parts' transactions (withInheritedMembers).
  return withInheritedMembers(org?.parentId ?? null, async () => {
    for (;;) {
      const result = await withOrg(input.organizationId, (db) => writeNextPart(db, input.exportId), { timeout: PART_TIMEOUT_MS });
      if (result.done) return result;
      if (input.budgetMs !== undefined && Date.now() - started >= input.budgetMs) return result;
    }
  });
}

/** After the job gave up (retries spent): the export says so and can be resumed from its cursor. */
export async function markExportFailed(organizationId: string, exportId: string, reason: string): Promise<void> {
  await withOrg(organizationId, (db) =>
    db.crmExport.updateMany({ where: { id: exportId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "FAILED", failureReason: reason.slice(0, 1_000), finishedAt: new Date() } }),
  );
}
