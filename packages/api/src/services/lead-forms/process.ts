import { withOrg, type Prisma, type TenantDb } from "@mg/db";
import { enqueueEvents } from "@mg/jobs";
import { raiseAlert } from "@mg/jobs/publishing";
import { logger } from "@mg/logger";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { CustomFieldValueInput } from "../../schemas/crm/custom-fields";
import type { FormField } from "../../schemas/forms";
import { recordConsent } from "../crm/consent";
import { contactDisplayName } from "../crm/contacts";
import { loadFieldDefinitions, writeCustomFieldValues } from "../crm/custom-fields";
import { nameKey, normalizeEmail, normalizePhone } from "../crm/normalize";
import { isOrganizationMember } from "../crm/records/members";
import { recordActivity } from "../crm/timeline";
import { touchesForVisitor, type Touch } from "../lead-capture/attribution";
import { scoreBehaviour } from "../scoring/behaviour";
import { allFields, parseDefinition } from "./definition";

/**
 * The intake job's work (docs/lead-capture.md): one stored submission becomes a contact, exactly
 * once. Everything happens in ONE transaction that starts by locking the submission row and ends
 * by marking it PROCESSED — contact created or updated (matched by email, then phone, with the
 * CRM's normalization), answers mapped to contact and custom fields, consents in the ledger (or,
 * with double opt-in, only once confirmed), first/last touch, the FORM_SUBMITTED timeline event,
 * the behaviour score, the owner, the in-app alert, and the events for the owner's mail, the
 * confirmation mail and `lead/submitted`. A failure rolls all of it back; the attempt is counted
 * and the job retried; a duplicate delivery finds the row PROCESSED and does nothing.
 *
 * An existing contact is only *filled in*: a form never overwrites a name, title or company
 * already on file (anyone can type anyone's address into a public form), it adds a new phone
 * number and sets the custom fields it asks for.
 */
export const MAX_PROCESS_ATTEMPTS = 8;

export const submissionContextSchema = z
  .object({
    ip: z.string().nullable().catch(null),
    userAgent: z.string().nullable().catch(null),
    pageUrl: z.string().nullable().catch(null),
    referrer: z.string().nullable().catch(null),
    utm: z.record(z.string(), z.string()).catch({}),
    visitorId: z.string().nullable().catch(null),
    via: z.string().catch("hosted"),
    consents: z.array(z.object({ id: z.string(), channel: z.enum(["EMAIL", "SMS", "WHATSAPP"]), purpose: z.string(), version: z.number(), wording: z.string() })).catch([]),
    renderedAt: z.string().optional(),
  })
  .loose();
export type SubmissionContext = z.infer<typeof submissionContextSchema>;

const valuesSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())])).catch({});

export type ProcessResult = { status: "processed"; contactId: string; created: boolean; eventIds: string[] } | { status: "skipped"; reason: "not-found" | "already-processed" };

/** An error whose message may be shown to the tenant (the rest are logged and summarized). */
class IntakeProblem extends Error {}

function describe(error: unknown): string {
  if (error instanceof IntakeProblem || error instanceof TRPCError) return error.message.slice(0, 500);
  return "Internal error while turning the submission into a contact (details are in the server log).";
}

interface SubmissionRow {
  status: string;
}

function text(values: Record<string, string | string[]>, field: FormField | undefined): string | null {
  if (!field) return null;
  const v = values[field.id];
  const s = Array.isArray(v) ? v.join(", ") : v;
  return s && s.trim() !== "" ? s.trim() : null;
}

function contactField(fields: readonly FormField[], target: string): FormField | undefined {
  return fields.find((f) => f.mapsTo.kind === "contact" && f.mapsTo.field === target);
}

function touchOfSubmission(context: SubmissionContext, at: Date): Touch {
  const u = context.utm;
  return {
    ...(u.source ? { utmSource: u.source } : {}),
    ...(u.medium ? { utmMedium: u.medium } : {}),
    ...(u.campaign ? { utmCampaign: u.campaign } : {}),
    ...(u.term ? { utmTerm: u.term } : {}),
    ...(u.content ? { utmContent: u.content } : {}),
    ...(context.referrer ? { referrer: context.referrer } : {}),
    ...(context.pageUrl ? { landingPage: context.pageUrl } : {}),
    via: "page",
    at: at.toISOString(),
  };
}

async function findContact(db: TenantDb, organizationId: string, email: string | null, phone: string | null): Promise<string | null> {
  if (email) {
    const owner = await db.contactEmail.findFirst({ where: { emailKey: email, contact: { deletedAt: null, mergedIntoId: null } }, select: { contactId: true } });
    if (owner) return owner.contactId;
  }
  if (phone) {
    // Phones are not unique: the oldest live contact with it is the match (as the import's phone key).
    const [row] = await db.$queryRaw<{ contact_id: string }[]>`
      SELECT p.contact_id FROM contact_phones p JOIN contacts c ON c.organization_id = p.organization_id AND c.id = p.contact_id
      WHERE p.organization_id = ${organizationId}::uuid AND p.e164 = ${phone} AND c.deleted_at IS NULL AND c.merged_into_id IS NULL
      ORDER BY c.created_at, c.id LIMIT 1`;
    if (row) return row.contact_id;
  }
  return null;
}

async function companyFor(db: TenantDb, organizationId: string, name: string | null): Promise<string | null> {
  if (!name) return null;
  const found = await db.company.findFirst({ where: { name: { equals: name, mode: "insensitive" }, deletedAt: null, mergedIntoId: null }, select: { id: true } });
  if (found) return found.id;
  const created = await db.company.create({ data: { organizationId, name: name.slice(0, 200) }, select: { id: true } });
  return created.id;
}

/** The form's owner when still a member, else the next member of the round robin (cursor advanced in this transaction). */
async function assignOwner(db: TenantDb, org: { id: string; parentId: string | null }, formOwner: string | null): Promise<string | null> {
  if (formOwner && (await isOrganizationMember(db, org, formOwner))) return formOwner;
  const [settings] = await db.$queryRaw<{ round_robin_user_ids: string[]; round_robin_cursor: number }[]>`
    SELECT round_robin_user_ids, round_robin_cursor FROM lead_capture_settings WHERE organization_id = ${org.id}::uuid FOR UPDATE`;
  const ids = settings?.round_robin_user_ids ?? [];
  for (let i = 0; i < ids.length; i += 1) {
    const index = ((settings?.round_robin_cursor ?? 0) + i) % ids.length;
    const candidate = ids[index];
    if (candidate && (await isOrganizationMember(db, org, candidate))) {
      await db.$executeRaw`UPDATE lead_capture_settings SET round_robin_cursor = ${index + 1} WHERE organization_id = ${org.id}::uuid`;
      return candidate;
    }
  }
  return null;
}

function customValue(field: FormField, value: string | string[]): CustomFieldValueInput {
  if (field.kind === "checkbox") return value === "yes";
  return value;
}

async function processLocked(db: TenantDb, organizationId: string, submissionId: string): Promise<ProcessResult> {
  const [locked] = await db.$queryRaw<SubmissionRow[]>`
    SELECT status::text AS status FROM form_submissions WHERE organization_id = ${organizationId}::uuid AND id = ${submissionId}::uuid FOR UPDATE`;
  if (!locked) return { status: "skipped", reason: "not-found" };
  if (locked.status === "PROCESSED") return { status: "skipped", reason: "already-processed" };
  const submission = await db.formSubmission.findFirst({
    where: { id: submissionId },
    select: { id: true, formId: true, pageId: true, values: true, context: true, receivedAt: true, form: { select: { id: true, name: true, definition: true, doubleOptIn: true, ownerUserId: true, tags: true } } },
  });
  if (!submission) return { status: "skipped", reason: "not-found" };
  const org = await db.organization.findFirst({ where: { id: organizationId }, select: { id: true, country: true, parentId: true } });
  if (!org) throw new IntakeProblem("The organization is gone.");
  const context = submissionContextSchema.parse(submission.context);
  const values = valuesSchema.parse(submission.values);
  const fields = allFields(parseDefinition(submission.form.definition));
  const actorLabel = `Form: ${submission.form.name}`.slice(0, 200);

  const rawEmail = text(values, contactField(fields, "email"));
  const email = rawEmail ? normalizeEmail(rawEmail) : null;
  const phoneField = contactField(fields, "phone");
  const rawPhone = text(values, phoneField);
  const phoneResult = rawPhone ? normalizePhone(rawPhone, phoneField?.defaultCountry ?? org.country) : null;
  const phone = phoneResult?.ok ? phoneResult.e164 : null;
  if (!email && !phone) throw new IntakeProblem("The submission has neither a valid email address nor a valid phone number to file it under.");

  const firstName = text(values, contactField(fields, "firstName"))?.slice(0, 200) ?? null;
  const lastName = text(values, contactField(fields, "lastName"))?.slice(0, 200) ?? null;
  const jobTitle = text(values, contactField(fields, "jobTitle"))?.slice(0, 200) ?? null;
  const companyName = text(values, contactField(fields, "companyName"));

  let contactId = await findContact(db, organizationId, email, phone);
  const created = contactId === null;
  if (contactId === null) {
    const ownerUserId = await assignOwner(db, org, submission.form.ownerUserId);
    const companyId = await companyFor(db, organizationId, companyName);
    const contact = await db.contact.create({
      data: {
        organizationId,
        firstName,
        lastName,
        nameKey: nameKey(firstName, lastName),
        primaryEmail: email,
        primaryPhone: phone,
        jobTitle,
        companyId,
        ownerUserId,
        lifecycleStage: "LEAD",
        source: "form",
        tags: submission.form.tags.slice(0, 20),
      },
      select: { id: true },
    });
    contactId = contact.id;
    if (email) await db.contactEmail.create({ data: { organizationId, contactId, email, emailKey: email, isPrimary: true } });
    if (phone) await db.contactPhone.create({ data: { organizationId, contactId, e164: phone, label: "mobile", isPrimary: true } });
    await recordActivity(db, organizationId, { kind: "CONTACT_CREATED", payload: { source: "form" }, contactId, companyId, actorLabel });
  } else {
    const existing = await db.contact.findFirst({ where: { id: contactId }, select: { firstName: true, lastName: true, jobTitle: true, companyId: true, ownerUserId: true, primaryPhone: true, primaryEmail: true, tags: true } });
    if (!existing) throw new IntakeProblem("The matched contact disappeared.");
    const fill: Prisma.ContactUpdateInput = {};
    if (!existing.firstName && firstName) fill.firstName = firstName;
    if (!existing.lastName && lastName) fill.lastName = lastName;
    if (fill.firstName !== undefined || fill.lastName !== undefined) fill.nameKey = nameKey(existing.firstName ?? firstName, existing.lastName ?? lastName);
    if (!existing.jobTitle && jobTitle) fill.jobTitle = jobTitle;
    if (!existing.companyId && companyName) {
      const companyId = await companyFor(db, organizationId, companyName);
      if (companyId) fill.company = { connect: { organizationId_id: { organizationId, id: companyId } } };
    }
    if (!existing.ownerUserId) {
      const owner = await assignOwner(db, org, submission.form.ownerUserId);
      if (owner) fill.ownerUserId = owner;
    }
    const tags = [...new Set([...existing.tags, ...submission.form.tags])].slice(0, 50);
    if (tags.length !== existing.tags.length) fill.tags = tags;
    if (email && !existing.primaryEmail) {
      fill.primaryEmail = email;
      await db.contactEmail.create({ data: { organizationId, contactId, email, emailKey: email, isPrimary: true } });
    }
    if (phone) {
      const known = await db.contactPhone.findFirst({ where: { contactId, e164: phone }, select: { id: true } });
      if (!known) {
        await db.contactPhone.create({ data: { organizationId, contactId, e164: phone, label: "mobile", isPrimary: !existing.primaryPhone } });
        if (!existing.primaryPhone) fill.primaryPhone = phone;
      }
    }
    if (Object.keys(fill).length > 0) await db.contact.update({ where: { organizationId_id: { organizationId, id: contactId } }, data: fill });
  }

  // Custom fields: only definitions still live (an archived one is skipped, not a failure forever).
  const custom = fields.filter((f) => f.mapsTo.kind === "custom" && values[f.id] !== undefined);
  if (custom.length > 0) {
    const live = new Set((await loadFieldDefinitions(db, "CONTACT")).filter((d) => d.archivedAt === null).map((d) => d.id));
    const write: Record<string, CustomFieldValueInput> = {};
    for (const f of custom) {
      const value = values[f.id];
      if (f.mapsTo.kind === "custom" && live.has(f.mapsTo.definitionId) && value !== undefined) write[f.mapsTo.definitionId] = customValue(f, value);
    }
    try {
      await writeCustomFieldValues(db, organizationId, "CONTACT", contactId, write, { country: org.country });
    } catch (error) {
      // The checks run before any write: a value the field no longer takes is skipped, the lead kept.
      if (!(error instanceof TRPCError)) throw error;
      logger.warn({ submissionId, reason: error.message }, "form submission: custom field values skipped");
    }
  }

  // Consent: granted now, or — with double opt-in — once the visitor confirms (confirm.ts).
  if (!submission.form.doubleOptIn) {
    for (const consent of context.consents) {
      await recordConsent(
        db,
        organizationId,
        contactId,
        { channel: consent.channel, purpose: consent.purpose, status: "GRANTED", wordingVersion: `${submission.form.id}:${consent.id}:v${consent.version}`, wording: consent.wording, method: "form", ip: context.ip, userAgent: context.userAgent, pageUrl: context.pageUrl },
        { userId: null, label: actorLabel },
      );
    }
  }

  // Attribution: the visitor's recorded visits, else what the submission itself carried.
  const touches = await touchesForVisitor(db, context.visitorId);
  const own = touchOfSubmission(context, submission.receivedAt);
  const firstTouch = touches.first ?? own;
  const lastTouch = touches.last ?? own;
  await db.$executeRaw`
    UPDATE contacts SET first_touch = COALESCE(first_touch, ${JSON.stringify(firstTouch)}::jsonb), last_touch = ${JSON.stringify(lastTouch)}::jsonb
    WHERE organization_id = ${organizationId}::uuid AND id = ${contactId}::uuid`;

  const shown: Record<string, string> = {};
  for (const f of fields) {
    const v = values[f.id];
    if (v !== undefined) shown[f.label.slice(0, 200)] = (Array.isArray(v) ? v.join(", ") : v).slice(0, 2_000);
  }
  await recordActivity(db, organizationId, {
    kind: "FORM_SUBMITTED",
    payload: { formId: submission.form.id, formName: submission.form.name.slice(0, 200), fields: shown },
    contactId,
    actorLabel,
    occurredAt: submission.receivedAt,
  });
  await scoreBehaviour(db, organizationId, {
    contactId,
    event: "form_submitted",
    subject: { formId: submission.form.id, ...(submission.pageId ? { pageId: submission.pageId } : {}) },
    sourceKey: `submission:${submissionId}`,
    occurredAt: submission.receivedAt,
  });

  const contact = await db.contact.findFirst({ where: { id: contactId }, select: { firstName: true, lastName: true, primaryEmail: true, primaryPhone: true, ownerUserId: true } });
  const name = contact ? contactDisplayName(contact) : (email ?? phone ?? "New lead");
  await raiseAlert(db, {
    organizationId,
    kind: "LEAD_SUBMITTED",
    title: `New lead: ${name}`.slice(0, 300),
    body: `${created ? "New contact" : "Existing contact"} from the form “${submission.form.name}”.`.slice(0, 1_000),
    dedupeKey: `lead:${submissionId}`,
  });
  const awaitingConfirmation = submission.form.doubleOptIn && context.consents.length > 0 && email !== null;
  const eventIds = await enqueueEvents(db, organizationId, [
    { name: "lead/submitted", id: `lead-submitted:${submissionId}`, data: { organizationId, submissionId, formId: submission.form.id, contactId, created, awaitingConfirmation } },
    ...(contact?.ownerUserId ? [{ name: "form/mail.requested" as const, id: `form-mail:${submissionId}:owner`, data: { organizationId, submissionId, kind: "owner" as const } }] : []),
    ...(awaitingConfirmation ? [{ name: "form/mail.requested" as const, id: `form-mail:${submissionId}:confirm`, data: { organizationId, submissionId, kind: "confirm" as const } }] : []),
  ]);
  await db.formSubmission.update({
    where: { organizationId_id: { organizationId, id: submissionId } },
    data: { status: "PROCESSED", contactId, processedAt: new Date(), attempts: { increment: 1 }, lastError: null },
  });
  return { status: "processed", contactId, created, eventIds };
}

/** Counts a failed attempt; FAILED (with the error) once the attempts are spent. */
export async function recordProcessFailure(organizationId: string, submissionId: string, reason: string, options: { final?: boolean } = {}): Promise<void> {
  await withOrg(organizationId, async (db) => {
    const row = await db.formSubmission.findFirst({ where: { id: submissionId }, select: { attempts: true, status: true } });
    if (!row || row.status === "PROCESSED") return;
    const attempts = row.attempts + 1;
    await db.formSubmission.update({
      where: { organizationId_id: { organizationId, id: submissionId } },
      data: { attempts, lastError: reason.slice(0, 500), status: options.final || attempts >= MAX_PROCESS_ATTEMPTS ? "FAILED" : "RECEIVED" },
    });
  });
}

export async function processFormSubmission(input: { organizationId: string; submissionId: string }): Promise<ProcessResult> {
  try {
    return await withOrg(input.organizationId, (db) => processLocked(db, input.organizationId, input.submissionId), { timeout: 30_000 });
  } catch (error) {
    logger.error({ err: error, submissionId: input.submissionId, organizationId: input.organizationId }, "form submission processing failed");
    await recordProcessFailure(input.organizationId, input.submissionId, describe(error)).catch(() => undefined);
    throw error;
  }
}
