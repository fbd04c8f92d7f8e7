import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";

type Outputs = inferRouterOutputs<AppRouter>;
export type ImportRecord = Outputs["contactImports"]["get"];
export type ImportListItem = Outputs["contactImports"]["list"]["items"][number];

/** The wizard's words for each field a column can fill. */
export const FIELD_LABELS: Record<string, string> = {
  firstName: "First name",
  lastName: "Last name",
  fullName: "Full name (split into first and last)",
  email: "Email",
  phone: "Phone",
  company: "Company name",
  companyDomain: "Company website / domain",
  jobTitle: "Job title",
  lifecycleStage: "Lifecycle stage",
  tags: "Tags (separated by ; or ,)",
  externalId: "External id",
  source: "Source",
};

export const STATUS_LABELS: Record<string, string> = {
  PREVIEWED: "Checked, not started",
  QUEUED: "Queued",
  RUNNING: "Importing",
  DONE: "Done",
  CANCELLED: "Cancelled",
  FAILED: "Stopped",
  UNDONE: "Undone",
};

export const STATUS_VARIANT: Record<string, "default" | "secondary" | "success" | "warning" | "destructive" | "outline"> = {
  PREVIEWED: "outline",
  QUEUED: "secondary",
  RUNNING: "secondary",
  DONE: "success",
  CANCELLED: "warning",
  FAILED: "destructive",
  UNDONE: "outline",
};

export function fieldLabel(target: string | null, customFields: readonly { id: string; label: string }[]): string {
  if (!target) return "Skip this column";
  if (target.startsWith("custom:")) return customFields.find((f) => `custom:${f.id}` === target)?.label ?? "Custom field";
  return FIELD_LABELS[target] ?? target;
}

export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
