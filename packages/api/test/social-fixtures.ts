import { randomUUID } from "node:crypto";
import { systemDb } from "@mg/db/system";
import type { Tenant } from "./fixtures";

/** Social rows for tests, created through the system path like the tenant fixtures. */

export async function createSandboxAccount(tenant: Pick<Tenant, "id">, overrides: { status?: "CONNECTED" | "NEEDS_RECONNECT" | "DISCONNECTED"; handle?: string } = {}) {
  const handle = overrides.handle ?? `sbx_${randomUUID().slice(0, 8)}`;
  return systemDb().socialAccount.create({
    data: {
      organizationId: tenant.id,
      network: "SANDBOX",
      externalId: `sbx_acc_${randomUUID()}`,
      name: `Sandbox ${handle}`,
      handle,
      status: overrides.status ?? "CONNECTED",
      tokenExpiresAt: new Date(Date.now() + 60 * 86_400_000),
    },
  });
}

/** A wall-clock time `days` ahead in `timezone`'s calendar, at `hhmm` ("2026-12-02T10:00"). */
export function futureLocalTime(days: number, hhmm = "10:00"): string {
  const date = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return `${date}T${hhmm}`;
}

export async function createPostRow(
  tenant: Pick<Tenant, "id">,
  options: { authorId?: string | null; status?: "DRAFT" | "SCHEDULED" | "FAILED" | "PUBLISHED"; accountId?: string; targetStatus?: "DRAFT" | "SCHEDULED" | "FAILED" | "PUBLISHED"; content?: string } = {},
) {
  const accountId = options.accountId ?? (await createSandboxAccount(tenant)).id;
  const status = options.status ?? "DRAFT";
  const scheduledAt = status === "DRAFT" ? null : new Date(Date.now() + 3 * 86_400_000);
  const post = await systemDb().post.create({
    data: {
      organizationId: tenant.id,
      authorId: options.authorId ?? null,
      content: options.content ?? `Fixture post ${randomUUID().slice(0, 6)}`,
      status,
      timezone: "Europe/London",
      localTime: scheduledAt ? futureLocalTime(3) : null,
      scheduledAt,
      scheduleVersion: status === "DRAFT" ? 0 : 1,
    },
  });
  const target = await systemDb().postTarget.create({
    data: { organizationId: tenant.id, postId: post.id, socialAccountId: accountId, network: "SANDBOX", status: options.targetStatus ?? status, scheduledAt },
  });
  return { post, target, accountId };
}

export async function createImportBatch(tenant: Pick<Tenant, "id">) {
  return systemDb().importBatch.create({ data: { organizationId: tenant.id, fileName: "fixture.csv", rowCount: 0 } });
}
