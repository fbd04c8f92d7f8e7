import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { TenantDb } from "@mg/db";
import type { CustomFieldValueInput } from "../../schemas/crm/custom-fields";
import type { FactCondition } from "../../schemas/scoring";
import { loadFieldDefinitions, readCustomFieldValues } from "../crm/custom-fields";
import { normalizeTag } from "../crm/normalize";
import { emailDomain, isFreeMail } from "./free-mail";

/**
 * What fact rules read about a contact, loaded for many contacts at once (a recompute walks
 * thousands), and the evaluation of a condition against it. Evaluated here rather than compiled
 * to SQL like a segment: "the country of the phone" needs libphonenumber's numbering plan, and
 * one contact's facts are a handful of rows already read by the transaction that changed them.
 * Custom values come through the CRM's own typed reader (custom-fields.ts), so a condition sees
 * exactly the values the contact page shows (option ids, numbers, YYYY-MM-DD dates).
 */
export interface ContactFacts {
  id: string;
  lifecycleStage: string;
  tags: string[];
  jobTitle: string | null;
  primaryEmail: string | null;
  /** ISO 3166 alpha-2 of the primary phone, else of the live company; null when neither says. */
  country: string | null;
  company: { size: string | null } | null;
  custom: Record<string, CustomFieldValueInput>;
  ownerUserId: string | null;
  live: boolean;
}

function phoneCountry(e164: string | null): string | null {
  if (!e164) return null;
  return parsePhoneNumberFromString(e164)?.country ?? null;
}

export async function loadContactFacts(db: TenantDb, contactIds: readonly string[]): Promise<Map<string, ContactFacts>> {
  const out = new Map<string, ContactFacts>();
  if (contactIds.length === 0) return out;
  const rows = await db.contact.findMany({
    where: { id: { in: [...contactIds] } },
    select: {
      id: true,
      lifecycleStage: true,
      tags: true,
      jobTitle: true,
      primaryEmail: true,
      primaryPhone: true,
      ownerUserId: true,
      deletedAt: true,
      mergedIntoId: true,
      company: { select: { size: true, country: true, deletedAt: true, mergedIntoId: true } },
    },
  });
  const definitions = await loadFieldDefinitions(db, "CONTACT");
  const custom = await readCustomFieldValues(db, "CONTACT", rows.map((r) => r.id), definitions);
  for (const r of rows) {
    const company = r.company && !r.company.deletedAt && !r.company.mergedIntoId ? r.company : null;
    out.set(r.id, {
      id: r.id,
      lifecycleStage: r.lifecycleStage,
      tags: r.tags,
      jobTitle: r.jobTitle,
      primaryEmail: r.primaryEmail,
      country: phoneCountry(r.primaryPhone) ?? company?.country?.toUpperCase() ?? null,
      company: company ? { size: company.size } : null,
      custom: custom.get(r.id) ?? {},
      ownerUserId: r.ownerUserId,
      live: !r.deletedAt && !r.mergedIntoId,
    });
  }
  return out;
}

const isEmptyValue = (v: CustomFieldValueInput | undefined) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

function dayOf(value: string): number {
  return Date.parse(`${value}T00:00:00.000Z`);
}

function customHolds(condition: Extract<FactCondition, { kind: "custom" }>, facts: ContactFacts, now: Date): boolean {
  const value = facts.custom[condition.fieldId];
  if (condition.op === "is_empty") return isEmptyValue(value);
  if (condition.op === "is_not_empty") return !isEmptyValue(value);
  if (isEmptyValue(value)) return false;
  switch (condition.type) {
    case "text": {
      const text = String(value).toLowerCase();
      const wanted = (condition.value ?? "").toLowerCase();
      return condition.op === "equals" ? text === wanted : text.includes(wanted);
    }
    case "number": {
      if (typeof value !== "number") return false;
      const v = condition.value ?? 0;
      if (condition.op === "eq") return value === v;
      if (condition.op === "gt") return value > v;
      if (condition.op === "lt") return value < v;
      const to = condition.valueTo ?? v;
      return value >= Math.min(v, to) && value <= Math.max(v, to);
    }
    case "date": {
      if (typeof value !== "string") return false;
      const day = dayOf(value);
      const DAY = 86_400_000;
      if (condition.op === "before") return day < dayOf(condition.date ?? "");
      if (condition.op === "after") return day > dayOf(condition.date ?? "");
      const since = now.getTime() - (condition.days ?? 0) * DAY;
      return condition.op === "in_last_days" ? day >= since - DAY : day < since - DAY;
    }
    case "boolean":
      return value === (condition.op === "is_true");
    case "single_select":
      return condition.op === "in" ? condition.optionIds.includes(String(value)) : !condition.optionIds.includes(String(value));
    case "multi_select": {
      const have = Array.isArray(value) ? value : [];
      return condition.op === "has_all" ? condition.optionIds.every((id) => have.includes(id)) : condition.optionIds.some((id) => have.includes(id));
    }
  }
}

/** Whether `condition` holds for the contact (a deleted or merged-away contact holds nothing). */
export function factHolds(condition: FactCondition, facts: ContactFacts, now: Date = new Date()): boolean {
  if (!facts.live) return false;
  switch (condition.kind) {
    case "lifecycle":
      return condition.values.includes(facts.lifecycleStage as (typeof condition.values)[number]) === (condition.op === "in");
    case "country":
      if (!facts.country) return condition.op === "not_in";
      return condition.values.includes(facts.country) === (condition.op === "in");
    case "company_size": {
      const size = facts.company?.size ?? null;
      if (!size) return condition.op === "not_in";
      return condition.values.includes(size as (typeof condition.values)[number]) === (condition.op === "in");
    }
    case "has_company":
      return (facts.company !== null) === condition.value;
    case "job_title": {
      const title = (facts.jobTitle ?? "").toLowerCase();
      const any = condition.values.some((word) => title.includes(word.toLowerCase()));
      return condition.op === "contains_any" ? any : !any;
    }
    case "email_domain": {
      const domain = emailDomain(facts.primaryEmail);
      if (condition.op === "business") return domain !== null && !isFreeMail(facts.primaryEmail);
      if (condition.op === "free_mail") return isFreeMail(facts.primaryEmail);
      const listed = domain !== null && condition.values.some((d) => domain === d || domain.endsWith(`.${d}`));
      return condition.op === "in" ? listed : !listed;
    }
    case "tags": {
      const have = new Set(facts.tags.map((t) => t.toLowerCase()));
      const wanted = condition.values.map((t) => normalizeTag(t).toLowerCase());
      if (condition.op === "has_all") return wanted.every((t) => have.has(t));
      if (condition.op === "has_any") return wanted.some((t) => have.has(t));
      return !wanted.some((t) => have.has(t));
    }
    case "custom":
      return customHolds(condition, facts, now);
  }
}

/** The condition in words, for ledger reasons ("Country is DE, AT"). */
export function describeFact(condition: FactCondition): string {
  const list = (v: readonly string[]) => v.join(", ");
  switch (condition.kind) {
    case "lifecycle":
      return `Lifecycle stage ${condition.op === "in" ? "is" : "is not"} ${list(condition.values.map((s) => s.toLowerCase().replaceAll("_", " ")))}`;
    case "country":
      return `Country ${condition.op === "in" ? "is" : "is not"} ${list(condition.values)}`;
    case "company_size":
      return `Company size ${condition.op === "in" ? "is" : "is not"} ${list(condition.values)}`;
    case "has_company":
      return condition.value ? "Has a company" : "Has no company";
    case "job_title":
      return `Job title ${condition.op === "contains_any" ? "contains" : "does not contain"} ${list(condition.values)}`;
    case "email_domain":
      if (condition.op === "business") return "Business email address";
      if (condition.op === "free_mail") return "Free-mail address";
      return `Email domain ${condition.op === "in" ? "is" : "is not"} ${list(condition.values)}`;
    case "tags":
      return `Tags ${condition.op.replace("_", " ")} ${list(condition.values)}`;
    case "custom":
      return "Custom field matches";
  }
}
