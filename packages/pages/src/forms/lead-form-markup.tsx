/** @jsxRuntime automatic */
/** @jsxImportSource react */
import type { FormRenderContext, RenderableConsent, RenderableForm, RenderableFormField } from "./types";

/**
 * The form as plain HTML that works without JavaScript: a POST to the site, which answers 303 to
 * the thank-you page or re-renders this markup with the errors. The enhancement script
 * (forms-script.ts, `/forms.js`) only adds inline validation, one step at a time and a submit
 * without reload; without it every step shows and the browser's own validation applies.
 *
 * Everything shown comes through React's escaping: a label or a re-rendered value holding
 * `<script>` is text. Nothing here carries a `style` attribute (the CSP has no 'unsafe-inline'
 * for styles): the look comes from LEAD_FORM_CSS.
 */

/** The honeypot's name: a field no person sees or fills (visually hidden, out of the tab order). */
export const HONEYPOT_FIELD = "_hp_website";
export const TOKEN_FIELD = "_token";
export const CONSENT_FIELD = "_consent";
export const TURNSTILE_FIELD = "cf-turnstile-response";

const PRESET_PATTERNS: Record<string, string | undefined> = {
  letters: "[\\p{L}\\s'\\-]+",
  digits: "[0-9]+",
  alphanumeric: "[\\p{L}\\p{N}]+",
};

function inputId(form: RenderableForm, context: FormRenderContext, name: string): string {
  // Unique per form and placement: two forms on one page never share an id.
  return `mgf-${form.id.slice(0, 8)}-${context.via}-${name}`;
}

function valueOf(context: FormRenderContext, name: string): string | readonly string[] | undefined {
  return context.values?.[name];
}

function textValue(context: FormRenderContext, name: string): string | undefined {
  const v = valueOf(context, name);
  return typeof v === "string" ? v : undefined;
}

function listValue(context: FormRenderContext, name: string): readonly string[] {
  const v = valueOf(context, name);
  return typeof v === "string" ? [v] : (v ?? []);
}

function Help({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p className="mg-help" id={id}>
      {text}
    </p>
  ) : null;
}

function FieldError({ id, message }: { id: string; message?: string }) {
  // Always present (empty) so the script can fill it; aria-live tells screen readers.
  return (
    <p className="mg-error" id={id} aria-live="polite">
      {message ?? ""}
    </p>
  );
}

function describedBy(id: string, field: RenderableFormField): string {
  return [field.helpText ? `${id}-help` : null, `${id}-error`].filter(Boolean).join(" ");
}

function Field({ form, context, field }: { form: RenderableForm; context: FormRenderContext; field: RenderableFormField }) {
  const id = inputId(form, context, field.id);
  const error = context.errors?.[field.id];
  const invalid = error ? true : undefined;
  const common = {
    id,
    name: field.id,
    required: field.required || undefined,
    "aria-invalid": invalid,
    "aria-describedby": describedBy(id, field),
  } as const;
  const label = (
    <label className="mg-label" htmlFor={id}>
      {field.label}
      {field.required ? <span className="mg-required"> (required)</span> : null}
    </label>
  );

  if (field.kind === "hidden") {
    const fixed = field.defaultValue && !field.defaultValue.startsWith("?") ? field.defaultValue : "";
    // "?param": the script fills it from the page's query string; without JS it stays empty.
    return <input type="hidden" name={field.id} value={textValue(context, field.id) ?? fixed} data-mg-param={field.defaultValue?.startsWith("?") ? field.defaultValue.slice(1) : undefined} />;
  }
  if (field.kind === "checkbox") {
    return (
      <div className="mg-field mg-field-checkbox" data-mg-field={field.id}>
        <input {...common} type="checkbox" value="yes" defaultChecked={textValue(context, field.id) === "yes"} />
        {label}
        <Help id={`${id}-help`} text={field.helpText} />
        <FieldError id={`${id}-error`} message={error} />
      </div>
    );
  }
  if (field.kind === "multiselect") {
    const chosen = listValue(context, field.id);
    return (
      <fieldset className="mg-field mg-field-group" data-mg-field={field.id} aria-describedby={describedBy(id, field)} aria-invalid={invalid}>
        <legend className="mg-label">
          {field.label}
          {field.required ? <span className="mg-required"> (required)</span> : null}
        </legend>
        {(field.options ?? []).map((option, i) => (
          <div className="mg-option" key={option.value}>
            <input type="checkbox" id={`${id}-${i}`} name={field.id} value={option.value} defaultChecked={chosen.includes(option.value)} />
            <label htmlFor={`${id}-${i}`}>{option.label}</label>
          </div>
        ))}
        <Help id={`${id}-help`} text={field.helpText} />
        <FieldError id={`${id}-error`} message={error} />
      </fieldset>
    );
  }
  let control;
  if (field.kind === "select") {
    control = (
      <select {...common} defaultValue={textValue(context, field.id) ?? ""}>
        <option value="">{field.placeholder ?? "Choose…"}</option>
        {(field.options ?? []).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === "textarea") {
    control = <textarea {...common} rows={4} placeholder={field.placeholder} minLength={field.validation?.minLength} maxLength={field.validation?.maxLength ?? 5000} defaultValue={textValue(context, field.id)} />;
  } else {
    const type = field.kind === "email" ? "email" : field.kind === "phone" ? "tel" : field.kind === "date" ? "date" : field.validation?.preset === "url" ? "url" : "text";
    const autoComplete = field.kind === "email" ? "email" : field.kind === "phone" ? "tel" : undefined;
    control = (
      <input
        {...common}
        type={type}
        autoComplete={autoComplete}
        inputMode={field.validation?.preset === "digits" ? "numeric" : undefined}
        placeholder={field.placeholder}
        minLength={field.kind === "date" ? undefined : field.validation?.minLength}
        maxLength={field.kind === "date" ? undefined : (field.validation?.maxLength ?? 500)}
        pattern={field.kind === "text" && field.validation?.preset ? PRESET_PATTERNS[field.validation.preset] : undefined}
        data-mg-country={field.kind === "phone" ? field.defaultCountry : undefined}
        defaultValue={textValue(context, field.id)}
      />
    );
  }
  return (
    <div className="mg-field" data-mg-field={field.id}>
      {label}
      {control}
      <Help id={`${id}-help`} text={field.helpText} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function Consent({ form, context, consent }: { form: RenderableForm; context: FormRenderContext; consent: RenderableConsent }) {
  const id = inputId(form, context, `consent-${consent.id}`);
  const error = context.errors?.[`consent:${consent.id}`];
  // Never pre-checked: a re-render only keeps a box the visitor ticked themselves.
  const ticked = listValue(context, CONSENT_FIELD).includes(consent.id);
  return (
    <div className="mg-field mg-field-checkbox mg-consent" data-mg-field={`consent:${consent.id}`}>
      <input id={id} type="checkbox" name={CONSENT_FIELD} value={consent.id} required={consent.required || undefined} defaultChecked={ticked} aria-describedby={`${id}-error`} aria-invalid={error ? true : undefined} />
      <label htmlFor={id}>
        {consent.wording}
        {consent.required ? <span className="mg-required"> (required)</span> : null}
      </label>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function LeadFormMarkup({ form, context }: { form: RenderableForm; context: FormRenderContext }) {
  const honeypotId = inputId(form, context, "hp");
  const last = form.steps.length - 1;
  return (
    <form className="mg-form" method="post" action={context.action} acceptCharset="utf-8" data-mg-form={form.id} data-mg-steps={form.steps.length} aria-label={form.name}>
      <input type="hidden" name={TOKEN_FIELD} value={context.token} />
      <div className="mg-hp" aria-hidden="true">
        <label htmlFor={honeypotId}>Leave this field empty</label>
        <input id={honeypotId} type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <div className="mg-form-error" role="alert" data-mg-form-error="">
        {context.formError ?? ""}
      </div>
      {form.steps.map((step, i) => (
        <fieldset className="mg-step" key={i} data-mg-step={i}>
          {step.title || form.steps.length > 1 ? (
            <legend className="mg-step-title">
              {form.steps.length > 1 ? <span className="mg-step-count">{`Step ${i + 1} of ${form.steps.length}`}</span> : null}
              {step.title ? <span> {step.title}</span> : null}
            </legend>
          ) : null}
          {step.fields.map((field) => (
            <Field key={field.id} form={form} context={context} field={field} />
          ))}
          {i === last ? form.consents.map((consent) => <Consent key={consent.id} form={form} context={context} consent={consent} />) : null}
        </fieldset>
      ))}
      {form.turnstileSiteKey ? <div className="cf-turnstile" data-sitekey={form.turnstileSiteKey} /> : null}
      <div className="mg-actions">
        <button type="submit" className="mg-submit">
          {form.submitLabel}
        </button>
      </div>
      <div className="mg-success" role="status" aria-live="polite" data-mg-success="" />
    </form>
  );
}
