import { createHash } from "node:crypto";
import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import type { FormDefinition, StoredConsent, ThankYou } from "../../schemas/forms";
import { receiveSubmission } from "../lead-forms/intake";
import { processFormSubmission } from "../lead-forms/process";
import { signRenderToken } from "../lead-forms/token";

const ORG_SLUG = "northwind-bakery";
/** Well known: the hosted page is /f/northwind-bakery/order-a-cake (tests and docs use it). */
export const DEMO_FORM_SLUG = "order-a-cake";

const ORDER_A_CAKE: FormDefinition = {
  steps: [
    {
      title: "Your cake",
      fields: [
        { id: "occasion", kind: "select", label: "Occasion", required: true, options: [{ value: "birthday", label: "Birthday" }, { value: "wedding", label: "Wedding" }, { value: "office", label: "Office party" }, { value: "other", label: "Something else" }], mapsTo: { kind: "none" } },
        { id: "servings", kind: "select", label: "How many people?", required: true, options: [{ value: "8", label: "Up to 8" }, { value: "20", label: "Up to 20" }, { value: "50", label: "Up to 50" }], mapsTo: { kind: "none" } },
        { id: "date", kind: "date", label: "Date needed", required: false, mapsTo: { kind: "none" } },
        { id: "extras", kind: "multiselect", label: "Extras", required: false, options: [{ value: "gluten_free", label: "Gluten free" }, { value: "vegan", label: "Vegan" }, { value: "message", label: "Message in icing" }], mapsTo: { kind: "none" } },
        { id: "notes", kind: "textarea", label: "Anything else?", required: false, helpText: "Flavours, colours, allergies…", mapsTo: { kind: "none" } },
      ],
    },
    {
      title: "Your details",
      fields: [
        { id: "first_name", kind: "text", label: "First name", required: true, mapsTo: { kind: "contact", field: "firstName" } },
        { id: "last_name", kind: "text", label: "Last name", required: false, mapsTo: { kind: "contact", field: "lastName" } },
        { id: "email", kind: "email", label: "Email", required: true, mapsTo: { kind: "contact", field: "email" } },
        { id: "phone", kind: "phone", label: "Phone", required: false, defaultCountry: "GB", helpText: "So we can call you about the design.", mapsTo: { kind: "contact", field: "phone" } },
        { id: "source", kind: "hidden", label: "Campaign", required: false, defaultValue: "?utm_campaign", mapsTo: { kind: "none" } },
      ],
    },
  ],
  submitLabel: "Request my cake",
};

const CONTACT_US: FormDefinition = {
  steps: [
    {
      fields: [
        { id: "name", kind: "text", label: "Name", required: true, mapsTo: { kind: "contact", field: "firstName" } },
        { id: "email", kind: "email", label: "Email", required: true, mapsTo: { kind: "contact", field: "email" } },
        { id: "company", kind: "text", label: "Company", required: false, mapsTo: { kind: "contact", field: "companyName" } },
        { id: "message", kind: "textarea", label: "Message", required: true, mapsTo: { kind: "none" } },
      ],
    },
  ],
  submitLabel: "Send",
};

function consents(since: string): StoredConsent[] {
  return [{ id: "newsletter", channel: "EMAIL", purpose: "marketing", wording: "Send me Northwind's seasonal menu and offers by email. I can unsubscribe at any time.", required: false, version: 1, since, previous: [] }];
}

/** A stable uuid per demo submission: a second seed run finds them and adds nothing. */
function demoId(name: string): string {
  const h = createHash("sha256").update(`northwind-demo-form:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const SUBMISSIONS: { key: string; fields: Record<string, string | string[]> }[] = [
  { key: "olivia", fields: { occasion: "birthday", servings: "20", extras: ["message"], notes: "Chocolate sponge, a unicorn on top please!", first_name: "Olivia", last_name: "Hughes", email: "olivia.hughes@example.co.uk", phone: "07911 123456", _consent: "newsletter" } },
  { key: "raj", fields: { occasion: "office", servings: "50", extras: ["vegan", "gluten_free"], notes: "Company anniversary, our logo in blue.", first_name: "Raj", last_name: "Patel", email: "raj.patel@example.co.uk" } },
  { key: "chloe", fields: { occasion: "wedding", servings: "50", notes: "Three tiers, lemon and elderflower.", first_name: "Chloe", last_name: "Martin", email: "chloe.martin@example.co.uk", phone: "07912 345678", _consent: "newsletter" } },
];

/**
 * Northwind's lead forms: "Order a cake" (two steps, at /f/northwind-bakery/order-a-cake) and
 * "Contact us", and a few orders sent through the real intake and processed into contacts.
 * Idempotent.
 */
export async function seedFormsDemo(options: { organizationSlug?: string; log?: (line: string) => void } = {}): Promise<void> {
  const log = options.log ?? console.log;
  const slug = options.organizationSlug ?? ORG_SLUG;
  const org = await systemDb().organization.findUnique({ where: { slug }, select: { id: true } });
  if (!org) return log(`forms demo: no ${slug} organization (run the base seed first)`);
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const thankYou: ThankYou = { kind: "message", message: "Thank you! A baker will be in touch within one working day to talk about your cake." };
  const form = await withOrg(org.id, async (db) => {
    const upsert = async (formSlug: string, name: string, definition: FormDefinition, tags: string[]) =>
      (await db.leadForm.findFirst({ where: { slug: formSlug }, select: { id: true, revision: true } })) ??
      db.leadForm.create({
        data: { organizationId: org.id, slug: formSlug, name, definition: definition as object, consents: consents(since) as object[], thankYou: thankYou as object, tags, revision: 1 },
        select: { id: true, revision: true },
      });
    await upsert("contact-us", "Contact us", CONTACT_US, ["contact-form"]);
    return upsert(DEMO_FORM_SLUG, "Order a cake", ORDER_A_CAKE, ["cake-order"]);
  });
  let processed = 0;
  for (const [i, submission] of SUBMISSIONS.entries()) {
    const issuedAt = new Date(Date.now() - (SUBMISSIONS.length - i) * 3_600_000);
    const token = signRenderToken({ organizationId: org.id, formId: form.id, revision: form.revision, submissionId: demoId(submission.key), issuedAt, via: "hosted" });
    const fields = new Map<string, string[]>(Object.entries({ ...submission.fields, _token: token, _page: `https://northwind.example/cakes?utm_source=instagram&utm_campaign=spring-cakes` }).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
    const outcome = await receiveSubmission({ fields, ip: "192.0.2.10", userAgent: "Mozilla/5.0 (demo seed)", referrer: null, visitorId: null }, { now: new Date(issuedAt.getTime() + 90_000) });
    if (outcome.kind !== "accepted") {
      log(`forms demo: submission ${submission.key} was ${outcome.kind}${outcome.kind === "invalid" ? ` (${JSON.stringify(outcome.rerender.errors)} ${outcome.rerender.formError ?? ""})` : ""}`);
      continue;
    }
    const result = await processFormSubmission({ organizationId: org.id, submissionId: outcome.submissionId });
    if (result.status === "processed") processed += 1;
  }
  log(`forms demo: "Order a cake" (/f/${slug}/${DEMO_FORM_SLUG}) and "Contact us"; ${processed} new submissions processed`);
}
