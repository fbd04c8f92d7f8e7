import type { Organization, TenantDb } from "@mg/db";
import { isIanaTimeZone } from "../schemas/common";
import { listInheritedMembers } from "../tenancy/inherited-members";
import { countSeats } from "./seats";

/**
 * The "Getting started" checklist, derived from what the organization has — never from a flag
 * that an action may or may not have set. A step is done exactly when the state says so: an
 * account connected, a time zone set, a teammate with access or invited, a post scheduled. The
 * stored onboarding_tasks rows stay (provisioning writes them) but decide nothing shown here, so
 * they can never contradict the numbers next to them. Features that are not available yet (the
 * catalog's "coming soon", such as landing pages) have no step: nobody could complete it.
 */
export const GETTING_STARTED_STEP_KEYS = ["connect-social-account", "set-timezone", "invite-teammate", "schedule-first-post"] as const;
export type GettingStartedStepKey = (typeof GETTING_STARTED_STEP_KEYS)[number];

/** Where a step is done in the app; the page decides whether the viewer may go there. */
export type GettingStartedAction = "accounts" | "settings" | "members" | "compose";

export interface GettingStartedState {
  /** Social accounts not disconnected (waiting for a reconnect still counts: it was connected). */
  connectedAccounts: number;
  timezone: string | null;
  /** Seats: distinct people with access, the creator included (services/seats.ts). */
  peopleWithAccess: number;
  /** Invitations still open (neither accepted, revoked nor expired). */
  pendingInvitations: number;
  /** Posts that were scheduled at some point and not withdrawn: scheduled, going out, out, failed. */
  scheduledPosts: number;
}

export interface GettingStartedStep {
  key: GettingStartedStepKey;
  title: string;
  done: boolean;
  /** The state behind the answer, in the customer's words ("2 connected"). */
  detail: string;
  action: GettingStartedAction;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function gettingStartedSteps(state: GettingStartedState): GettingStartedStep[] {
  const zone = state.timezone && isIanaTimeZone(state.timezone) ? state.timezone : null;
  const teammates = state.peopleWithAccess > 1;
  return [
    {
      key: "connect-social-account",
      title: "Connect a social account",
      done: state.connectedAccounts > 0,
      detail: state.connectedAccounts > 0 ? `${state.connectedAccounts} connected` : "None yet — the Sandbox needs no setup",
      action: "accounts",
    },
    {
      key: "set-timezone",
      title: "Set your time zone",
      done: zone !== null,
      detail: zone ?? "Not set",
      action: "settings",
    },
    {
      key: "invite-teammate",
      title: "Invite a teammate",
      done: teammates || state.pendingInvitations > 0,
      detail: teammates
        ? `${count(state.peopleWithAccess, "person has", "people have")} access`
        : state.pendingInvitations > 0
          ? `${count(state.pendingInvitations, "invitation", "invitations")} sent`
          : "Only you so far",
      action: "members",
    },
    {
      key: "schedule-first-post",
      title: "Schedule your first post",
      done: state.scheduledPosts > 0,
      detail: state.scheduledPosts > 0 ? count(state.scheduledPosts, "post scheduled or published", "posts scheduled or published") : "Nothing scheduled yet",
      action: "compose",
    },
  ];
}

export function progressOf(steps: readonly GettingStartedStep[]): { done: number; total: number } {
  return { done: steps.filter((s) => s.done).length, total: steps.length };
}

/** Statuses of a post that went through scheduling and was not withdrawn (CANCELLED) or left a draft. */
const SCHEDULED_AT_SOME_POINT = ["SCHEDULED", "PUBLISHING", "PUBLISHED", "PARTIAL", "FAILED", "OUTCOME_UNKNOWN"] as const;

/**
 * The state the checklist is derived from, read in the organization's own scope (`db`). Its seats
 * include the agency's members: pass them when the caller has them (the agency's overview reads
 * them once for every client); otherwise they are read through the system path, which needs a
 * per-operation procedure (services/seats.ts).
 */
export async function gettingStartedState(
  db: TenantDb,
  org: Pick<Organization, "parentId" | "timezone">,
  options: { now?: Date; agencyMembers?: readonly { userId: string }[] } = {},
): Promise<GettingStartedState> {
  const now = options.now ?? new Date();
  const [connectedAccounts, pendingInvitations, scheduledPosts, direct, agency] = await Promise.all([
    db.socialAccount.count({ where: { status: { not: "DISCONNECTED" } } }),
    db.invitation.count({ where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
    db.post.count({ where: { status: { in: [...SCHEDULED_AT_SOME_POINT] } } }),
    db.membership.findMany({ select: { userId: true } }),
    options.agencyMembers ?? (org.parentId ? listInheritedMembers(org.parentId).then((rows) => rows.map((m) => ({ userId: m.user.id }))) : Promise.resolve([])),
  ]);
  return { connectedAccounts, timezone: org.timezone, peopleWithAccess: countSeats(direct, agency).total, pendingInvitations, scheduledPosts };
}
