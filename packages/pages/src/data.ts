/**
 * Page data without markup: the schema, branding and templates (no JSX, no React) — what the API
 * validates drafts and settings with.
 */
export * from "./schema";
export * from "./branding";
export { PAGE_TEMPLATES, findTemplate, instantiateTemplate, type PageTemplate } from "./templates";
export type { FormRenderContext, LeadFormFieldKind, RenderableConsent, RenderableForm, RenderableFormField } from "./forms/types";
