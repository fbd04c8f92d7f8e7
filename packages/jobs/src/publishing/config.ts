import type { SocialNetwork } from "@mg/db";
import { publishAccountSpacingSetting } from "../env";

/**
 * Timing rules of the publish pipeline. Only the per-account spacing is configurable
 * (PUBLISH_ACCOUNT_SPACING_MS, milliseconds, applies to every network when set): the
 * rest are correctness bounds, not tuning knobs.
 *
 * For .env.example:
 * # Minimum time between two publishes on the same social account (ms). Default: per network
 * # (Sandbox 0, real networks 5000). 0 turns the throttle off.
 * # PUBLISH_ACCOUNT_SPACING_MS=
 */

/** A SENT ledger row younger than this may still be in flight in another worker: never resend it. */
export const SEND_LEASE_MS = 2 * 60_000;
/** Published later than this after its time: the post "missed" it and the user is told. */
export const MISSED_AFTER_MS = 15 * 60_000;
/** The sweep takes over SCHEDULED posts this long past their time (the engine never picked them up). */
export const SWEEP_GRACE_MS = 2 * 60_000;
/**
 * A target left QUEUED (or unclaimed) in a publishing post this long is retried by the sweep. One
 * held back only by its account's spacing does not wait for this: the sweep's next pass retries it
 * once the account's last send is older than the spacing (see spacedNetworks).
 */
export const STUCK_RETRY_MS = 60_000;
/** Acknowledged posts are fetched back after this delay... */
export const VERIFY_DELAY_MS = 60_000;
/** ...and declared missing when still not live this long after acknowledgement. */
export const VERIFY_GIVE_UP_MS = 15 * 60_000;

/**
 * Our clock and the network's differ, and a request may be acted on a little after it left:
 * a lookup accepts candidates created up to this long before the attempt (createdAfter), and the
 * lag window stays open this long beyond the network's own lag. Keep it far below the spacing of
 * a recurring series (a day), whose older posts carry the same text.
 */
export const PUBLISH_CLOCK_SKEW_MS = 60_000;
/** A lookup that keeps failing (the network is down) is retried this long past the lag window before the outcome is declared unknown. */
export const LOOKUP_RETRY_MS = 15 * 60_000;
/** An access token that expires within this is refreshed just before publishing (X and TikTok tokens last 2 hours). */
export const TOKEN_REFRESH_AHEAD_MS = 5 * 60_000;
/**
 * A token refresh holds its account's lock (a transaction) across the network call, so no second
 * refresh can use a refresh token that is being rotated: the HTTP timeout (30 s) plus room to commit.
 */
export const TOKEN_REFRESH_TRANSACTION_MS = 45_000;

const DEFAULT_SPACING_MS: Record<SocialNetwork, number> = {
  // The Sandbox has no rate limit of its own; the bench fans thousands of posts out through it.
  SANDBOX: 0,
  FACEBOOK: 5_000,
  INSTAGRAM: 5_000,
  LINKEDIN: 5_000,
  X: 5_000,
  TIKTOK: 5_000,
};

/** The configured spacing (PUBLISH_ACCOUNT_SPACING_MS, read on every call), else the network's default. */
export function accountSpacingMs(network: SocialNetwork, setting: number | undefined = publishAccountSpacingSetting()): number {
  return setting ?? DEFAULT_SPACING_MS[network];
}

/** Networks whose accounts are spaced now (spacing above 0), with the spacing: the sweep's throttle-aware retry. */
export function spacedNetworks(setting: number | undefined = publishAccountSpacingSetting()): { network: SocialNetwork; spacingMs: number }[] {
  return (Object.keys(DEFAULT_SPACING_MS) as SocialNetwork[]).flatMap((network) => {
    const spacingMs = accountSpacingMs(network, setting);
    return spacingMs > 0 ? [{ network, spacingMs }] : [];
  });
}
