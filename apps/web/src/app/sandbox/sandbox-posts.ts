import "server-only";

import { systemDb } from "@mg/db/system";
import { findSandboxPost as findStoredPost } from "@mg/integrations/sandbox";

export interface SandboxPostView {
  externalId: string;
  text: string;
  media: { url: string; kind: "IMAGE" | "VIDEO"; altText: string | null }[];
  firstComment: string | null;
  createdAt: Date;
  deleted: boolean;
  /** The profile's public name and handle, as it was connected. */
  author: { name: string; handle: string | null } | null;
}

/**
 * One post as the Sandbox network shows it publicly, by its network id (`sbx_…`). The Sandbox's
 * storage belongs to the network, not to any organization, so it is read through the system client.
 */
export async function findSandboxPost(externalId: string): Promise<SandboxPostView | null> {
  const post = await findStoredPost(externalId);
  if (!post) return null;
  // A profile's name and handle are public on a network; the Sandbox keeps no profile table of
  // its own, so it reads them from the connected account (network-wide, hence the system client).
  const author = await systemDb().socialAccount.findFirst({
    where: { network: "SANDBOX", externalId: post.accountExternalId },
    orderBy: { connectedAt: "desc" },
    select: { name: true, handle: true },
  });
  return {
    externalId: post.externalId,
    text: post.text,
    media: post.media.map((m) => ({ url: m.url, kind: m.kind, altText: m.altText ?? null })),
    firstComment: post.firstComment,
    createdAt: post.createdAt,
    deleted: post.deletedAt !== null,
    author,
  };
}
