import { MEDIA_LIMITS } from "../media/limits";
import type { ContentRules } from "../types";

/** Generous on purpose: the Sandbox is for trying the whole flow, not for learning a network's limits. */
export const SANDBOX_RULES: ContentRules = {
  maxTextLength: 5_000,
  maxMedia: 10,
  requiresMedia: false,
  allowsMixedMedia: true,
  maxImageBytes: MEDIA_LIMITS.maxImageBytes,
  maxVideoBytes: MEDIA_LIMITS.maxVideoBytes,
  maxVideoSeconds: 600,
  imageTypes: MEDIA_LIMITS.imageTypes,
  videoTypes: MEDIA_LIMITS.videoTypes,
  supportsFirstComment: true,
  supportsCarousel: true,
};
