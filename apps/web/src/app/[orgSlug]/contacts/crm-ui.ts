"use client";

import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";
import type { COMPANY_SIZES, CONSENT_CHANNELS, LifecycleStageName } from "@mg/api/schemas/crm";
import { useTRPC } from "~/trpc/client";

/** Shapes and words shared by the contacts and companies pages (the API's answers, typed). */
type Outputs = inferRouterOutputs<AppRouter>;
export type ContactRow = Outputs["contacts"]["list"]["rows"][number];
export type FieldDefinition = Outputs["contacts"]["list"]["columns"][number];
export type CustomValue = ContactRow["customFields"][string];
export type TimelineEntry = Outputs["contacts"]["timeline"]["entries"][number];
export type SavedView = Outputs["contacts"]["viewList"][number];

// The lists come from the API's schemas (what `.input()` accepts), and so do the labels the
// server writes into timelines itself; only words no server code needs are defined here.
export { COMPANY_SIZES, CONSENT_CHANNELS, CUSTOM_FIELD_TYPES, CUSTOM_FIELD_TYPE_LABELS as FIELD_TYPE_LABELS, LIFECYCLE_LABELS, LIFECYCLE_STAGES } from "@mg/api/schemas/crm";
export type LifecycleStage = LifecycleStageName;
export type CompanySize = (typeof COMPANY_SIZES)[number];
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const CHANNEL_LABELS: Record<ConsentChannel, string> = { EMAIL: "Email", SMS: "SMS", WHATSAPP: "WhatsApp" };

export function formatMinor(amountMinor: number | string, currency: string | null): string {
  const amount = Number(amountMinor) / 100;
  try {
    return currency ? new Intl.NumberFormat(undefined, { style: "currency", currency }).format(amount) : amount.toFixed(2);
  } catch {
    return `${amount.toFixed(2)} ${currency ?? ""}`.trim();
  }
}

/** A custom value as the table and the 360° page show it. */
export function formatCustomValue(def: FieldDefinition, value: CustomValue | undefined): string {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0) || value === "") return "";
  switch (def.type) {
    case "SINGLE_SELECT":
      return def.options.find((o) => o.id === value)?.label ?? String(value);
    case "MULTI_SELECT":
      return Array.isArray(value) ? value.map((id) => def.options.find((o) => o.id === id)?.label ?? id).join(", ") : "";
    case "BOOLEAN":
      return value === true ? "Yes" : "No";
    case "CURRENCY":
      return typeof value === "number" ? formatMinor(value, def.currency) : "";
    case "NUMBER":
      return typeof value === "number" ? new Intl.NumberFormat().format(value) : "";
    case "DATE":
      return typeof value === "string" ? new Date(`${value}T00:00:00Z`).toLocaleDateString(undefined, { timeZone: "UTC", dateStyle: "medium" }) : "";
    default:
      return String(value);
  }
}

export function formatDate(value: Date | string): string {
  return new Date(value).toLocaleDateString(undefined, { dateStyle: "medium" });
}

export function formatDateTime(value: Date | string): string {
  return new Date(value).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export interface MemberOption {
  id: string;
  name: string;
}

/** Everyone who may own a record: direct members and, in a client, the agency's people. */
export function useMemberOptions(): { members: MemberOption[]; nameOf: (id: string | null) => string | null } {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.members.list.queryOptions());
  const members = new Map<string, MemberOption>();
  for (const m of data?.members ?? []) members.set(m.user.id, { id: m.user.id, name: m.user.name ?? m.user.email });
  for (const m of data?.inherited ?? []) if (!members.has(m.user.id)) members.set(m.user.id, { id: m.user.id, name: m.user.name ?? m.user.email });
  const list = [...members.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { members: list, nameOf: (id) => (id ? (members.get(id)?.name ?? "Former member") : null) };
}

/** The value once it has stopped changing for `ms` (search boxes query after typing pauses). */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return debounced;
}
