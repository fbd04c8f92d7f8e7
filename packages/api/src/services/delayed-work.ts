/**
 * What a customer is told when background work is late: their own organization's work, by kind,
 * in their words ("2 invitation emails are delayed"). Never the job engine, an environment
 * variable or a command: those are the operators' (the platform status page, docs/operations.md).
 * Pure, so the wording is tested without a database.
 */

export const DELAYED_WORK_KINDS = ["scheduled-posts", "invitation-emails", "workspace-setup", "analytics-updates", "ab-test-results"] as const;
export type DelayedWorkKind = (typeof DELAYED_WORK_KINDS)[number];

export interface DelayedWork {
  kind: DelayedWorkKind;
  count: number;
  message: string;
}

/**
 * Late events by the kind of work a customer would notice. Publishing events are absent on
 * purpose: a post/scheduled event waits legitimately until the post is due, and whether a post is
 * late is read from the post itself (`overduePosts`), so one late post is never counted twice.
 */
const KIND_OF_EVENT: Readonly<Record<string, DelayedWorkKind>> = {
  "member/invited": "invitation-emails",
  "organization/created": "workspace-setup",
  "metrics/sync.account": "analytics-updates",
  "ab-test/started": "ab-test-results",
};

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

function messageFor(kind: DelayedWorkKind, count: number): string {
  switch (kind) {
    case "scheduled-posts":
      return `${count} scheduled ${plural(count, "post is", "posts are")} late going out`;
    case "invitation-emails":
      return `${count} invitation ${plural(count, "email is", "emails are")} delayed`;
    case "workspace-setup":
      return "Setting up your workspace is taking longer than usual";
    case "analytics-updates":
      return `Analytics updates for ${count} ${plural(count, "account", "accounts")} are delayed`;
    case "ab-test-results":
      return `${count} A/B test ${plural(count, "result is", "results are")} delayed`;
  }
}

/**
 * The customer's list: late or failed events (already limited to their organization, past the
 * grace period) and posts past their time, one line per kind, in a fixed order. Empty when
 * nothing is late, so the notice disappears by itself once the work has caught up.
 */
export function describeDelayedWork(input: { events: readonly { name: string; waiting: number; failed: number }[]; overduePosts: number }): DelayedWork[] {
  const counts = new Map<DelayedWorkKind, number>();
  if (input.overduePosts > 0) counts.set("scheduled-posts", input.overduePosts);
  for (const group of input.events) {
    const kind = KIND_OF_EVENT[group.name];
    const count = group.waiting + group.failed;
    if (!kind || count <= 0) continue;
    counts.set(kind, (counts.get(kind) ?? 0) + count);
  }
  return DELAYED_WORK_KINDS.flatMap((kind) => {
    const count = counts.get(kind);
    return count ? [{ kind, count, message: messageFor(kind, count) }] : [];
  });
}
