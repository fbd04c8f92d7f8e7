import { randomUUID } from "node:crypto";
import { systemDb } from "@mg/db/system";
import type { FormDefinition, FormWriteInput } from "../../src/schemas/forms";
import type { FormStatus } from "./types";
import type { Tenant } from "../fixtures";

/** Lead forms for tests, made on the system path (test setup is system work). */
export const SAMPLE_DEFINITION: FormDefinition = {
  steps: [
    {
      title: "About you",
      fields: [
        { id: "first_name", kind: "text", label: "First name", required: false, mapsTo: { kind: "contact", field: "firstName" } },
        { id: "email", kind: "email", label: "Email", required: true, mapsTo: { kind: "contact", field: "email" } },
      ],
    },
    {
      title: "Your order",
      fields: [
        { id: "message", kind: "textarea", label: "Message", required: false, mapsTo: { kind: "none" } },
        { id: "size", kind: "select", label: "Size", required: false, options: [{ value: "s", label: "Small" }, { value: "l", label: "Large" }], mapsTo: { kind: "none" } },
      ],
    },
  ],
  submitLabel: "Send",
};

export function sampleConsents(since = new Date(Date.now() - 86_400_000).toISOString()) {
  return [{ id: "newsletter", channel: "EMAIL" as const, purpose: "marketing", wording: "Send me news and offers by email.", required: false, version: 1, since, previous: [] }];
}

/** What forms.create / forms.update take (a valid builder state). */
export function formWrite(slug = `form-${randomUUID().slice(0, 8)}`): FormWriteInput {
  return {
    name: `Contact us ${slug}`,
    slug,
    definition: SAMPLE_DEFINITION,
    consents: sampleConsents().map(({ id, channel, purpose, wording, required }) => ({ id, channel, purpose, wording, required })),
    doubleOptIn: false,
    thankYou: { kind: "message", message: "Thanks! We will call you back." },
    ownerUserId: null,
    tags: ["web-lead"],
  };
}

export async function freshForm(tenant: Pick<Tenant, "id">, overrides: { slug?: string; status?: FormStatus; doubleOptIn?: boolean; ownerUserId?: string | null; thankYou?: unknown; definition?: unknown; consents?: unknown } = {}) {
  const form = await systemDb().leadForm.create({
    data: {
      organizationId: tenant.id,
      name: "Contact us",
      slug: overrides.slug ?? `form-${randomUUID().slice(0, 8)}`,
      definition: (overrides.definition ?? SAMPLE_DEFINITION) as object,
      consents: (overrides.consents ?? sampleConsents()) as object[],
      doubleOptIn: overrides.doubleOptIn ?? false,
      thankYou: (overrides.thankYou ?? { kind: "message", message: "Thanks! We will call you back." }) as object,
      ownerUserId: overrides.ownerUserId ?? null,
      status: overrides.status ?? "ACTIVE",
      revision: 1,
    },
  });
  return form;
}

export async function freshSubmission(tenant: Pick<Tenant, "id">, formId: string, status: "RECEIVED" | "PROCESSED" | "FAILED" = "FAILED"): Promise<string> {
  const row = await systemDb().formSubmission.create({
    data: {
      id: randomUUID(),
      organizationId: tenant.id,
      formId,
      formRevision: 1,
      values: { email: `lead-${randomUUID().slice(0, 8)}@example.com`, first_name: "Lead" },
      context: { ip: null, userAgent: null, pageUrl: null, referrer: null, utm: {}, visitorId: null, via: "hosted", consents: [] },
      status,
      attempts: status === "FAILED" ? 8 : 0,
      lastError: status === "FAILED" ? "fixture: gave up" : null,
    },
  });
  return row.id;
}
