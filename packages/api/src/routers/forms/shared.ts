import { TRPCError } from "@trpc/server";
import type { Prisma, TenantDb } from "@mg/db";
import { apiEnv } from "../../env";
import type { FormWriteInput } from "../../schemas/forms";
import { assertCustomMappings, parseConsents, parseDefinition, parseThankYou, versionConsents } from "../../services/lead-forms/definition";
import { isOrganizationMember } from "../../services/crm/records/members";

export const FORM_SELECT = {
  id: true,
  name: true,
  slug: true,
  definition: true,
  consents: true,
  doubleOptIn: true,
  thankYou: true,
  ownerUserId: true,
  tags: true,
  revision: true,
  status: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.LeadFormSelect;

type FormRecord = Prisma.LeadFormGetPayload<{ select: typeof FORM_SELECT }>;

export function presentForm(form: FormRecord) {
  return {
    id: form.id,
    name: form.name,
    slug: form.slug,
    definition: parseDefinition(form.definition),
    consents: parseConsents(form.consents),
    doubleOptIn: form.doubleOptIn,
    thankYou: parseThankYou(form.thankYou),
    ownerUserId: form.ownerUserId,
    tags: form.tags,
    revision: form.revision,
    status: form.status,
    createdAt: form.createdAt,
    updatedAt: form.updatedAt,
  };
}

export async function findForm(db: TenantDb, formId: string): Promise<FormRecord> {
  const form = await db.leadForm.findFirst({ where: { id: formId, deletedAt: null }, select: FORM_SELECT });
  if (!form) throw new TRPCError({ code: "NOT_FOUND", message: "Form not found." });
  return form;
}

export async function assertSlugFree(db: TenantDb, slug: string, exceptId?: string): Promise<void> {
  const taken = await db.leadForm.findFirst({ where: { slug, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (taken) throw new TRPCError({ code: "CONFLICT", message: `Another form already uses the address “${slug}”. Choose another.` });
}

/** The checks every write makes (mappings, owner) and the stored shape (consents versioned). */
export async function writeData(db: TenantDb, org: { parentId: string | null }, input: FormWriteInput, previousConsents: unknown) {
  await assertCustomMappings(db, input.definition);
  if (input.ownerUserId && !(await isOrganizationMember(db, org, input.ownerUserId))) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "The form's owner must be a member of this organization." });
  }
  return {
    name: input.name,
    slug: input.slug,
    definition: input.definition as unknown as Prisma.InputJsonValue,
    consents: versionConsents(parseConsents(previousConsents), input.consents) as unknown as Prisma.InputJsonValue,
    doubleOptIn: input.doubleOptIn,
    thankYou: input.thankYou as unknown as Prisma.InputJsonValue,
    ownerUserId: input.ownerUserId,
    tags: [...new Set(input.tags)],
  };
}

/** Where the form lives publicly, and the snippets to paste. */
export function embedSnippets(orgSlug: string, formSlug: string, formName: string) {
  const site = apiEnv().NEXT_PUBLIC_MARKETING_URL.replace(/\/+$/, "");
  const hostedUrl = `${site}/f/${orgSlug}/${formSlug}`;
  const title = formName.replace(/[<>"&]/g, "");
  return {
    hostedUrl,
    script: `<script src="${site}/embed.js" data-mg-form="${orgSlug}/${formSlug}" data-mg-title="${title}" async></script>`,
    iframe: `<iframe src="${hostedUrl}/embed" title="${title}" width="100%" height="640" frameborder="0" loading="lazy"></iframe>`,
  };
}
