import type { AlertKind, TenantDb } from "@mg/db";

export interface AlertInput {
  organizationId: string;
  kind: AlertKind;
  title: string;
  body: string;
  /** One alert per key and organization: a retried job or a second sweep raises nothing new. */
  dedupeKey: string;
  postId?: string | null;
  socialAccountId?: string | null;
}

/** Inserts the alert unless one with the same dedupe key exists; true when a new one was raised. */
export async function raiseAlert(db: TenantDb, alert: AlertInput): Promise<boolean> {
  const { count } = await db.alert.createMany({
    data: [
      {
        organizationId: alert.organizationId,
        kind: alert.kind,
        title: alert.title,
        body: alert.body,
        dedupeKey: alert.dedupeKey,
        postId: alert.postId ?? null,
        socialAccountId: alert.socialAccountId ?? null,
      },
    ],
    skipDuplicates: true,
  });
  return count > 0;
}

/** raiseAlert for many at once (one statement); returns how many were new. */
export async function raiseAlerts(db: TenantDb, alerts: readonly AlertInput[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const { count } = await db.alert.createMany({
    data: alerts.map((alert) => ({
      organizationId: alert.organizationId,
      kind: alert.kind,
      title: alert.title,
      body: alert.body,
      dedupeKey: alert.dedupeKey,
      postId: alert.postId ?? null,
      socialAccountId: alert.socialAccountId ?? null,
    })),
    skipDuplicates: true,
  });
  return count;
}

export const alertKeys = {
  publishFailed: (targetId: string, scheduleVersion: number) => `publish-failed:${targetId}:v${scheduleVersion}`,
  /** Per attempt: after "send it again", a second unconfirmed attempt alerts again. */
  outcomeUnknown: (targetId: string, scheduleVersion: number, attempts: number) => `publish-unknown:${targetId}:v${scheduleVersion}:a${attempts}`,
  firstCommentFailed: (targetId: string, ledgerId: string) => `first-comment-failed:${targetId}:${ledgerId}`,
  postMissed: (postId: string, scheduleVersion: number) => `post-missed:${postId}:v${scheduleVersion}`,
  /** Per connection: a later expiry of the same account (after a reconnect) alerts again. */
  accountReconnect: (socialAccountId: string, connectedAt: Date) => `account-reconnect:${socialAccountId}:${connectedAt.toISOString()}`,
  abTestDecided: (abTestId: string) => `ab-test-decided:${abTestId}`,
};
