import { z } from "zod";
import type { SocialNetwork } from "@mg/db";
import { idSchema } from "./common";

// Literal lists (type-checked against the database enums) keep Prisma out of browser bundles.
export const SOCIAL_NETWORKS = ["SANDBOX", "FACEBOOK", "INSTAGRAM", "LINKEDIN", "X", "TIKTOK"] as const satisfies readonly SocialNetwork[];
type MissingNetwork = Exclude<SocialNetwork, (typeof SOCIAL_NETWORKS)[number]>;
const _everyNetworkListed: MissingNetwork extends never ? true : false = true;

export const socialNetworkSchema = z.enum(SOCIAL_NETWORKS);

export const startConnectInput = z.object({
  network: socialNetworkSchema,
  /** Reconnect this account (keeps its id, posts and queue) instead of adding a new one. */
  reconnectAccountId: idSchema.optional(),
});
export type StartConnectInput = z.infer<typeof startConnectInput>;

export const accountIdInput = z.object({ accountId: idSchema });

/** "HH:mm", 24-hour wall-clock time. */
export const wallClockTimeSchema = z
  .string()
  .max(5, "Use a 24-hour time such as 09:30.")
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time such as 09:30.");

export const queueSlotSchema = z.object({
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
  localTime: wallClockTimeSchema,
});
export type QueueSlotInput = z.infer<typeof queueSlotSchema>;

export const setQueueSlotsInput = z.object({
  accountId: idSchema,
  slots: z.array(queueSlotSchema).max(7 * 24, "At most 168 slots per account."),
});
export type SetQueueSlotsInput = z.infer<typeof setQueueSlotsInput>;

export const nextFreeSlotInput = z.object({
  accountIds: z.array(idSchema).min(1, "Choose at least one account.").max(50),
  /** Look for slots after this instant (default: now). */
  after: z.iso.datetime({ offset: true }).max(64).optional(),
});
export type NextFreeSlotInput = z.infer<typeof nextFreeSlotInput>;
