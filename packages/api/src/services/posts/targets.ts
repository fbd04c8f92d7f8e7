import { TRPCError } from "@trpc/server";
import type { TenantDb } from "@mg/db";
import { listNetworks } from "@mg/integrations";
import type { PublishMedia, ValidationIssue } from "@mg/integrations/types";
import { validateAgainstRules } from "@mg/integrations/validation";
import type { PostFieldsInput } from "../../schemas/posts";
import { badRequestWith } from "../../trpc/errors";

type MediaRow = { id: string; url: string; mimeType: string; kind: "IMAGE" | "VIDEO"; sizeBytes: number; width: number | null; height: number | null; durationSeconds: number | null; altText: string | null };
type AccountRow = { id: string; network: string; name: string; status: string };

/** The accounts a post targets, all in this organization (another tenant's id is NOT_FOUND). */
export async function loadTargetAccounts(db: TenantDb, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const accounts = await db.socialAccount.findMany({ where: { id: { in: [...ids] } }, select: { id: true, network: true, name: true, status: true } });
  if (accounts.length !== new Set(ids).size) throw new TRPCError({ code: "NOT_FOUND", message: "One of the chosen accounts was not found." });
  return accounts;
}

/** Media of a post and its variants; deleted or foreign assets are NOT_FOUND. */
export async function loadMedia(db: TenantDb, ids: readonly string[]): Promise<Map<string, MediaRow>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.mediaAsset.findMany({
    where: { id: { in: unique }, deletedAt: null },
    select: { id: true, url: true, mimeType: true, kind: true, sizeBytes: true, width: true, height: true, durationSeconds: true, altText: true },
  });
  if (rows.length !== unique.length) throw new TRPCError({ code: "NOT_FOUND", message: "One of the attached media files was not found." });
  return new Map(rows.map((row) => [row.id, row]));
}

export function toPublishMedia(row: MediaRow): PublishMedia {
  return { url: row.url, mimeType: row.mimeType, kind: row.kind, sizeBytes: row.sizeBytes, width: row.width, height: row.height, durationSeconds: row.durationSeconds, altText: row.altText };
}

export function allMediaIds(fields: Pick<PostFieldsInput, "mediaIds" | "targets">): string[] {
  return [...fields.mediaIds, ...fields.targets.flatMap((t) => (t.useBaseMedia ? [] : t.variantMediaIds))];
}

export interface TargetIssue {
  socialAccountId: string;
  accountName: string;
  field: ValidationIssue["field"] | "account" | "tiktok";
  severity: ValidationIssue["severity"];
  message: string;
}

/** What each target would publish, checked against its network's limits and its account's state. */
export function checkTargets(
  fields: Pick<PostFieldsInput, "content" | "mediaIds" | "firstComment" | "targets">,
  accounts: readonly AccountRow[],
  media: ReadonlyMap<string, MediaRow>,
): TargetIssue[] {
  const networks = new Map(listNetworks().map((n) => [n.network as string, n]));
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const issues: TargetIssue[] = [];
  for (const target of fields.targets) {
    const account = byId.get(target.socialAccountId);
    if (!account) continue;
    const base = { socialAccountId: account.id, accountName: account.name };
    if (account.status !== "CONNECTED") {
      issues.push({ ...base, field: "account", severity: "error", message: `${account.name} needs to be reconnected before it can publish.` });
      continue;
    }
    // TikTok's rules forbid a default audience: the post waits for the user's own choice.
    if (account.network === "TIKTOK" && !target.tiktok?.privacyLevel) {
      issues.push({ ...base, field: "tiktok", severity: "error", message: "Choose who can see this TikTok post." });
    }
    const network = networks.get(account.network);
    if (!network) continue;
    const mediaIds = target.useBaseMedia ? fields.mediaIds : target.variantMediaIds;
    const content = {
      text: target.variantContent ?? fields.content,
      media: mediaIds.flatMap((id) => {
        const row = media.get(id);
        return row ? [toPublishMedia(row)] : [];
      }),
      firstComment: target.variantFirstComment ?? fields.firstComment ?? null,
    };
    for (const issue of validateAgainstRules(network.rules, network.displayName, content)) issues.push({ ...base, ...issue });
  }
  return issues;
}

/** Refuses to schedule content some target cannot take; warnings (e.g. no first comment) pass. */
export function assertPublishable(issues: readonly TargetIssue[], targetCount: number): void {
  if (targetCount === 0) throw badRequestWith("Choose at least one account to publish to.", { targetIssues: [] });
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length === 0) return;
  const first = errors[0];
  const summary = first ? `${first.accountName}: ${first.message}` : "Some accounts cannot take this post.";
  throw badRequestWith(errors.length === 1 ? summary : `${summary} (and ${errors.length - 1} more problem${errors.length === 2 ? "" : "s"})`, {
    targetIssues: errors.map(({ socialAccountId, field, message }) => ({ socialAccountId, field, message })),
  });
}
