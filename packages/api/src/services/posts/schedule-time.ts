import { resolveLocalTime, toLocalTime } from "@mg/scheduling";
import { badRequestWith } from "../../trpc/errors";

export interface ResolvedSchedule {
  timezone: string;
  localTime: string;
  scheduledAt: Date;
}

/** A past time is tolerated by this much (the user pressed "Schedule" at 09:00:40 for 09:00). */
const PAST_TOLERANCE_MS = 2 * 60_000;

export interface WallTimeInput {
  timezone: string;
  localTime: string;
  disambiguation?: "earlier" | "later";
}

/**
 * Zone + wall-clock time → the instant, or the refusal every scheduled thing shares (posts, CRM
 * tasks): a time in a DST gap does not exist (the suggestion is the first valid time after it), a
 * time in a DST overlap happens twice (the user must say which). The `schedule` detail is what the
 * web forms read to offer the fix.
 */
export function resolveWallTimeOrThrow(input: WallTimeInput): Date {
  const resolved = resolveLocalTime(input.timezone, input.localTime, input.disambiguation);
  if (resolved.kind === "gap") {
    throw badRequestWith(resolved.message, {
      schedule: { kind: "gap", message: resolved.message, suggestion: { localTime: resolved.suggestion.localTime, scheduledAt: resolved.suggestion.instant.toISOString() } },
    });
  }
  if (resolved.kind === "ambiguous") {
    throw badRequestWith(resolved.message, {
      schedule: {
        kind: "ambiguous",
        message: resolved.message,
        options: resolved.options.map((o) => ({ disambiguation: o.disambiguation, scheduledAt: o.instant.toISOString(), offset: o.offset, zoneName: o.zoneName })),
      },
    });
  }
  return resolved.instant;
}

/**
 * Turns the user's zone + wall-clock time into the instant to publish at — or refuses: a DST gap
 * or overlap as resolveWallTimeOrThrow does, and a time long past (a post cannot be published
 * into the past).
 */
export function resolveScheduleOrThrow(input: WallTimeInput, now: Date = new Date()): ResolvedSchedule {
  const scheduledAt = resolveWallTimeOrThrow(input);
  if (scheduledAt.getTime() < now.getTime() - PAST_TOLERANCE_MS) {
    const message = `${input.localTime.replace("T", " ")} in ${input.timezone} has already passed. Pick a later time or publish now.`;
    throw badRequestWith(message, { schedule: { kind: "past", message } });
  }
  return { timezone: input.timezone, localTime: input.localTime, scheduledAt };
}

/** "Now" as a wall-clock time in `timezone`, for posts published immediately. */
export function nowInZone(timezone: string, now: Date = new Date()): ResolvedSchedule {
  return { timezone, localTime: toLocalTime(now, timezone), scheduledAt: now };
}
