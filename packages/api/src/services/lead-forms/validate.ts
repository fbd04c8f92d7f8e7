import type { FormDefinition, FormField, StoredConsent } from "../../schemas/forms";
import { normalizeEmail, normalizePhone } from "../crm/normalize";
import { allFields } from "./definition";

/**
 * A visitor's answers checked against the form's stored definition (not against anything the POST
 * says about the form). Values are kept as typed, trimmed — stored verbatim, never executed or
 * rendered as HTML — and only what the definition names is kept.
 */
export type SubmittedValues = Record<string, string | string[]>;

export interface ValidationResult {
  values: SubmittedValues;
  /** Consent ids the visitor ticked (of the form's items). */
  consents: string[];
  /** Field id (or `consent:{id}`) → message. */
  errors: Record<string, string>;
}

const PRESETS: Record<string, { test: RegExp; message: string }> = {
  letters: { test: /^[\p{L}\s'-]+$/u, message: "Use letters, spaces, - and ' only." },
  digits: { test: /^[0-9]+$/, message: "Use digits only." },
  alphanumeric: { test: /^[\p{L}\p{N}]+$/u, message: "Use letters and digits only." },
  url: { test: /^https?:\/\/[^\s<>"]+$/i, message: "Enter a web address starting with https://." },
};

function maxLengthOf(field: FormField): number {
  return field.validation?.maxLength ?? (field.kind === "textarea" ? 5_000 : 500);
}

function checkText(field: FormField, value: string): string | null {
  if (value.length > maxLengthOf(field)) return `Use at most ${maxLengthOf(field)} characters.`;
  const min = field.validation?.minLength;
  if (min !== undefined && value.length < min) return `Use at least ${min} characters.`;
  const preset = field.validation?.preset;
  if (preset && preset !== "none") {
    const rule = PRESETS[preset];
    if (rule && !rule.test.test(value)) return rule.message;
  }
  return null;
}

function validDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function validateSubmission(definition: FormDefinition, consents: readonly StoredConsent[], raw: ReadonlyMap<string, readonly string[]>, country: string | null): ValidationResult {
  const values: SubmittedValues = {};
  const errors: Record<string, string> = {};
  for (const field of allFields(definition)) {
    const given = (raw.get(field.id) ?? []).map((v) => v.trim()).filter((v) => v !== "");
    if (field.kind === "multiselect") {
      const allowed = new Set((field.options ?? []).map((o) => o.value));
      const chosen = [...new Set(given)];
      if (chosen.some((v) => !allowed.has(v))) errors[field.id] = "Choose from the options shown.";
      else if (field.required && chosen.length === 0) errors[field.id] = "Choose at least one.";
      else if (chosen.length > 0) values[field.id] = chosen;
      continue;
    }
    const value = given[0];
    if (value === undefined) {
      if (field.required) errors[field.id] = field.kind === "checkbox" ? "Please tick this box." : "This field is required.";
      continue;
    }
    let problem: string | null = null;
    switch (field.kind) {
      case "email":
        problem = value.length > 254 || !normalizeEmail(value) ? "Enter a valid email address." : null;
        break;
      case "phone": {
        const phone = value.length > 40 ? { ok: false as const, reason: "Enter a valid phone number." } : normalizePhone(value, field.defaultCountry ?? country);
        problem = phone.ok ? null : phone.reason;
        break;
      }
      case "select":
        problem = (field.options ?? []).some((o) => o.value === value) ? null : "Choose from the options shown.";
        break;
      case "checkbox":
        problem = value === "yes" ? null : "Please tick this box.";
        break;
      case "date":
        problem = validDate(value) ? null : "Enter a date (YYYY-MM-DD).";
        break;
      default:
        problem = checkText(field, value);
    }
    if (problem) errors[field.id] = problem;
    else values[field.id] = value;
  }
  const ticked = new Set(raw.get("_consent") ?? []);
  const given: string[] = [];
  for (const consent of consents) {
    if (ticked.has(consent.id)) given.push(consent.id);
    else if (consent.required) errors[`consent:${consent.id}`] = "Please tick this box to continue.";
  }
  return { values, consents: given, errors };
}
