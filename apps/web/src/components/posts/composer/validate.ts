import type { ContentRules, PublishMedia, ValidationIssue } from "@mg/integrations/types";
import { validateAgainstRules } from "@mg/integrations/validation";
import { effectiveContent, variantOf, type ComposerDraft } from "./composer-state";

export interface AccountIssue extends Omit<ValidationIssue, "field"> {
  field: ValidationIssue["field"] | "account";
}

interface AccountForValidation {
  id: string;
  name: string;
  network: string;
  status: string;
}

interface NetworkForValidation {
  network: string;
  displayName: string;
  rules: ContentRules;
}

export interface MediaForValidation {
  id: string;
  url: string;
  mimeType: string;
  kind: "IMAGE" | "VIDEO";
  sizeBytes: number;
  width: number | null;
  height: number | null;
  durationSeconds?: number | null;
  altText?: string | null;
}

/**
 * The same check the API runs before scheduling, as the user types: each chosen account's
 * effective content against its network's limits, and whether the account can publish at all.
 */
export function validateDraft(
  draft: ComposerDraft,
  accounts: readonly AccountForValidation[],
  networks: readonly NetworkForValidation[],
  media: ReadonlyMap<string, MediaForValidation>,
): Map<string, AccountIssue[]> {
  const byNetwork = new Map(networks.map((n) => [n.network, n]));
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const result = new Map<string, AccountIssue[]>();
  for (const accountId of draft.accountIds) {
    const account = byId.get(accountId);
    if (!account) continue;
    if (account.status !== "CONNECTED") {
      result.set(accountId, [{ field: "account", severity: "error", message: `${account.name} needs to be reconnected before it can publish.` }]);
      continue;
    }
    const network = byNetwork.get(account.network);
    if (!network) continue;
    const content = effectiveContent(draft, accountId);
    const publishMedia: PublishMedia[] = content.mediaIds.flatMap((id) => {
      const item = media.get(id);
      return item ? [{ url: item.url, mimeType: item.mimeType, kind: item.kind, sizeBytes: item.sizeBytes, width: item.width, height: item.height, durationSeconds: item.durationSeconds ?? null, altText: item.altText ?? null }] : [];
    });
    const issues: AccountIssue[] = validateAgainstRules(network.rules, network.displayName, { text: content.text, media: publishMedia, firstComment: content.firstComment || null });
    // TikTok's rules forbid choosing for the user: no privacy level is assumed.
    if (account.network === "TIKTOK" && !variantOf(draft, accountId).tiktokPrivacy) {
      issues.push({ field: "account", severity: "error", message: `Choose who can see this post on TikTok (in the ${account.name} tab).` });
    }
    result.set(accountId, issues);
  }
  return result;
}

export function countErrors(issues: ReadonlyMap<string, AccountIssue[]>): number {
  let n = 0;
  for (const list of issues.values()) n += list.filter((i) => i.severity === "error").length;
  return n;
}
