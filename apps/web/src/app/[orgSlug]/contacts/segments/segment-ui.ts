"use client";

import { useEffect, useState } from "react";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";

/**
 * The segment builder's vocabulary: the filter as the API takes it (typed from the router, so the
 * builder cannot drift from the schema), the subjects a condition can test, and their operators
 * in words. The API validates every filter again; this only decides what the pickers offer.
 */
type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;
export type Filter = Inputs["segments"]["count"]["filter"];
export type FilterItem = Filter["conditions"][number];
export type Group = Extract<FilterItem, { kind: "group" }>;
export type Condition = Exclude<FilterItem, { kind: "group" }>;
export type Catalog = Outputs["segments"]["fieldCatalog"];
export type CatalogField = Catalog["customFields"][number];
export type Member = Outputs["segments"]["preview"]["items"][number];
export type SegmentRow = Outputs["segments"]["list"][number];
export type ContactListRow = Outputs["contactLists"]["list"][number];

export const EMPTY_FILTER: Filter = { match: "all", conditions: [] };

export { LIFECYCLE_LABELS, LIFECYCLE_STAGES, type LifecycleStage } from "../crm-ui";

export const TEXT_OPERATORS = [
  ["equals", "is"],
  ["not_equals", "is not"],
  ["contains", "contains"],
  ["not_contains", "does not contain"],
  ["starts_with", "starts with"],
  ["is_empty", "is empty"],
  ["is_not_empty", "is not empty"],
] as const;
export const DATE_OPERATORS = [
  ["before", "is before"],
  ["after", "is after"],
  ["in_last_days", "is in the last … days"],
  ["not_in_last_days", "is not in the last … days"],
] as const;
export const NUMBER_OPERATORS = [
  ["eq", "is"],
  ["gt", "is greater than"],
  ["lt", "is less than"],
  ["between", "is between"],
] as const;
export const EMPTY_OPERATORS = [
  ["is_empty", "is empty"],
  ["is_not_empty", "is not empty"],
] as const;

export const CONTACT_TEXT_SUBJECTS = [
  ["firstName", "First name"],
  ["lastName", "Last name"],
  ["email", "Email"],
  ["phone", "Phone"],
  ["jobTitle", "Job title"],
  ["source", "Source"],
] as const;
export const CONTACT_DATE_SUBJECTS = [
  ["createdAt", "Created"],
  ["updatedAt", "Updated"],
] as const;
export const COMPANY_SUBJECTS = [
  ["name", "Company name"],
  ["domain", "Company domain"],
  ["industry", "Company industry"],
  ["size", "Company size"],
  ["country", "Company country"],
] as const;

/** Which kind of filter a custom field's type takes. */
export function customKind(type: CatalogField["type"]): Extract<Condition, { kind: "custom" }>["type"] {
  switch (type) {
    case "NUMBER":
    case "CURRENCY":
      return "number";
    case "DATE":
      return "date";
    case "BOOLEAN":
      return "boolean";
    case "SINGLE_SELECT":
      return "single_select";
    case "MULTI_SELECT":
      return "multi_select";
    default:
      return "text";
  }
}

/** The subject of a condition, as the subject picker's value. */
export function subjectOf(condition: Condition): string {
  switch (condition.kind) {
    case "contact_text":
    case "contact_date":
    case "company":
      return `${condition.kind}:${condition.field}`;
    case "custom":
      return `custom:${condition.fieldId}`;
    default:
      return condition.kind;
  }
}

/** A new condition for a subject, with its first operator and no value yet. */
export function conditionFor(subject: string, catalog: Catalog | undefined): Condition {
  const [kind, rest] = subject.split(":", 2) as [string, string | undefined];
  switch (kind) {
    case "contact_text":
      return { kind: "contact_text", field: (rest ?? "firstName") as "firstName", op: "contains", value: "" };
    case "contact_date":
      return { kind: "contact_date", field: (rest ?? "createdAt") as "createdAt", op: "in_last_days", days: 30 };
    case "company":
      return { kind: "company", field: (rest ?? "name") as "name", op: "contains", value: "" };
    case "tags":
      return { kind: "tags", op: "has_any", values: [] };
    case "lifecycle":
      return { kind: "lifecycle", op: "in", values: [] };
    case "score":
      return { kind: "score", op: "gt", value: 0 };
    case "owner":
      return { kind: "owner", op: "is_empty" };
    case "consent":
      return { kind: "consent", channel: "EMAIL", purpose: "marketing", state: "granted" };
    case "deal":
      return { kind: "deal", has: true, status: "open" };
    case "activity":
      return { kind: "activity", has: true, activity: "email_opened", days: 30 };
    case "list":
      return { kind: "list", op: "in", listId: catalog?.lists[0]?.id ?? "" };
    case "custom": {
      const field = catalog?.customFields.find((f) => f.id === rest);
      const type = field ? customKind(field.type) : "text";
      const fieldId = rest ?? "";
      switch (type) {
        case "number":
          return { kind: "custom", type, fieldId, op: "gt", value: 0 };
        case "date":
          return { kind: "custom", type, fieldId, op: "in_last_days", days: 30 };
        case "boolean":
          return { kind: "custom", type, fieldId, op: "is_true" };
        case "single_select":
          return { kind: "custom", type, fieldId, op: "in", optionIds: [] };
        case "multi_select":
          return { kind: "custom", type, fieldId, op: "has_any", optionIds: [] };
        default:
          return { kind: "custom", type: "text", fieldId, op: "contains", value: "" };
      }
    }
    default:
      return { kind: "contact_text", field: "firstName", op: "contains", value: "" };
  }
}

/** Digits after the decimal point of a currency (custom currency values are stored in minor units). */
export function currencyDigits(currency: string | null): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: currency ?? "USD" }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function memberName(member: Pick<Member, "firstName" | "lastName" | "primaryEmail">): string {
  return [member.firstName, member.lastName].filter(Boolean).join(" ") || member.primaryEmail || "Unnamed contact";
}

export const COUNT_FORMAT = new Intl.NumberFormat("en");

export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return debounced;
}
