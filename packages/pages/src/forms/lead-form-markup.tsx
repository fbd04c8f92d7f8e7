import type { FormRenderContext, RenderableForm } from "./types";

/**
 * The form as plain HTML that works without JavaScript (a POST with a server-side redirect).
 * Placeholder markup until the forms work lands: one field per input, no steps.
 */
export function LeadFormMarkup({ form, context }: { form: RenderableForm; context: FormRenderContext }) {
  return (
    <form method="post" action={context.action} data-mg-form={form.id}>
      <input type="hidden" name="_token" value={context.token} />
      {form.steps.flatMap((s) => s.fields).map((f) => (
        <label key={f.id}>
          {f.label}
          <input name={f.id} type={f.kind === "email" ? "email" : "text"} required={f.required} />
        </label>
      ))}
      <button type="submit">{form.submitLabel}</button>
    </form>
  );
}
