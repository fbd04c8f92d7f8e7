import { randomUUID } from "node:crypto";
import { Prisma, type LifecycleStage, type TenantDb } from "@mg/db";
import { newOptionId } from "../crm/custom-fields";
import { nameKey, normalizePhone } from "../crm/normalize";
import { recordActivities, type ActivityInput } from "../crm/timeline";
import type { ActivityKindName } from "../../schemas/crm/activity";

/**
 * Demo CRM records for Northwind Bakery: ~40 companies (cafés, caterers, hotels, wholesale buyers),
 * ~300 contacts — most working at one of them, some walk-in regulars — with emails, phones, tags,
 * owners, three contact custom fields (favourite product, annual spend, wholesale account) and one
 * company field (delivery day), consents, and a few notes and calls on their timelines.
 * Deterministic (one seeded generator; dates relative to the day it runs) and set-based: every
 * table is written with one createMany. Idempotent: an organization with companies is left alone.
 */

const DAY = 86_400_000;

function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}

const COMPANY_KINDS = [
  { words: ["Café", "Coffee House", "Espresso Bar", "Tea Rooms"], industry: "Café", size: ["1-10", "11-50"] },
  { words: ["Catering", "Events", "Kitchen Co."], industry: "Catering", size: ["11-50", "51-200"] },
  { words: ["Hotel", "Inn", "Guesthouse"], industry: "Hospitality", size: ["11-50", "51-200", "201-1000"] },
  { words: ["Deli", "Food Hall", "Grocers", "Farm Shop"], industry: "Retail", size: ["1-10", "11-50"] },
  { words: ["Wholesale", "Foodservice", "Distribution"], industry: "Wholesale", size: ["51-200", "201-1000"] },
] as const;
const PLACE_WORDS = ["Harbour", "Maple", "Riverside", "Old Mill", "Market Street", "Copper Kettle", "Greenfield", "Northgate", "Lantern", "Saffron", "Willow", "Blue Door", "Station", "Oak & Ash", "Hillside", "Cobblestone", "Juniper", "Bramble", "Sunday", "Foxglove"];
const CITIES = ["Leeds", "York", "Harrogate", "Manchester", "Sheffield", "Bradford", "Wakefield", "Halifax"];
const STREETS = ["High Street", "Church Lane", "Station Road", "Market Place", "Mill Lane", "Park Road", "Victoria Street"];
const FIRST = ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Grace", "Sophie", "Freya", "Noah", "Oliver", "George", "Arthur", "Leo", "Harry", "Oscar", "Jack", "Theo", "Finley", "Aisha", "Priya", "Mateo", "Lucas", "Zoë", "Chloé", "Sean", "Niamh", "Tomasz", "Ana", "Yusuf", "Elif", "Kai", "Ruby", "Evie", "Alfie", "Hamza", "Maya", "Rosa", "Jonas"];
const LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Khan", "Novak", "García", "O'Brien", "Müller", "Kowalski", "Hughes", "Edwards", "Moore"];
const TITLES = ["Owner", "Head Chef", "Manager", "Purchasing Manager", "Events Coordinator", "Operations Lead", "Barista", "Buyer", "General Manager", "Pastry Chef"];
const FREE_MAIL = ["gmail.com", "outlook.com", "icloud.com", "yahoo.co.uk"];
const PRODUCTS = ["Sourdough", "Rye loaf", "Croissants", "Cinnamon buns", "Baguettes", "Celebration cakes", "Gluten-free range"];
const TAGS = ["regular", "wholesale", "events", "vegan", "weekly order", "newsletter", "christmas 2025", "local"];
const NOTES = [
  "<p>Asked about a <strong>standing weekly order</strong> for sourdough and croissants — send the wholesale price list.</p>",
  "<p>Loved the cinnamon buns at the market stall. Wants to hear about the <em>Saturday workshops</em>.</p>",
  "<p>Prefers deliveries before 7 am; back door code is with the driver.</p>",
  "<p>Planning a wedding for 120 guests in June: <strong>celebration cake</strong> and bread baskets.</p>",
  "<p>Switched supplier last year because of late deliveries — reliability matters most.</p>",
];
const CALLS = [
  { summary: "Confirmed next week's order and the new gluten-free loaves.", outcome: "Connected" },
  { summary: "Followed up on the catering quote; they will decide on Friday.", outcome: "Connected" },
  { summary: "Left a message about the holiday pre-order deadline.", outcome: "Voicemail" },
];

function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

export async function seedCrmRecords(db: TenantDb, org: { id: string; country: string | null }, memberUserIds: string[]): Promise<{ contactIds: string[]; companyIds: string[] }> {
  const existing = await db.company.findMany({ select: { id: true } });
  if (existing.length > 0) {
    const contacts = await db.contact.findMany({ where: { deletedAt: null, mergedIntoId: null }, select: { id: true } });
    return { contactIds: contacts.map((c) => c.id), companyIds: existing.map((c) => c.id) };
  }
  const rnd = generator(20_261_202);
  const now = Date.now();
  const country = org.country ?? "GB";
  const owners = memberUserIds.length > 0 ? memberUserIds : [null];
  const organizationId = org.id;

  // Custom fields: three on contacts, one on companies.
  const productOptions = PRODUCTS.map((label) => ({ id: newOptionId(), label }));
  const dayOptions = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"].map((label) => ({ id: newOptionId(), label }));
  const fields = {
    product: { id: randomUUID(), organizationId, object: "CONTACT" as const, key: "favourite_product", label: "Favourite product", type: "SINGLE_SELECT" as const, options: productOptions, position: 0 },
    spend: { id: randomUUID(), organizationId, object: "CONTACT" as const, key: "annual_spend", label: "Annual spend", type: "CURRENCY" as const, currency: "GBP", position: 1 },
    wholesale: { id: randomUUID(), organizationId, object: "CONTACT" as const, key: "wholesale_account", label: "Wholesale account", type: "BOOLEAN" as const, position: 2 },
    delivery: { id: randomUUID(), organizationId, object: "COMPANY" as const, key: "delivery_day", label: "Delivery day", type: "SINGLE_SELECT" as const, options: dayOptions, position: 0 },
  };
  await db.customFieldDefinition.createMany({ data: Object.values(fields) });

  // Companies.
  const usedNames = new Set<string>();
  const companies: Prisma.CompanyCreateManyInput[] = [];
  while (companies.length < 40) {
    const kind = rnd.pick(COMPANY_KINDS);
    const name = `${rnd.pick(PLACE_WORDS)} ${rnd.pick(kind.words)}`;
    if (usedNames.has(name)) continue;
    usedNames.add(name);
    const domain = `${slugify(name)}.co.uk`;
    const createdAt = new Date(now - rnd.int(20, 700) * DAY);
    companies.push({
      id: randomUUID(),
      organizationId,
      name,
      domain,
      domainKey: domain,
      industry: kind.industry,
      size: rnd.pick(kind.size),
      country,
      address: { line1: `${rnd.int(1, 220)} ${rnd.pick(STREETS)}`, city: rnd.pick(CITIES), postalCode: `LS${rnd.int(1, 29)} ${rnd.int(1, 9)}${String.fromCharCode(65 + rnd.int(0, 25))}${String.fromCharCode(65 + rnd.int(0, 25))}` },
      ownerUserId: rnd.pick(owners),
      createdAt,
      updatedAt: createdAt,
    });
  }
  await db.company.createMany({ data: companies });

  // Contacts: ~85 % at a company (its domain), the rest walk-in regulars with free-mail addresses.
  const contacts: Prisma.ContactCreateManyInput[] = [];
  const emails: Prisma.ContactEmailCreateManyInput[] = [];
  const phones: Prisma.ContactPhoneCreateManyInput[] = [];
  const usedEmails = new Set<string>();
  const stages: LifecycleStage[] = ["SUBSCRIBER", "LEAD", "LEAD", "MARKETING_QUALIFIED", "SALES_QUALIFIED", "OPPORTUNITY", "CUSTOMER", "CUSTOMER", "CUSTOMER", "OTHER"];
  for (let i = 0; contacts.length < 300 && i < 2000; i++) {
    const firstName = rnd.pick(FIRST);
    const lastName = rnd.pick(LAST);
    const company = rnd.chance(0.85) ? rnd.pick(companies) : null;
    const local = `${slugify(firstName)}.${slugify(lastName)}`;
    const email = company ? `${local}@${String(company.domain)}` : `${local}${rnd.int(1, 99)}@${rnd.pick(FREE_MAIL)}`;
    if (usedEmails.has(email)) continue;
    usedEmails.add(email);
    const id = randomUUID();
    const createdAt = new Date(now - rnd.int(1, 600) * DAY - rnd.int(0, DAY - 1));
    // UK mobile numbers; a few generated ranges are not allocated, so draw again (bounded).
    let phone = normalizePhone(`07${rnd.int(400, 999)} ${rnd.int(100_000, 999_999)}`, country);
    for (let attempt = 0; !phone.ok && attempt < 10; attempt++) phone = normalizePhone(`07${rnd.int(400, 999)} ${rnd.int(100_000, 999_999)}`, country);
    const tags = [...new Set(Array.from({ length: rnd.int(0, 3) }, () => rnd.pick(TAGS)))];
    const wholesale = company?.industry === "Wholesale" || company?.industry === "Catering";
    contacts.push({
      id,
      organizationId,
      firstName,
      lastName,
      nameKey: nameKey(firstName, lastName),
      primaryEmail: email,
      primaryPhone: phone.ok ? phone.e164 : null,
      jobTitle: company ? rnd.pick(TITLES) : null,
      companyId: company?.id ?? null,
      ownerUserId: rnd.pick(owners),
      lifecycleStage: rnd.pick(stages),
      source: rnd.pick(["manual", "form", "import", "manual"]),
      tags: wholesale && !tags.includes("wholesale") ? [...tags, "wholesale"] : tags,
      score: rnd.int(0, 100),
      createdAt,
      updatedAt: new Date(Math.min(now, createdAt.getTime() + rnd.int(0, 60) * DAY)),
    });
    emails.push({ organizationId, contactId: id, email, emailKey: email, isPrimary: true, createdAt });
    if (phone.ok) phones.push({ organizationId, contactId: id, e164: phone.e164, label: company ? "work" : "mobile", isPrimary: true, createdAt });
  }
  await db.contact.createMany({ data: contacts });
  await db.contactEmail.createMany({ data: emails });
  await db.contactPhone.createMany({ data: phones });

  // Custom values.
  const values: Prisma.CustomFieldValueCreateManyInput[] = [];
  for (const c of contacts) {
    const contactId = c.id as string;
    if (rnd.chance(0.7)) values.push({ organizationId, fieldId: fields.product.id, contactId, valueText: rnd.pick(productOptions).id });
    if (c.lifecycleStage === "CUSTOMER") values.push({ organizationId, fieldId: fields.spend.id, contactId, valueNumber: new Prisma.Decimal(rnd.int(120, 48_000) * 100) });
    if (c.companyId) values.push({ organizationId, fieldId: fields.wholesale.id, contactId, valueBool: (c.tags as string[]).includes("wholesale") });
  }
  for (const co of companies) if (rnd.chance(0.6)) values.push({ organizationId, fieldId: fields.delivery.id, companyId: co.id as string, valueText: rnd.pick(dayOptions).id });
  await db.customFieldValue.createMany({ data: values });

  // Consents (ledger rows) and the timeline that goes with everything above.
  const consents: Prisma.ConsentRecordCreateManyInput[] = [];
  const activities: ActivityInput<ActivityKindName>[] = [];
  for (const c of contacts) {
    const contactId = c.id as string;
    const createdAt = c.createdAt as Date;
    activities.push({ kind: "CONTACT_CREATED", payload: { source: c.source ?? "manual" }, contactId, companyId: c.companyId ?? null, actorUserId: c.ownerUserId ?? null, occurredAt: createdAt });
    if (rnd.chance(0.55)) {
      const at = new Date(createdAt.getTime() + rnd.int(0, 3) * DAY);
      consents.push({ organizationId, contactId, channel: "EMAIL", purpose: "newsletter", status: "GRANTED", wordingVersion: "2025-03", wording: "Send me Northwind's weekly bake list and offers.", method: rnd.pick(["form", "double_opt_in", "manual"]), recordedAt: at });
      activities.push({ kind: "CONSENT_CHANGED", payload: { channel: "EMAIL", purpose: "newsletter", status: "GRANTED", method: "form" }, contactId, occurredAt: at });
      if (rnd.chance(0.1)) {
        const later = new Date(Math.min(now, at.getTime() + rnd.int(10, 200) * DAY));
        consents.push({ organizationId, contactId, channel: "EMAIL", purpose: "newsletter", status: "WITHDRAWN", method: "unsubscribe_link", recordedAt: later });
        activities.push({ kind: "CONSENT_CHANGED", payload: { channel: "EMAIL", purpose: "newsletter", status: "WITHDRAWN", method: "unsubscribe_link" }, contactId, occurredAt: later });
      }
    }
    if (rnd.chance(0.2)) {
      const at = new Date(createdAt.getTime() + rnd.int(0, 5) * DAY);
      consents.push({ organizationId, contactId, channel: "SMS", purpose: "marketing", status: "GRANTED", wordingVersion: "2025-03", method: "form", recordedAt: at });
      activities.push({ kind: "CONSENT_CHANGED", payload: { channel: "SMS", purpose: "marketing", status: "GRANTED", method: "form" }, contactId, occurredAt: at });
    }
    if (rnd.chance(0.25)) {
      const html = rnd.pick(NOTES);
      activities.push({ kind: "NOTE", payload: { html, text: html.replace(/<[^>]+>/g, "") }, contactId, companyId: c.companyId ?? null, actorUserId: rnd.pick(owners), occurredAt: new Date(Math.min(now, createdAt.getTime() + rnd.int(1, 40) * DAY)) });
    }
    if (rnd.chance(0.15)) {
      const call = rnd.pick(CALLS);
      activities.push({ kind: "CALL", payload: { ...call, durationMinutes: rnd.int(2, 25) }, contactId, actorUserId: rnd.pick(owners), occurredAt: new Date(Math.min(now, createdAt.getTime() + rnd.int(1, 60) * DAY)) });
    }
  }
  await db.consentRecord.createMany({ data: consents });
  await recordActivities(db, organizationId, activities);
  return { contactIds: contacts.map((c) => c.id as string), companyIds: companies.map((c) => c.id as string) };
}
