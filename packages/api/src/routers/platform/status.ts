import { TRPCError } from "@trpc/server";
import { listNetworks } from "@mg/integrations";
import { tokenKeySource } from "@mg/integrations/env";
import { networkConfigurationProblems } from "@mg/integrations/registry";
import { jobEngineConfigured, jobsClientConfigFromEnv, outboxHealth, type JobsClientConfig } from "@mg/jobs";
import { jobsEnv, type JobsEnv } from "@mg/jobs/env";
import { authedProcedure } from "../../trpc/init";
import { isPlatformAdmin } from "../../services/platform-admin";

/** The mail server's host and port: never the credentials an smtp:// URL carries. */
function smtpHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(unreadable SMTP_URL)";
  }
}

/** A configuration error is an answer here (this page is where operators look), not a 500. */
function networksOrError() {
  try {
    return {
      networks: listNetworks().map(({ network, displayName, configured, operatorDetail }) => ({ network, displayName, configured, operatorDetail })),
      problems: networkConfigurationProblems(),
      /** Where the key encrypting OAuth tokens comes from: TOKEN_ENCRYPTION_KEY, derived from AUTH_SECRET, or the public development constant. */
      tokenKey: tokenKeySource(),
      error: null,
    };
  } catch (error) {
    return { networks: [], problems: [], tokenKey: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/** How events are delivered: to a job engine (where), or in this process. No key is ever shown. */
export function describeJobEngine(config: JobsClientConfig) {
  const engine = jobEngineConfigured(config);
  return {
    mode: engine ? ("engine" as const) : ("in-process" as const),
    /** A URL (self-hosted or dev server), Inngest Cloud, or null for in-process delivery. */
    target: !engine ? null : (config.baseUrl ?? (config.isDev ? "Inngest dev server (default address)" : "Inngest Cloud")),
    eventKeySet: Boolean(config.eventKey),
    signingKeySet: Boolean(config.signingKey),
    devMode: Boolean(config.isDev),
  };
}

/** SMTP (its host, not the credentials in SMTP_URL) or the dev outbox. */
export function describeMail(env: Pick<JobsEnv, "SMTP_URL" | "MAIL_FROM">) {
  return env.SMTP_URL ? { transport: "smtp" as const, host: smtpHost(env.SMTP_URL), from: env.MAIL_FROM } : { transport: "dev-outbox" as const, host: null, from: env.MAIL_FROM };
}

/**
 * The installation's health for its operators: job engine or in-process delivery, the outbox,
 * network configuration, mail transport. Outside any organization and about none: counts and
 * configuration only, no tenant's rows. Anyone not on PLATFORM_ADMIN_EMAILS (verified) gets
 * NOT_FOUND, as for a page that does not exist.
 */
export const platformStatus = authedProcedure.query(async ({ ctx }) => {
  if (!isPlatformAdmin(ctx.user)) throw new TRPCError({ code: "NOT_FOUND", message: "Page not found." });
  const env = jobsEnv();
  return {
    checkedAt: new Date(),
    jobEngine: describeJobEngine(jobsClientConfigFromEnv(env)),
    outbox: await outboxHealth(),
    networks: networksOrError(),
    mail: describeMail(env),
    appUrl: env.APP_URL,
    production: env.NODE_ENV === "production",
  };
});
