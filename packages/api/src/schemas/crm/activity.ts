import { z } from "zod";

/**
 * The typed payload of each timeline event (activities.payload). recordActivity validates with
 * these, so the timeline never holds a shape the UI cannot render.
 */
const id = z.string().uuid();
const text = (max: number) => z.string().max(max);

export const activityPayloadSchemas = {
  NOTE: z.object({ html: text(50_000), text: text(50_000) }),
  CALL: z.object({ summary: text(5_000), durationMinutes: z.number().int().min(0).max(24 * 60).optional(), outcome: text(200).optional() }),
  MEETING: z.object({ summary: text(5_000), at: z.string().datetime().optional() }),
  EMAIL_SENT: z.object({ subject: text(500), messageId: text(500).optional() }),
  EMAIL_OPENED: z.object({ subject: text(500), messageId: text(500).optional() }),
  EMAIL_CLICKED: z.object({ subject: text(500), url: text(2_000) }),
  FORM_SUBMITTED: z.object({ formId: id.optional(), formName: text(200), fields: z.record(z.string(), z.string()).optional() }),
  PAGE_VISITED: z.object({ url: text(2_000), title: text(500).optional() }),
  // dealId/dealName: the same event on a contact's timeline says which deal it was about.
  STAGE_CHANGED: z.object({ fromStage: text(200).nullable(), toStage: text(200), pipeline: text(200), dealId: id.optional(), dealName: text(200).optional() }),
  DEAL_CREATED: z.object({ name: text(200), amountMinor: z.string(), currency: z.string().length(3), dealId: id.optional() }),
  DEAL_WON: z.object({ name: text(200), amountMinor: z.string(), currency: z.string().length(3), dealId: id.optional() }),
  DEAL_LOST: z.object({ name: text(200), reason: text(500).nullable(), dealId: id.optional() }),
  TASK_CREATED: z.object({ taskId: id, title: text(500) }),
  TASK_DONE: z.object({ taskId: id, title: text(500) }),
  CONTACT_CREATED: z.object({ source: text(100) }),
  FIELD_CHANGED: z.object({ field: text(200), from: text(2_000).nullable(), to: text(2_000).nullable() }),
  MERGED: z.object({ mergeId: id, mergedIds: z.array(id), names: z.array(text(300)), undone: z.boolean().optional() }),
  IMPORTED: z.object({ importId: id, fileName: text(300), kind: z.enum(["created", "updated"]) }),
  CONSENT_CHANGED: z.object({ channel: z.enum(["EMAIL", "SMS", "WHATSAPP"]), purpose: text(100), status: z.enum(["GRANTED", "WITHDRAWN"]), method: text(100) }),
  SOCIAL_COMMENT: z.object({ network: text(50), text: text(5_000), url: text(2_000).optional() }),
} as const;

export type ActivityKindName = keyof typeof activityPayloadSchemas;
export type ActivityPayload<K extends ActivityKindName> = z.infer<(typeof activityPayloadSchemas)[K]>;
export const ACTIVITY_KINDS = Object.keys(activityPayloadSchemas) as ActivityKindName[];
