/**
 * What a published page or an embed needs to render a lead form (built by the API from a LeadForm
 * row; owned by the forms work). Contract between the page renderer and the form markup.
 */
export type LeadFormFieldKind = "text" | "email" | "phone" | "select" | "multiselect" | "checkbox" | "date" | "hidden" | "textarea";

export interface RenderableFormField {
  id: string;
  kind: LeadFormFieldKind;
  label: string;
  required: boolean;
  helpText?: string;
  placeholder?: string;
  options?: { value: string; label: string }[];
  /** hidden fields: the value (or a query parameter to take it from). */
  defaultValue?: string;
  /** Length limits and a character-class preset (no free patterns), checked again by the intake. */
  validation?: { minLength?: number; maxLength?: number; preset?: "none" | "letters" | "digits" | "alphanumeric" | "url" };
  /** phone fields: the country a number without +code is read in. */
  defaultCountry?: string;
}

export interface RenderableConsent {
  id: string;
  /** The exact wording shown next to the (never pre-checked) checkbox. */
  wording: string;
  version: number;
  required: boolean;
}

export interface RenderableForm {
  id: string;
  name: string;
  revision: number;
  steps: { title?: string; fields: RenderableFormField[] }[];
  submitLabel: string;
  consents: RenderableConsent[];
  /** Cloudflare Turnstile site key, when the organization configured one. */
  turnstileSiteKey?: string;
}

/** Per render: where the form posts and the signed facts the intake checks. */
export interface FormRenderContext {
  /** Absolute or site-relative URL the plain POST goes to. */
  action: string;
  /** Signed render token (form, organization, submission id, render time). */
  token: string;
  /** Where it lives: inside a landing page, a script/iframe embed, the hosted page, a share link. */
  via: "page" | "embed" | "hosted" | "link";
  /** The landing page it is rendered in, when any. */
  pageId?: string;
  /** A re-render after a refused POST (no JavaScript): what the visitor had entered… */
  values?: Readonly<Record<string, string | readonly string[]>>;
  /** …the message per field id (or consent id)… */
  errors?: Readonly<Record<string, string>>;
  /** …and one for the whole form. */
  formError?: string;
}
