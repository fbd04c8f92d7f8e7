import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sanitizeNoteHtml } from "../../../src/services/crm/notes";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../../fixtures";

/** The timeline (notes, calls, meetings, filters, pages) and the append-only consent ledger. */
let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("crm-timeline");
});
afterAll(async () => {
  await deleteTenant(tenant);
});
const as = (role: keyof Tenant["users"] = "OWNER") => callerFor(tenant.users[role], tenant.slug);

describe("notes", () => {
  it("strips script, event handlers, styles and javascript: links; keeps basic formatting and safe links", () => {
    const { html, text } = sanitizeNoteHtml(
      `<p onclick="steal()">Hello <strong>there</strong> <em>friend</em></p><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">bad</a> <a href="https://bakery.example/menu" style="color:red">menu</a><iframe src="https://evil.example"></iframe><ul><li>rye</li></ul>`,
    );
    expect(html).not.toMatch(/script|onclick|onerror|<img|iframe|javascript:|style=/i);
    expect(html).toContain("<strong>there</strong>");
    expect(html).toContain('<a href="https://bakery.example/menu" rel="noopener noreferrer nofollow" target="_blank">menu</a>');
    expect(html).toContain("<li>rye</li>");
    expect(text).toContain("Hello there friend");
    expect(text).not.toContain("alert");
  });

  it("logs notes, calls and meetings on the timeline, sanitized on the server; filters by kind and pages by keyset", async () => {
    const { id } = await as().contacts.create({ firstName: "Tim", lastName: "Eline" });
    await as().contacts.logNote({ contactId: id, html: `<p>Wants <b>rye</b> on Fridays</p><script>document.cookie</script>` });
    await as().contacts.logCall({ contactId: id, summary: "Confirmed the order", durationMinutes: 5, outcome: "Connected" });
    await as().contacts.logMeeting({ contactId: id, summary: "Tasting", at: "2026-01-10T10:00:00.000Z" });
    const stored = await systemDb().activity.findFirstOrThrow({ where: { organizationId: tenant.id, contactId: id, kind: "NOTE" } });
    expect((stored.payload as { html: string }).html).toBe("<p>Wants <b>rye</b> on Fridays</p>");
    expect(stored.actorUserId).toBe(tenant.users.OWNER.id);

    const all = await as().contacts.timeline({ contactId: id });
    expect(all.entries.map((e) => e.kind).sort()).toEqual(["CALL", "CONTACT_CREATED", "MEETING", "NOTE"]);
    expect(all.entries.find((e) => e.kind === "NOTE")?.actorName).toBe(tenant.users.OWNER.name);
    const notes = await as().contacts.timeline({ contactId: id, kinds: ["NOTE", "CALL"] });
    expect(notes.entries.map((e) => e.kind).sort()).toEqual(["CALL", "NOTE"]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await as().contacts.timeline({ contactId: id, limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.entries.map((e) => e.id));
    expect(await outcome(as().contacts.logNote({ contactId: id, html: "<script>x</script>" }))).toBe("BAD_REQUEST");
    expect(await outcome(as("VIEWER").contacts.logNote({ contactId: id, html: "hi" }))).toBe("FORBIDDEN");
    expect(await outcome(as("VIEWER").contacts.timeline({ contactId: id }))).toBe("OK");
  });
});

describe("consent", () => {
  it("appends a ledger row and a CONSENT_CHANGED event per change; the current state is the latest row per channel and purpose", async () => {
    const { id } = await as().contacts.create({ firstName: "Con", lastName: "Sent", emails: ["consent@example.com"] });
    await as().contacts.recordConsent({ contactId: id, channel: "EMAIL", purpose: "newsletter", status: "GRANTED", wordingVersion: "2026-01", wording: "Send me the weekly bake list", method: "form" });
    await as().contacts.recordConsent({ contactId: id, channel: "SMS", purpose: "marketing", status: "GRANTED" });
    await as().contacts.recordConsent({ contactId: id, channel: "EMAIL", purpose: "newsletter", status: "WITHDRAWN", method: "unsubscribe_link" });
    const got = await as().contacts.get({ contactId: id });
    if (got.kind !== "contact") throw new Error("expected a contact");
    const state = Object.fromEntries(got.consents.map((c) => [`${c.channel}/${c.purpose}`, c.status]));
    expect(state).toEqual({ "EMAIL/newsletter": "WITHDRAWN", "SMS/marketing": "GRANTED" });
    const history = await as().contacts.consentHistory({ contactId: id });
    expect(history.map((h) => h.status)).toEqual(["WITHDRAWN", "GRANTED", "GRANTED"]);
    expect(history[2]?.wording).toBe("Send me the weekly bake list");
    expect(await systemDb().activity.count({ where: { organizationId: tenant.id, contactId: id, kind: "CONSENT_CHANGED" } })).toBe(3);
  });

  it("is append-only for the app role: PostgreSQL refuses UPDATE of a recorded field and DELETE", async () => {
    const { id } = await as().contacts.create({ firstName: "Ledger" });
    const record = await as().contacts.recordConsent({ contactId: id, channel: "WHATSAPP", purpose: "marketing", status: "GRANTED" });
    await expect(withOrg(tenant.id, (db) => db.consentRecord.updateMany({ where: { id: record.id }, data: { status: "WITHDRAWN" } }))).rejects.toThrow(/permission denied/i);
    await expect(withOrg(tenant.id, (db) => db.consentRecord.deleteMany({ where: { id: record.id } }))).rejects.toThrow(/permission denied/i);
    await expect(withOrg(tenant.id, (db) => db.activity.deleteMany({ where: { contactId: id } }))).rejects.toThrow(/permission denied/i);
    const row = await systemDb().consentRecord.findFirstOrThrow({ where: { organizationId: tenant.id, id: record.id } });
    expect(row.status).toBe("GRANTED");
  });
});

describe("what content roles see", () => {
  it("a content editor reads the contact and its timeline but not deal or task events", async () => {
    const { id } = await as().contacts.create({ firstName: "Pipe", lastName: "Line" });
    const pipeline = await systemDb().pipeline.create({ data: { organizationId: tenant.id, name: `P ${id.slice(0, 6)}` } });
    const stage = await systemDb().pipelineStage.create({ data: { organizationId: tenant.id, pipelineId: pipeline.id, name: "Open", position: 0, probability: 10 } });
    const deal = await systemDb().deal.create({ data: { organizationId: tenant.id, pipelineId: pipeline.id, stageId: stage.id, name: "Secret deal", currency: "GBP", position: "a0", amountMinor: 500_00n } });
    await systemDb().dealContact.create({ data: { organizationId: tenant.id, dealId: deal.id, contactId: id } });
    await systemDb().activity.create({ data: { organizationId: tenant.id, kind: "DEAL_CREATED", contactId: id, dealId: deal.id, payload: { name: "Secret deal", amountMinor: "50000", currency: "GBP" } } });
    const editor = as("CONTENT_EDITOR");
    const got = await editor.contacts.get({ contactId: id });
    if (got.kind !== "contact") throw new Error("expected a contact");
    expect(got.deals).toEqual([]);
    expect((await editor.contacts.timeline({ contactId: id })).entries.map((e) => e.kind)).toEqual(["CONTACT_CREATED"]);
    const owner = await as().contacts.get({ contactId: id });
    if (owner.kind !== "contact") throw new Error("expected a contact");
    expect(owner.deals.map((d) => [d.name, d.amountMinor])).toEqual([["Secret deal", "50000"]]);
    expect((await as().contacts.timeline({ contactId: id })).entries.map((e) => e.kind).sort()).toEqual(["CONTACT_CREATED", "DEAL_CREATED"]);
  });
});
