import { env } from "~/env";

/** The public address of a page on the marketing site (only published versions are served there). */
export function publicPageUrl(orgSlug: string, pageSlug: string): string {
  return `${env.NEXT_PUBLIC_MARKETING_URL}/p/${orgSlug}/${pageSlug}`;
}

export function formatWhen(value: string | Date | null | undefined): string {
  if (!value) return "";
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
}
