import type { ContentRules, PostContent, ValidationIssue } from "./types";

/**
 * Checks content against a network's limits. Pure and browser-safe: the composer runs it as the
 * user types, and the API runs it again before anything is scheduled.
 */
export function validateAgainstRules(rules: ContentRules, networkName: string, content: PostContent): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const length = [...content.text].length;
  if (length > rules.maxTextLength) {
    issues.push({ field: "text", severity: "error", message: `${networkName} allows ${rules.maxTextLength.toLocaleString("en-US")} characters; this has ${length.toLocaleString("en-US")}.` });
  }
  if (length === 0 && content.media.length === 0) {
    issues.push({ field: "text", severity: "error", message: `Write something or attach media for ${networkName}.` });
  }
  if (rules.requiresMedia && content.media.length === 0) {
    issues.push({ field: "media", severity: "error", message: `${networkName} needs at least one image or video.` });
  }
  if (content.media.length > rules.maxMedia) {
    issues.push({ field: "media", severity: "error", message: `${networkName} allows ${rules.maxMedia} media item${rules.maxMedia === 1 ? "" : "s"} per post; this has ${content.media.length}.` });
  } else if (content.media.length > 1 && !rules.supportsCarousel) {
    issues.push({ field: "media", severity: "error", message: `${networkName} does not support several media items in one post.` });
  }
  const kinds = new Set(content.media.map((m) => m.kind));
  if (kinds.size > 1 && !rules.allowsMixedMedia) {
    issues.push({ field: "media", severity: "error", message: `${networkName} cannot mix images and videos in one post.` });
  }
  for (const item of content.media) {
    const allowed = item.kind === "IMAGE" ? rules.imageTypes : rules.videoTypes;
    if (!allowed.includes(item.mimeType)) {
      issues.push({ field: "media", severity: "error", message: `${networkName} does not accept ${item.mimeType} ${item.kind === "IMAGE" ? "images" : "videos"}.` });
    }
    const maxBytes = item.kind === "IMAGE" ? rules.maxImageBytes : rules.maxVideoBytes;
    if (item.sizeBytes > maxBytes) {
      issues.push({ field: "media", severity: "error", message: `${networkName} accepts ${item.kind === "IMAGE" ? "images" : "videos"} up to ${formatBytes(maxBytes)}; one is ${formatBytes(item.sizeBytes)}.` });
    }
    if (item.kind === "VIDEO" && item.durationSeconds != null && item.durationSeconds > rules.maxVideoSeconds) {
      issues.push({ field: "media", severity: "error", message: `${networkName} accepts videos up to ${rules.maxVideoSeconds} seconds.` });
    }
  }
  if (content.firstComment && content.firstComment.trim() !== "") {
    if (!rules.supportsFirstComment) {
      issues.push({ field: "firstComment", severity: "warning", message: `${networkName} has no first comment; it will be skipped.` });
    } else if ([...content.firstComment].length > rules.maxTextLength) {
      issues.push({ field: "firstComment", severity: "error", message: `The first comment is longer than ${networkName} allows.` });
    }
  }
  return issues;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(bytes % 1024 ** 3 === 0 ? 0 : 1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(bytes % 1024 ** 2 === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
