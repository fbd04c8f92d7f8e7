import { randomUUID } from "node:crypto";
import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { expandRecurrence, MAX_OCCURRENCES } from "@mg/scheduling";
import { sendEvent, type JobsClient } from "../client";

/** Occurrences of a recurring series exist as posts this far ahead. */
export const RECURRENCE_HORIZON_DAYS = 60;

/** The scheduleVersion a materialized occurrence starts at (it is scheduled once, by this code). */
export const OCCURRENCE_SCHEDULE_VERSION = 1;

export interface MaterializeInput {
  organizationId: string;
  /** The series' first post (the one holding `recurrenceRule`). */
  seriesId: string;
  now?: Date;
  horizonDays?: number;
  /**
   * Send `post/scheduled` for each new occurrence (default true; through the outbox when the
   * engine is down). Without an engine the sweep / local scheduler publishes them anyway.
   */
  sendEvents?: boolean;
  client?: JobsClient;
}

export interface MaterializedOccurrence {
  postId: string;
  scheduleVersion: number;
  localTime: string;
  scheduledAt: string;
}

export interface MaterializeResult {
  status: "materialized" | "skipped";
  reason?: string;
  created: MaterializedOccurrence[];
}

/**
 * Creates the occurrences of a recurring series up to `horizonDays` ahead as SCHEDULED posts
 * (copies of the first post and its targets, `seriesId` pointing at it), in the series' zone so
 * 09:00 stays 09:00 local across DST.
 *
 * Idempotent: only occurrences after the latest already scheduled member of the series are
 * considered, and a local time the series already has is skipped. So an occurrence the user moved
 * or cancelled (kept as a CANCELLED row) is not created again; an occurrence whose row was deleted
 * outright inside the covered range is not recreated either.
 */
export async function materializeRecurrences(input: MaterializeInput): Promise<MaterializeResult> {
  const now = input.now ?? new Date();
  const horizon = new Date(now.getTime() + (input.horizonDays ?? RECURRENCE_HORIZON_DAYS) * 86_400_000);

  const result = await withOrg(input.organizationId, async (db): Promise<MaterializeResult> => {
    const root = await db.post.findUnique({ where: { id: input.seriesId }, include: { targets: true } });
    if (!root) return { status: "skipped", reason: "The series was deleted.", created: [] };
    if (!root.recurrenceRule || !root.timezone || !root.localTime) return { status: "skipped", reason: "The post does not repeat.", created: [] };
    if (root.seriesId) return { status: "skipped", reason: "The post is an occurrence, not the first post of its series.", created: [] };
    if (root.status === "DRAFT" || root.status === "CANCELLED") return { status: "skipped", reason: `The series is ${root.status.toLowerCase()}.`, created: [] };

    const members = await db.post.findMany({ where: { seriesId: root.id }, select: { localTime: true, scheduledAt: true } });
    const taken = new Set<string>([root.localTime]);
    let frontier = root.scheduledAt?.getTime() ?? 0;
    for (const m of members) {
      if (m.localTime) taken.add(m.localTime);
      if (m.scheduledAt) frontier = Math.max(frontier, m.scheduledAt.getTime());
    }

    const occurrences = expandRecurrence({
      rule: root.recurrenceRule,
      timezone: root.timezone,
      start: root.localTime,
      after: new Date(Math.max(frontier, now.getTime())),
      until: horizon,
      limit: MAX_OCCURRENCES,
    }).filter((o) => !taken.has(o.localTime) && !taken.has(o.nominalLocalTime));
    if (occurrences.length === 0) return { status: "materialized", created: [] };

    const liveTargets = root.targets.filter((t) => t.status !== "CANCELLED" && t.status !== "DRAFT");
    const posts = occurrences.map((o) => ({ id: randomUUID(), occurrence: o }));
    await db.post.createMany({
      data: posts.map(({ id, occurrence }) => ({
        id,
        organizationId: input.organizationId,
        authorId: root.authorId,
        campaignId: root.campaignId,
        content: root.content,
        mediaIds: root.mediaIds,
        firstComment: root.firstComment,
        labels: root.labels,
        status: "SCHEDULED" as const,
        timezone: root.timezone,
        localTime: occurrence.localTime,
        scheduledAt: occurrence.instant,
        scheduleVersion: OCCURRENCE_SCHEDULE_VERSION,
        seriesId: root.id,
      })),
    });
    await db.postTarget.createMany({
      data: posts.flatMap(({ id, occurrence }) =>
        liveTargets.map((t) => ({
          organizationId: input.organizationId,
          postId: id,
          socialAccountId: t.socialAccountId,
          network: t.network,
          variantContent: t.variantContent,
          variantMediaIds: t.variantMediaIds,
          useBaseMedia: t.useBaseMedia,
          variantFirstComment: t.variantFirstComment,
          tiktokPrivacyLevel: t.tiktokPrivacyLevel,
          status: "SCHEDULED" as const,
          scheduledAt: occurrence.instant,
        })),
      ),
    });
    return {
      status: "materialized",
      created: posts.map(({ id, occurrence }) => ({
        postId: id,
        scheduleVersion: OCCURRENCE_SCHEDULE_VERSION,
        localTime: occurrence.localTime,
        scheduledAt: occurrence.instant.toISOString(),
      })),
    };
  });

  // After the commit, so the run finds the rows it is told about.
  if (input.sendEvents !== false) {
    for (const occurrence of result.created) {
      await sendEvent(
        {
          name: "post/scheduled",
          id: `post:${occurrence.postId}:v${occurrence.scheduleVersion}`,
          data: { organizationId: input.organizationId, postId: occurrence.postId, scheduleVersion: occurrence.scheduleVersion, scheduledAt: occurrence.scheduledAt },
        },
        { client: input.client },
      );
    }
  }
  return result;
}

/** First posts of every live recurring series, across organizations (the daily cron). */
export async function recurringSeries(): Promise<{ organizationId: string; seriesId: string }[]> {
  const rows = await systemDb().post.findMany({
    where: { recurrenceRule: { not: null }, seriesId: null, status: { notIn: ["DRAFT", "CANCELLED"] }, organization: { deletedAt: null } },
    select: { id: true, organizationId: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ organizationId: r.organizationId, seriesId: r.id }));
}
