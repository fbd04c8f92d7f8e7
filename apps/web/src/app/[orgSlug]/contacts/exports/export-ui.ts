import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";
import { COUNT_FORMAT } from "../segments/segment-ui";

type Inputs = inferRouterInputs<AppRouter>["crmExports"];
export type CrmExportRow = inferRouterOutputs<AppRouter>["crmExports"]["list"][number];

/** What to export: the object and the input of its start procedure. */
export type ExportRequest =
  | { object: "CONTACT"; input: Inputs["startContacts"] }
  | { object: "COMPANY"; input: Inputs["startCompanies"] }
  | { object: "DEAL"; input: Inputs["startDeals"] };

export const OBJECT_NOUNS = { CONTACT: ["contact", "contacts"], COMPANY: ["company", "companies"], DEAL: ["deal", "deals"] } as const;

export function countOf(object: ExportRequest["object"], count: number): string {
  const [one, many] = OBJECT_NOUNS[object];
  return `${COUNT_FORMAT.format(count)} ${count === 1 ? one : many}`;
}

/** Where a prepared file is downloaded (the API's download route checks who asks). */
export function exportDownloadUrl(slug: string, exportId: string): string {
  return `/api/crm-exports/${encodeURIComponent(slug)}/${encodeURIComponent(exportId)}`;
}

/** Starts the browser's download of a prepared file (the response says attachment). */
export function downloadExport(slug: string, exportId: string): void {
  const link = document.createElement("a");
  link.href = exportDownloadUrl(slug, exportId);
  link.rel = "noopener";
  link.click();
}
