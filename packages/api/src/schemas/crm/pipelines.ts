import { z } from "zod";
import { idSchema } from "../common";

/** ISO 4217 code, upper case ("EUR"). Amounts are minor units of it. */
export const currencySchema = z
  .string()
  .max(8, { message: "Use a three-letter ISO currency code, such as EUR." })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { message: "Use a three-letter ISO currency code, such as EUR." });

export const STAGE_KINDS = ["OPEN", "WON", "LOST"] as const;
export const stageKindSchema = z.enum(STAGE_KINDS);

const pipelineNameSchema = z.string().trim().min(1, { message: "Name the pipeline." }).max(80);
const stageNameSchema = z.string().trim().min(1, { message: "Name the stage." }).max(60);

/** One stage as the editor sends it: an `id` keeps (renames, reorders) a stage, no id adds one. */
export const stageInputSchema = z.object({
  id: idSchema.optional(),
  name: stageNameSchema,
  probability: z.number().int().min(0, { message: "Probability is 0–100 %." }).max(100, { message: "Probability is 0–100 %." }),
  kind: stageKindSchema.default("OPEN"),
});
export type StageInput = z.input<typeof stageInputSchema>;

/**
 * The rules a pipeline's stage list must keep: unique names, exactly one WON (100 %) and one LOST
 * (0 %) stage, at least one open stage. Shared by the editor and the server.
 */
export const stageListSchema = z
  .array(stageInputSchema)
  .min(3, { message: "A pipeline needs at least one open stage, a won and a lost stage." })
  .max(30)
  .superRefine((stages, ctx) => {
    const names = new Set<string>();
    for (const [i, s] of stages.entries()) {
      const key = s.name.toLowerCase();
      if (names.has(key)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `Two stages are named “${s.name}”.` });
      names.add(key);
      if (s.kind === "WON" && s.probability !== 100) ctx.addIssue({ code: "custom", path: [i, "probability"], message: "A won stage has probability 100 %." });
      if (s.kind === "LOST" && s.probability !== 0) ctx.addIssue({ code: "custom", path: [i, "probability"], message: "A lost stage has probability 0 %." });
    }
    const won = stages.filter((s) => s.kind === "WON").length;
    const lost = stages.filter((s) => s.kind === "LOST").length;
    if (won !== 1) ctx.addIssue({ code: "custom", message: "Keep exactly one won stage." });
    if (lost !== 1) ctx.addIssue({ code: "custom", message: "Keep exactly one lost stage." });
    if (!stages.some((s) => s.kind === "OPEN")) ctx.addIssue({ code: "custom", message: "Keep at least one open stage." });
  });

/** What a new pipeline starts with when the user names no stages. */
export const DEFAULT_STAGES: readonly { name: string; probability: number; kind: (typeof STAGE_KINDS)[number] }[] = [
  { name: "Qualified", probability: 10, kind: "OPEN" },
  { name: "Proposal", probability: 30, kind: "OPEN" },
  { name: "Negotiation", probability: 60, kind: "OPEN" },
  { name: "Won", probability: 100, kind: "WON" },
  { name: "Lost", probability: 0, kind: "LOST" },
];

export const listPipelinesInput = z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false });

export const createPipelineInput = z.object({
  name: pipelineNameSchema,
  currency: currencySchema.default("USD"),
  stages: stageListSchema.optional(),
});
export type CreatePipelineInput = z.input<typeof createPipelineInput>;

export const updatePipelineInput = z.object({
  pipelineId: idSchema,
  name: pipelineNameSchema.optional(),
  currency: currencySchema.optional(),
});

/** The whole ordered stage list: reorder, add, rename, re-weight; a stage left out is archived. */
export const setStagesInput = z.object({ pipelineId: idSchema, stages: stageListSchema });
export type SetStagesInput = z.input<typeof setStagesInput>;

export const setDefaultPipelineInput = z.object({ pipelineId: idSchema });
export const archivePipelineInput = z.object({ pipelineId: idSchema, archived: z.boolean() });
