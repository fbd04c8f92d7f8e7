import { cron } from "inngest";
import { inngest } from "../client";
import { accountsWithExpiringTokens, refreshAccountToken } from "../publishing/tokens";

/**
 * Daily: tokens expiring within 7 days are renewed with the refresh token; when that cannot
 * work the user is asked to reconnect (ACCOUNT_RECONNECT) before posts start failing.
 */
export const checkAccountTokens = inngest.createFunction(
  {
    id: "check-account-tokens",
    name: "Renew expiring account tokens",
    triggers: [cron("0 4 * * *")],
    concurrency: { limit: 1 },
    retries: 3,
  },
  async ({ step, logger }) => {
    const accounts = await step.run("list-expiring", () => accountsWithExpiringTokens());
    const outcomes: Record<string, string> = {};
    for (const account of accounts) {
      try {
        const outcome = await step.run(`refresh ${account.socialAccountId}`, () => refreshAccountToken(account));
        outcomes[account.socialAccountId] = outcome.status;
      } catch (error) {
        // Retries exhausted on transient errors: tomorrow's run tries again, well before expiry.
        logger.warn(`token refresh for account ${account.socialAccountId} failed: ${error instanceof Error ? error.message : String(error)}`);
        outcomes[account.socialAccountId] = "error";
      }
    }
    return { checked: accounts.length, outcomes };
  },
);
