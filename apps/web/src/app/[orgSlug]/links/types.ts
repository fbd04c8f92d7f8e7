import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";
import { withUtm } from "@mg/api/schemas";

type Outputs = inferRouterOutputs<AppRouter>;
export type LinkRow = Outputs["links"]["list"]["items"][number];
export type LinkDetail = Outputs["links"]["get"];
export type LinkOptions = Outputs["links"]["options"];

export const UTM_FIELDS = [
  { key: "source", label: "Source", placeholder: "poster, newsletter, instagram" },
  { key: "medium", label: "Medium", placeholder: "print, email, social" },
  { key: "campaign", label: "UTM campaign", placeholder: "spring-sale" },
  { key: "term", label: "Term", placeholder: "Optional: a keyword" },
  { key: "content", label: "Content", placeholder: "Optional: which variant" },
] as const;

export type UtmKey = (typeof UTM_FIELDS)[number]["key"];

/** The final URL as the redirect builds it (the API's own `withUtm`), or "" while the address is incomplete. */
export function previewUrl(base: string, utm: Partial<Record<UtmKey, string>>): string {
  try {
    return base ? withUtm(new URL(base).toString(), utm) : "";
  } catch {
    return "";
  }
}

export function formatPercent(value: number | null): string {
  return value === null ? "—" : new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 }).format(value);
}
