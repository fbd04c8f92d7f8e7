import { z } from "zod";
import { LOCAL_DATE_TIME_REGEX, isValidLocalDateTime } from "@mg/scheduling";
import { idSchema, timezoneSchema } from "../common";

export const TASK_PRIORITIES = ["LOW", "NORMAL", "HIGH"] as const;

/** When a task is due, as the user chose it: zone + wall-clock time (resolved like a post's schedule). */
export const taskDueSchema = z.object({
  timezone: timezoneSchema,
  localTime: z
    .string()
    .max(16, { message: "Use a date and time like 2026-03-29T09:00." })
    .regex(LOCAL_DATE_TIME_REGEX, { message: "Use a date and time like 2026-03-29T09:00." })
    .refine(isValidLocalDateTime, { message: "That date does not exist." }),
  /** Needed only when the time happens twice (DST fall-back). */
  disambiguation: z.enum(["earlier", "later"]).optional(),
});
export type TaskDueInput = z.input<typeof taskDueSchema>;

const titleSchema = z.string().trim().min(1, { message: "Name the task." }).max(500);
const notesSchema = z.string().trim().max(5_000);

export const createTaskInput = z.object({
  title: titleSchema,
  notes: notesSchema.nullish(),
  due: taskDueSchema.nullish(),
  /** Default: the caller. */
  assigneeUserId: idSchema.nullish(),
  priority: z.enum(TASK_PRIORITIES).default("NORMAL"),
  contactId: idSchema.nullish(),
  dealId: idSchema.nullish(),
  companyId: idSchema.nullish(),
});
export type CreateTaskInput = z.input<typeof createTaskInput>;

export const updateTaskInput = z.object({
  taskId: idSchema,
  title: titleSchema.optional(),
  notes: notesSchema.nullish(),
  /** null clears the due time. */
  due: taskDueSchema.nullish(),
  assigneeUserId: idSchema.nullish(),
  priority: z.enum(TASK_PRIORITIES).optional(),
  contactId: idSchema.nullish(),
  dealId: idSchema.nullish(),
  companyId: idSchema.nullish(),
});
export type UpdateTaskInput = z.input<typeof updateTaskInput>;

export const taskIdInput = z.object({ taskId: idSchema });

export const myTasksInput = z
  .object({
    /** Done tasks of the last days are shown too (for undo and a sense of progress). */
    includeDoneDays: z.number().int().min(0).max(30).default(0),
  })
  .default({ includeDoneDays: 0 });

export const recordTasksInput = z
  .object({
    contactId: idSchema.optional(),
    dealId: idSchema.optional(),
    companyId: idSchema.optional(),
    includeDone: z.boolean().default(true),
  })
  .refine((v) => [v.contactId, v.dealId, v.companyId].filter(Boolean).length === 1, { message: "Name one contact, deal or company." });
