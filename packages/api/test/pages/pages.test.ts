import { systemDb } from "@mg/db/system";
import { applyPageSchedule } from "@mg/jobs/pages";
import { PAGE_TEMPLATES } from "@mg/pages/data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";

/** Landing pages through the API: drafts with optimistic revisions, immutable versions, schedules, branding. */
let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("pages");
});
afterAll(async () => {
  await deleteTenant(tenant);
});
const as = (role: keyof Tenant["users"] = "OWNER") => callerFor(tenant.users[role], tenant.slug);

describe("drafts", () => {
  it("creates from a template with fresh block ids and a free slug; blank pages too", async () => {
    const a = await as().pages.create({ name: "Holiday bakes", templateKey: "bakery" });
    const b = await as().pages.create({ name: "Holiday bakes", templateKey: "bakery" });
    expect(a.slug).toBe("holiday-bakes");
    expect(b.slug).toBe("holiday-bakes-2");
    const page = await as().pages.get({ pageId: a.id });
    expect(page.draft.content.map((x) => x.type)).toEqual(PAGE_TEMPLATES[0]!.content.content.map((x) => x.type));
    expect(page.draft.content[0]!.props.id).not.toBe(PAGE_TEMPLATES[0]!.content.content[0]!.props.id);
    expect(page.seo.title).toBe(PAGE_TEMPLATES[0]!.seo.title);
    const blank = await as().pages.create({ name: "Blank", slug: "blank-one" });
    expect((await as().pages.get({ pageId: blank.id })).draft.content).toEqual([]);
    expect(await outcome(as().pages.create({ name: "Again", slug: "blank-one" }))).toBe("CONFLICT");
    expect(await outcome(as().pages.create({ name: "X", templateKey: "nope" }))).toBe("BAD_REQUEST");
  });

  it("autosave is optimistic: a stale revision gets CONFLICT and never overwrites", async () => {
    const { id } = await as().pages.create({ name: "Autosave", templateKey: "clinic" });
    const content = (await as().pages.get({ pageId: id })).draft;
    const first = await as().pages.saveDraft({ pageId: id, draftRevision: 0, content: { ...content, content: content.content.slice(0, 2) } });
    expect(first.draftRevision).toBe(1);
    // Another tab still holds revision 0.
    const stale = as("CONTENT_EDITOR").pages.saveDraft({ pageId: id, draftRevision: 0, content: { ...content, content: [] } });
    await expect(stale).rejects.toMatchObject({ code: "CONFLICT" });
    const after = await as().pages.get({ pageId: id });
    expect(after.draft.content).toHaveLength(2);
    expect(after.draftRevision).toBe(1);
  });

  it("refuses hostile and oversize drafts with a reason", async () => {
    const { id } = await as().pages.create({ name: "Hostile" });
    const bad = (content: unknown) => outcome(as().pages.saveDraft({ pageId: id, draftRevision: 0, content }));
    expect(await bad({ root: { props: {} }, content: [{ type: "CallToAction", props: { id: "a", href: "javascript:alert(1)" } }] })).toBe("BAD_REQUEST");
    expect(await bad({ root: { props: {} }, content: [{ type: "Iframe", props: { id: "a" } }] })).toBe("BAD_REQUEST");
    expect(await bad({ root: { props: {} }, content: Array.from({ length: 200 }, (_, i) => ({ type: "Spacer", props: { id: `s${i}` } })) })).toBe("BAD_REQUEST");
    expect(await bad({ root: { props: {} }, content: [{ type: "Text", props: { id: "a", body: "x".repeat(300_000) } }] })).toBe("BAD_REQUEST");
    await expect(as().pages.saveDraft({ pageId: id, draftRevision: 0, content: { root: { props: {} }, content: [{ type: "Text", props: { id: "a", body: "<script>alert(1)</script>" } }] } })).resolves.toMatchObject({ draftRevision: 1 });
  });

  it("settings, duplicate, delete with undo", async () => {
    const { id } = await as().pages.create({ name: "Settings", templateKey: "agency" });
    await as().pages.updateSettings({ pageId: id, name: "Strategy call", slug: "strategy-call", seo: { title: "Book", description: "A call", socialImageUrl: "https://cdn.example.com/og.png", noindex: true }, thankYou: { kind: "url", url: "https://example.com/thanks" } });
    const page = await as().pages.get({ pageId: id });
    expect(page).toMatchObject({ name: "Strategy call", slug: "strategy-call", seo: { noindex: true }, thankYou: { kind: "url" } });
    expect(await outcome(as().pages.updateSettings({ pageId: id, name: "x", slug: "x", seo: { title: "", description: "", socialImageUrl: "javascript:x", noindex: false }, thankYou: { kind: "message", message: "" } }))).toBe("BAD_REQUEST");
    const copy = await as().pages.duplicate({ pageId: id });
    expect(copy).toMatchObject({ name: "Copy of Strategy call", slug: "strategy-call-copy", status: "DRAFT", live: false });
    await as().pages.delete({ pageId: copy.id });
    expect((await as().pages.list({})).map((p) => p.id)).not.toContain(copy.id);
    expect((await as().pages.list({ deleted: true })).map((p) => p.id)).toContain(copy.id);
    expect(await outcome(as().pages.get({ pageId: copy.id }))).toBe("NOT_FOUND");
    await as().pages.restore({ pageId: copy.id });
    expect((await as().pages.list({})).map((p) => p.id)).toContain(copy.id);
  });
});

describe("publishing", () => {
  it("snapshots the draft into numbered immutable versions; rollback publishes an old one as a new version", async () => {
    const { id } = await as().pages.create({ name: "Versions", templateKey: "saas" });
    const v1 = await as().pages.publish({ pageId: id });
    expect(v1.number).toBe(1);
    const draft = (await as().pages.get({ pageId: id })).draft;
    await as().pages.saveDraft({ pageId: id, draftRevision: 0, content: { ...draft, content: draft.content.slice(0, 1) } });
    // The draft edit does not touch the published version.
    const published = await systemDb().landingPageVersion.findFirstOrThrow({ where: { organizationId: tenant.id, id: v1.versionId } });
    expect((published.content as { content: unknown[] }).content).toHaveLength(draft.content.length);
    expect(await outcome(as().pages.publish({ pageId: id, draftRevision: 0 }))).toBe("CONFLICT");
    const v2 = await as().pages.publish({ pageId: id, draftRevision: 1 });
    expect(v2.number).toBe(2);
    const back = await as().pages.rollback({ pageId: id, versionId: v1.versionId });
    expect(back).toMatchObject({ number: 3, restoredFrom: 1 });
    const versions = await as().pages.versions({ pageId: id });
    expect(versions.map((v) => [v.number, v.live])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    const v3 = await systemDb().landingPageVersion.findFirstOrThrow({ where: { organizationId: tenant.id, id: back.versionId } });
    expect(v3.content).toEqual(published.content);
    await as().pages.unpublish({ pageId: id });
    expect((await as().pages.get({ pageId: id })).live).toBe(false);
  });

  it("needs pages.publish; an editor cannot take a live page offline by deleting it", async () => {
    const { id } = await as("CONTENT_EDITOR").pages.create({ name: "Editor page" });
    expect(await outcome(as("CONTENT_EDITOR").pages.publish({ pageId: id }))).toBe("FORBIDDEN");
    expect(await outcome(as("VIEWER").pages.saveDraft({ pageId: id, draftRevision: 0, content: { root: { props: {} }, content: [] } }))).toBe("FORBIDDEN");
    await as("CONTENT_MANAGER").pages.publish({ pageId: id });
    expect(await outcome(as("CONTENT_EDITOR").pages.delete({ pageId: id }))).toBe("FORBIDDEN");
    expect(await outcome(as("CONTENT_MANAGER").pages.delete({ pageId: id }))).toBe("OK");
  });

  it("schedules publish and unpublish at wall times in the organization's zone, via the outbox, applied once", async () => {
    const { id } = await as().pages.create({ name: "Scheduled", templateKey: "fitness" });
    // Europe/London: 2027-03-28 01:30 does not exist (clocks go forward).
    expect(await outcome(as().pages.schedule({ pageId: id, publishAt: { localTime: "2027-03-28T01:30" } }))).toBe("BAD_REQUEST");
    expect(await outcome(as().pages.schedule({ pageId: id, publishAt: { localTime: "2020-01-01T10:00" } }))).toBe("BAD_REQUEST");
    expect(await outcome(as().pages.schedule({ pageId: id, publishAt: { localTime: "2027-07-02T10:00" }, unpublishAt: { localTime: "2027-07-01T10:00" } }))).toBe("BAD_REQUEST");
    const page = await as().pages.schedule({ pageId: id, publishAt: { localTime: "2027-07-01T09:00" }, unpublishAt: { localTime: "2027-07-08T18:00" } });
    // London is on BST (UTC+1) in July.
    expect(page.publishAt).toEqual({ at: "2027-07-01T08:00:00.000Z", localTime: "2027-07-01T09:00", timezone: "Europe/London" });
    const events = await systemDb().eventOutbox.findMany({ where: { organizationId: tenant.id, name: "page/scheduled" }, select: { eventId: true } });
    expect(events.map((e) => e.eventId).sort()).toEqual([`page:${id}:publish:2027-07-01T08:00:00.000Z`, `page:${id}:unpublish:2027-07-08T17:00:00.000Z`]);

    const publish = { organizationId: tenant.id, pageId: id, action: "publish" as const, at: "2027-07-01T08:00:00.000Z" };
    expect(await applyPageSchedule({ ...publish, now: new Date("2027-07-01T07:59:00Z") })).toEqual({ status: "skipped", reason: "not-due-yet" });
    expect(await applyPageSchedule({ ...publish, now: new Date("2027-07-01T08:00:05Z") })).toMatchObject({ status: "published", number: 1 });
    // A duplicate delivery finds nothing to do.
    expect(await applyPageSchedule({ ...publish, now: new Date("2027-07-01T08:01:00Z") })).toEqual({ status: "skipped", reason: "rescheduled" });
    expect((await as().pages.versions({ pageId: id }))[0]).toMatchObject({ number: 1, scheduled: true, live: true });
    const unpublish = { organizationId: tenant.id, pageId: id, action: "unpublish" as const, at: "2027-07-08T17:00:00.000Z" };
    expect(await applyPageSchedule({ ...unpublish, now: new Date("2027-07-08T17:00:00Z") })).toEqual({ status: "unpublished" });
    expect(await as().pages.get({ pageId: id })).toMatchObject({ live: false, publishAt: null, unpublishAt: null });
  });
});

describe("branding", () => {
  it("validates and stores the organization's branding; a new client starts with the agency's", async () => {
    const saved = await as().organization.updateBranding({ primaryColor: "#7C2D12", accentColor: "#0f766e", fontFamily: "serif", logoUrl: "https://cdn.example.com/logo.png", productName: "Crumbs" });
    expect(saved.branding).toEqual({ primaryColor: "#7c2d12", accentColor: "#0f766e", fontFamily: "serif", logoUrl: "https://cdn.example.com/logo.png", productName: "Crumbs" });
    expect(await outcome(as().organization.updateBranding({ primaryColor: "red" }))).toBe("BAD_REQUEST");
    expect(await outcome(as().organization.updateBranding({ logoUrl: "javascript:alert(1)" }))).toBe("BAD_REQUEST");
    expect(await outcome(as().organization.updateBranding({ fontFamily: "Comic Sans MS" as never }))).toBe("BAD_REQUEST");
    expect(await outcome(as("CONTENT_MANAGER").organization.updateBranding({ primaryColor: "#000000" }))).toBe("FORBIDDEN");
    const client = await as().organization.createClient({ name: "Branded client", timezone: "UTC" });
    const row = await systemDb().organization.findUniqueOrThrow({ where: { id: client.id } });
    expect(row.branding).toMatchObject({ primaryColor: "#7c2d12", fontFamily: "serif" });
  });
});
