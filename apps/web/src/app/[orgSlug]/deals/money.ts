import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";

type Outputs = inferRouterOutputs<AppRouter>;
export type Board = Outputs["deals"]["board"];
export type BoardStage = Board["stages"][number];
export type BoardCard = BoardStage["deals"][number];
export type Pipeline = Outputs["pipelines"]["list"][number];
export type DealDetail = Outputs["deals"]["get"];
export type DealRow = Outputs["deals"]["list"]["deals"][number];
export type Forecast = Outputs["deals"]["forecast"];
export type Person = Outputs["deals"]["owners"]["people"][number];

/** Digits after the decimal point of a currency's minor unit (2 for EUR, 0 for JPY). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units (a string of digits, exact) as a decimal string: "123456" EUR → "1234.56". */
export function minorToDecimal(minor: string, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor.startsWith("-");
  const abs = (negative ? minor.slice(1) : minor).padStart(digits + 1, "0");
  const whole = abs.slice(0, abs.length - digits) || "0";
  const frac = digits ? abs.slice(abs.length - digits) : "";
  return `${negative ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

/** "€1,234.56"; whole amounts without decimals; `compact` for headers ("€1.2M"). */
export function formatMinor(minor: string, currency: string, options: { compact?: boolean } = {}): string {
  const decimal = minorToDecimal(minor, currency);
  try {
    const whole = /\.0+$/.test(decimal) || !decimal.includes(".");
    const format = new Intl.NumberFormat("en", {
      style: "currency",
      currency,
      ...(options.compact ? { notation: "compact", maximumFractionDigits: 1 } : whole ? { maximumFractionDigits: 0 } : {}),
    });
    return format.format(decimal as Intl.StringNumericLiteral);
  } catch {
    return `${decimal} ${currency}`;
  }
}

/** A number for charts (major units); exact enough for drawing. */
export function minorToNumber(minor: string, currency: string): number {
  return Number(minorToDecimal(minor, currency));
}

/** What the user typed ("1,500.5") as minor units, or null when it is not an amount. */
export function parseAmount(text: string, currency: string): string | null {
  const cleaned = text.replace(/[\s,_]/g, "");
  if (cleaned === "") return "0";
  const match = /^(\d{1,16})(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const digits = minorDigits(currency);
  const frac = match[2] ?? "";
  if (frac.length > digits) return null;
  const minor = `${match[1]}${frac.padEnd(digits, "0")}`.replace(/^0+(?=\d)/, "");
  return minor;
}

export function personName(people: readonly Person[], userId: string | null | undefined): string {
  if (!userId) return "Unassigned";
  const person = people.find((p) => p.id === userId);
  return person ? (person.name ?? person.email) : "Former member";
}

export function contactName(contact: { firstName: string | null; lastName: string | null; primaryEmail: string | null }): string {
  return [contact.firstName, contact.lastName].filter(Boolean).join(" ") || contact.primaryEmail || "Unnamed contact";
}

export function formatCloseDate(date: string | null): string {
  if (!date) return "No close date";
  const [y = 1970, m = 1, d = 1] = date.split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "medium" }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatMonth(month: string): string {
  const [y = 1970, m = 1] = month.split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "short", year: "numeric" }).format(new Date(Date.UTC(y, m - 1, 1)));
}
