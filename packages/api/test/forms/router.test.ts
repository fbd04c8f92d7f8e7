import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { readCsvCell } from "../../src/csv/write-csv";
import { formDefinitionSchema, formWriteInput, thankYouUrlSchema } from "../../src/schemas/forms";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";
import { formWrite, freshForm, freshSubmission, SAMPLE_DEFINITION } from "./fixtures";

/** The forms router beyond the isolation and RBAC suites: what each procedure does. */
let t: Tenant;
let owner: ReturnType<typeof callerFor>;

beforeAll(async () => {
  t = await createTenant("forms-router");
  owner = callerFor(t.users.OWNER, t.slug);
});

afterAll(async () => {
  await deleteTenant(t);
});

describe("the definition schema", () => {
  it("refuses a form no lead can be filed from, duplicate keys, and a field kind its contact field cannot take", () => {
    const noIdentifier = { steps: [{ fields: [{ id: "name", kind: "text", label: "Name", required: true, mapsTo: { kind: "contact", field: "firstName" } }] }], submitLabel: "Send" };
    expect(formDefinitionSchema.safeParse(noIdentifier).success).toBe(false);
    const twice = { ...SAMPLE_DEFINITION, steps: [{ fields: [...(SAMPLE_DEFINITION.steps[0]?.fields ?? []), { id: "email", kind: "text", label: "Again", required: false, mapsTo: { kind: "none" } }] }] };
    expect(formDefinitionSchema.safeParse(twice).success).toBe(false);
    const wrongKind = { steps: [{ fields: [{ id: "email", kind: "date", label: "Email", required: true, mapsTo: { kind: "contact", field: "email" } }] }], submitLabel: "Send" };
    expect(formDefinitionSchema.safeParse(wrongKind).success).toBe(false);
    expect(formDefinitionSchema.safeParse(SAMPLE_DEFINITION).success).toBe(true);
  });

  it("takes https or a site path as thank-you URL, never javascript: or //host", () => {
    for (const ok of ["https://shop.example/thanks", "/thanks"]) expect(thankYouUrlSchema.safeParse(ok).success).toBe(true);
    for (const bad of ["javascript:alert(1)", "//evil.example", "http://shop.example", "/\\evil", "data:text/html,x", "https://a b"]) expect(thankYouUrlSchema.safeParse(bad).success).toBe(false);
  });

  it("refuses NUL in a label at the boundary", async () => {
    const input = { ...formWrite(), name: "Bad\u0000name" };
    expect(formWriteInput.safeParse(input).success).toBe(true);
    expect(await outcome(owner.forms.create(input))).toBe("BAD_REQUEST");
  });
});

describe("create, update, duplicate, archive", () => {
  it("update bumps the revision, versions edited consent wording (the old wording kept) and refuses a stale editor", async () => {
    const created = await owner.forms.create(formWrite());
    expect(created.revision).toBe(1);
    expect(created.consents[0]).toMatchObject({ version: 1, previous: [] });
    const write = formWrite(created.slug);
    const edited = await owner.forms.update({ ...write, formId: created.id, revision: 1, consents: [{ ...write.consents[0]!, wording: "Email me offers (new wording)." }] });
    expect(edited.revision).toBe(2);
    expect(edited.consents[0]).toMatchObject({ version: 2, wording: "Email me offers (new wording)." });
    expect(edited.consents[0]?.previous).toEqual([expect.objectContaining({ version: 1, wording: "Send me news and offers by email." })]);
    const same = await owner.forms.update({ ...write, formId: created.id, revision: 2, consents: edited.consents.map(({ id, channel, purpose, wording, required }) => ({ id, channel, purpose, wording, required: !required })) });
    expect(same.consents[0]?.version).toBe(2);
    expect(await outcome(owner.forms.update({ ...write, formId: created.id, revision: 1 }))).toBe("CONFLICT");
  });

  it("refuses a slug in use, a custom field of the wrong type, and an owner who is not a member", async () => {
    const first = await owner.forms.create(formWrite());
    expect(await outcome(owner.forms.create(formWrite(first.slug)))).toBe("CONFLICT");
    const dateField = await systemDb().customFieldDefinition.create({ data: { organizationId: t.id, object: "CONTACT", key: `d${randomUUID().slice(0, 6)}`, label: "Birthday", type: "DATE" } });
    const mapped = formWrite();
    mapped.definition = { ...SAMPLE_DEFINITION, steps: [{ fields: [...(SAMPLE_DEFINITION.steps[0]?.fields ?? []), { id: "bday", kind: "text", label: "Birthday", required: false, mapsTo: { kind: "custom", definitionId: dateField.id } }] }] } as typeof mapped.definition;
    expect(await outcome(owner.forms.create(mapped))).toBe("BAD_REQUEST");
    expect(await outcome(owner.forms.create({ ...formWrite(), ownerUserId: randomUUID() }))).toBe("BAD_REQUEST");
  });

  it("a date field mapped to a date custom field is written to the contact", async () => {
    const field = await systemDb().customFieldDefinition.create({ data: { organizationId: t.id, object: "CONTACT", key: `e${randomUUID().slice(0, 6)}`, label: "Event date", type: "DATE" } });
    const write = formWrite();
    write.definition = { ...SAMPLE_DEFINITION, steps: [{ fields: [...(SAMPLE_DEFINITION.steps[0]?.fields ?? []), { id: "event", kind: "date", label: "Event date", required: false, mapsTo: { kind: "custom", definitionId: field.id } }] }] } as typeof write.definition;
    const form = await owner.forms.create(write);
    const got = await owner.forms.get({ formId: form.id });
    expect(got.customFields.map((f) => f.id)).toContain(field.id);
    expect(got.snippets.script).toContain(`data-mg-form="${t.slug}/${form.slug}"`);
  });

  it("duplicates under a free address and archives / restores", async () => {
    const form = await owner.forms.create(formWrite());
    const copy = await owner.forms.duplicate({ formId: form.id });
    expect(copy.slug).toBe(`${form.slug}-copy`);
    expect((await owner.forms.duplicate({ formId: form.id })).slug).toBe(`${form.slug}-copy-2`);
    expect(await owner.forms.archive({ formId: form.id, archived: true })).toEqual({ id: form.id, status: "ARCHIVED" });
    expect((await owner.forms.list({ includeArchived: false })).map((f) => f.id)).not.toContain(form.id);
    expect((await owner.forms.list({ includeArchived: true })).map((f) => f.id)).toContain(form.id);
    await owner.forms.archive({ formId: form.id, archived: false });
    expect((await owner.forms.list({ includeArchived: false })).map((f) => f.id)).toContain(form.id);
  });
});

describe("submissions", () => {
  it("pages newest first with a cursor and filters by state; values come back verbatim (the app shows them as text)", async () => {
    const form = await freshForm(t);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await freshSubmission(t, form.id, i === 0 ? "FAILED" : "PROCESSED"));
    await systemDb().formSubmission.update({ where: { organizationId_id: { organizationId: t.id, id: ids[1] ?? "" } }, data: { values: { message: "<script>alert(1)</script>" } } });
    const first = await owner.forms.submissions({ formId: form.id, limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await owner.forms.submissions({ formId: form.id, limit: 3, cursor: first.nextCursor ?? undefined });
    expect(second.items).toHaveLength(2);
    expect(new Set([...first.items, ...second.items].map((s) => s.id))).toEqual(new Set(ids));
    const failed = await owner.forms.submissions({ formId: form.id, status: "FAILED", limit: 10 });
    expect(failed.items.map((s) => s.id)).toEqual([ids[0]]);
    expect([...first.items, ...second.items].find((s) => s.id === ids[1])?.values).toEqual({ message: "<script>alert(1)</script>" });
    expect(await outcome(owner.forms.submissions({ formId: form.id, limit: 3, cursor: "garbage" }))).toBe("BAD_REQUEST");
  });

  it("reprocess puts a failed submission back with a new event; a processed one is CONFLICT", async () => {
    const form = await freshForm(t);
    const failed = await freshSubmission(t, form.id, "FAILED");
    expect(await owner.forms.reprocess({ formId: form.id, submissionId: failed })).toEqual({ id: failed, status: "RECEIVED" });
    // Delivered after the commit (no engine here: in process), so the retry has already run.
    const after = await systemDb().formSubmission.findFirst({ where: { id: failed } });
    expect(after).toMatchObject({ status: "PROCESSED", attempts: 1, lastError: null });
    expect(after?.contactId).toBeTruthy();
    expect(await systemDb().eventOutbox.count({ where: { eventId: { startsWith: `form-submission:${failed}:again:` } } })).toBe(1);
    const done = await freshSubmission(t, form.id, "PROCESSED");
    expect(await outcome(owner.forms.reprocess({ formId: form.id, submissionId: done }))).toBe("CONFLICT");
  });

  it("refusal stats sum the last 30 days per reason", async () => {
    const form = await freshForm(t);
    const today = new Date(new Date().toISOString().slice(0, 10));
    const old = new Date(today.getTime() - 40 * 86_400_000);
    await systemDb().formRefusalCount.createMany({
      data: [
        { organizationId: t.id, formId: form.id, day: today, reason: "honeypot", count: 4 },
        { organizationId: t.id, formId: form.id, day: new Date(today.getTime() - 86_400_000), reason: "honeypot", count: 2 },
        { organizationId: t.id, formId: form.id, day: today, reason: "rate_limited_ip", count: 3 },
        { organizationId: t.id, formId: form.id, day: old, reason: "too_fast", count: 9 },
      ],
    });
    const stats = await owner.forms.refusalStats({ formId: form.id, days: 30 });
    expect(stats.blocked).toBe(9);
    expect(stats.reasons.find((r) => r.reason === "honeypot")?.count).toBe(6);
    expect(stats.reasons.find((r) => r.reason === "too_fast")?.count).toBe(0);
  });

  it("the CSV export is formula-safe", async () => {
    const form = await freshForm(t);
    const id = await freshSubmission(t, form.id, "PROCESSED");
    await systemDb().formSubmission.update({ where: { organizationId_id: { organizationId: t.id, id } }, data: { values: { first_name: '=HYPERLINK("http://evil.example","x")', email: "+cmd@example.com", message: "@SUM(A1)", size: "-2" } } });
    const { csv, rows, fileName } = await owner.forms.exportCsv({ formId: form.id });
    expect(rows).toBe(1);
    expect(fileName).toBe(`${form.slug}-submissions.csv`);
    const [header, line] = csv.split("\r\n");
    expect(header).toContain("First name");
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(line).toContain(",'+cmd@example.com,");
    expect(line).toContain(",'@SUM(A1),");
    expect(line).toMatch(/,'-2$/);
    expect(readCsvCell("'=HYPERLINK(1)")).toBe("=HYPERLINK(1)");
  });
});

describe("lead capture settings", () => {
  it("stores the Turnstile secret encrypted, never returns it, and needs both keys", async () => {
    const saved = await owner.forms.settingsUpdate({ turnstileSiteKey: "0x4AAAAsite", turnstileSecret: "very-secret", roundRobinUserIds: [t.users.OWNER.id] });
    expect(saved).toEqual({ turnstileSiteKey: "0x4AAAAsite", hasTurnstileSecret: true, roundRobinUserIds: [t.users.OWNER.id] });
    const row = await systemDb().leadCaptureSettings.findFirst({ where: { organizationId: t.id } });
    expect(row?.turnstileSecretEnc).toBeTruthy();
    expect(row?.turnstileSecretEnc).not.toContain("very-secret");
    expect(JSON.stringify(await owner.forms.settingsGet())).not.toContain("very-secret");
    expect(await outcome(owner.forms.settingsUpdate({ turnstileSiteKey: null, roundRobinUserIds: [] }))).toBe("BAD_REQUEST");
    const cleared = await owner.forms.settingsUpdate({ turnstileSiteKey: null, turnstileSecret: null, roundRobinUserIds: [] });
    expect(cleared.hasTurnstileSecret).toBe(false);
  });
});
