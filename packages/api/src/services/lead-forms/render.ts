import { randomUUID } from "node:crypto";
import type { TenantDb } from "@mg/db";
import type { FormRenderContext, RenderableForm } from "@mg/pages";
import { renderableForm, type LeadFormRow } from "./definition";
import { signRenderToken } from "./token";

/**
 * What any public surface needs to show a form (the hosted page, the embed iframe, a landing
 * page's Form block): the renderable form and a context with a FRESH signed token — a new
 * submission id and render time per render. A page that caches its HTML shares one token between
 * visitors; the intake still keeps each different submission (intake.ts, siblingSubmissionId),
 * but the render time check then measures the cache's age: render the form per request.
 */
export const SUBMIT_PATH = "/f/submit";

const FORM_SELECT = { id: true, name: true, slug: true, definition: true, consents: true, doubleOptIn: true, thankYou: true, ownerUserId: true, revision: true, status: true } as const;

/** A live, active form of the entered organization, by slug or id; null otherwise. */
export async function findPublicForm(db: TenantDb, by: { slug: string } | { id: string }): Promise<LeadFormRow | null> {
  if ("slug" in by && !/^[a-z0-9-]{1,60}$/.test(by.slug)) return null;
  if ("id" in by && !/^[0-9a-f-]{36}$/i.test(by.id)) return null;
  return db.leadForm.findFirst({ where: { ...("slug" in by ? { slug: by.slug } : { id: by.id }), status: "ACTIVE", deletedAt: null }, select: FORM_SELECT });
}

export async function turnstileSiteKey(db: TenantDb): Promise<string | null> {
  const settings = await db.leadCaptureSettings.findFirst({ select: { turnstileSiteKey: true, turnstileSecretEnc: true } });
  return settings?.turnstileSiteKey && settings.turnstileSecretEnc ? settings.turnstileSiteKey : null;
}

export function renderContextFor(organizationId: string, form: Pick<LeadFormRow, "id" | "revision">, via: FormRenderContext["via"], options: { pageId?: string; action?: string; now?: Date } = {}): FormRenderContext {
  const token = signRenderToken({ organizationId, formId: form.id, revision: form.revision, submissionId: randomUUID(), issuedAt: options.now ?? new Date(), via, ...(options.pageId ? { pageId: options.pageId } : {}) });
  return { action: options.action ?? SUBMIT_PATH, token, via, ...(options.pageId ? { pageId: options.pageId } : {}) };
}

/** For a landing page's Form block: the form (by id, in the page's organization) ready for LeadFormMarkup. */
export async function formForPage(db: TenantDb, organizationId: string, formId: string, pageId: string | undefined): Promise<{ form: RenderableForm; context: FormRenderContext } | null> {
  const row = await findPublicForm(db, { id: formId });
  if (!row) return null;
  return { form: renderableForm(row, await turnstileSiteKey(db)), context: renderContextFor(organizationId, row, "page", pageId ? { pageId } : {}) };
}
