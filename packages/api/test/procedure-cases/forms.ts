import type { ProcedureCase } from "../procedure-cases";
import { formWrite, freshForm, freshSubmission } from "../forms/fixtures";

/** Lead forms (routers/forms): every id names a form (or a submission of one) of the organization. */
const formOf = async (t: { id: string }) => ({ formId: (await freshForm(t)).id });

export const FORMS_PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "forms.list": { valid: async (t) => (await freshForm(t), { includeArchived: true }) },
  "forms.get": { valid: formOf, foreign: (_s, other) => formOf(other) },
  "forms.create": { valid: () => formWrite() },
  "forms.update": {
    valid: async (t) => {
      const form = await freshForm(t);
      return { ...formWrite(form.slug), formId: form.id, revision: form.revision };
    },
    foreign: async (_s, other) => {
      const form = await freshForm(other);
      return { ...formWrite(form.slug), formId: form.id, revision: form.revision };
    },
  },
  "forms.duplicate": { valid: formOf, foreign: (_s, other) => formOf(other) },
  "forms.archive": {
    valid: async (t) => ({ ...(await formOf(t)), archived: true }),
    foreign: async (_s, other) => ({ ...(await formOf(other)), archived: true }),
  },
  "forms.submissions": {
    valid: async (t) => {
      const form = await freshForm(t);
      await freshSubmission(t, form.id, "PROCESSED");
      return { formId: form.id, limit: 10 };
    },
    foreign: async (_s, other) => ({ ...(await formOf(other)), limit: 10 }),
  },
  "forms.reprocess": {
    valid: async (t) => {
      const form = await freshForm(t);
      return { formId: form.id, submissionId: await freshSubmission(t, form.id, "FAILED") };
    },
    foreign: async (_s, other) => {
      const form = await freshForm(other);
      return { formId: form.id, submissionId: await freshSubmission(other, form.id, "FAILED") };
    },
    foreignAlso: {
      // Our own form, another organization's submission: still not found.
      submissionId: async (self, other) => {
        const mine = await freshForm(self);
        const theirs = await freshForm(other);
        return { formId: mine.id, submissionId: other === self ? await freshSubmission(self, mine.id, "FAILED") : await freshSubmission(other, theirs.id, "FAILED") };
      },
    },
  },
  "forms.refusalStats": { valid: async (t) => ({ ...(await formOf(t)), days: 30 }), foreign: async (_s, other) => ({ ...(await formOf(other)), days: 30 }) },
  "forms.exportCsv": { valid: formOf, foreign: (_s, other) => formOf(other) },
  "forms.embedSnippets": { valid: formOf, foreign: (_s, other) => formOf(other) },
  "forms.settingsGet": { valid: () => undefined },
  "forms.settingsUpdate": {
    valid: () => ({ turnstileSiteKey: null, turnstileSecret: null, roundRobinUserIds: [] }),
    // A member id of another organization is refused like an unknown one (never assigned leads here).
    foreign: (_s, other) => ({ turnstileSiteKey: null, roundRobinUserIds: [other.users.OWNER.id] }),
    foreignAnswer: { kind: "as-unknown-id", reason: "A member id is a value to check, not a row looked up: another organization's member is refused exactly like an id of nobody (BAD_REQUEST)." },
  },
};

