"use client";

import type { FormWriteInput } from "@mg/api/schemas/forms";
import { LeadFormMarkup } from "@mg/pages/form-markup";

/**
 * The unsaved form as visitors will see it: the very markup the public site renders, here with
 * the app's theme (the site's own stylesheet styles it there). Sending is switched off.
 */
export function FormPreview({ draft, formId }: { draft: FormWriteInput; formId: string }) {
  const form = {
    id: formId,
    name: draft.name,
    revision: 0,
    steps: draft.definition.steps.map((s) => ({ ...(s.title ? { title: s.title } : {}), fields: s.fields.map((f) => ({ ...f, helpText: f.helpText || undefined })) })),
    submitLabel: draft.definition.submitLabel || "Send",
    consents: draft.consents.map((c) => ({ id: c.id, wording: c.wording || "(wording)", version: 1, required: c.required })),
  };
  return (
    <div
      className={[
        "rounded-lg border bg-card p-4 text-card-foreground",
        "[&_.mg-hp]:sr-only [&_.mg-form-error:empty]:hidden [&_.mg-success:empty]:hidden [&_.mg-error:empty]:hidden",
        "[&_.mg-step]:mb-4 [&_.mg-step-title]:mb-2 [&_.mg-step-title]:font-semibold [&_.mg-step-count]:text-muted-foreground",
        "[&_.mg-field]:mb-3 [&_.mg-label]:mb-1 [&_.mg-label]:block [&_.mg-label]:text-sm [&_.mg-label]:font-medium [&_.mg-required]:text-muted-foreground",
        "[&_.mg-help]:mt-1 [&_.mg-help]:text-xs [&_.mg-help]:text-muted-foreground",
        "[&_input:not([type=checkbox])]:w-full [&_input:not([type=checkbox])]:rounded-md [&_input:not([type=checkbox])]:border [&_input:not([type=checkbox])]:border-input [&_input:not([type=checkbox])]:bg-background [&_input:not([type=checkbox])]:px-3 [&_input:not([type=checkbox])]:py-1.5",
        "[&_select]:w-full [&_select]:rounded-md [&_select]:border [&_select]:border-input [&_select]:bg-background [&_select]:px-3 [&_select]:py-1.5",
        "[&_textarea]:w-full [&_textarea]:rounded-md [&_textarea]:border [&_textarea]:border-input [&_textarea]:bg-background [&_textarea]:px-3 [&_textarea]:py-1.5",
        "[&_.mg-field-checkbox]:flex [&_.mg-field-checkbox]:items-start [&_.mg-field-checkbox]:gap-2 [&_.mg-option]:flex [&_.mg-option]:gap-2",
        "[&_.mg-submit]:rounded-md [&_.mg-submit]:bg-primary [&_.mg-submit]:px-4 [&_.mg-submit]:py-2 [&_.mg-submit]:font-medium [&_.mg-submit]:text-primary-foreground",
      ].join(" ")}
      onSubmitCapture={(e) => e.preventDefault()}
    >
      <LeadFormMarkup form={form} context={{ action: "#preview", token: "preview", via: "hosted" }} />
    </div>
  );
}
