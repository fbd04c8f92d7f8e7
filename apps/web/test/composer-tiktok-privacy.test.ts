import { describe, expect, it } from "vitest";
import type { ContentRules } from "@mg/integrations/types";
import { draftFromPost, emptyDraft, isTikTokPrivacyLevel, postFieldsOf, TIKTOK_PRIVACY_LABELS, type ComposerDraft, type PostForDraft } from "~/components/posts/composer/composer-state";
import { validateDraft } from "~/components/posts/composer/validate";

const rules: ContentRules = {
  maxTextLength: 2200,
  maxMedia: 35,
  requiresMedia: false,
  allowsMixedMedia: false,
  maxImageBytes: 1e7,
  maxVideoBytes: 1e9,
  maxVideoSeconds: 600,
  imageTypes: ["image/jpeg"],
  videoTypes: ["video/mp4"],
  supportsFirstComment: false,
  supportsCarousel: true,
};
const accounts = [
  { id: "tt", name: "Bakery on TikTok", network: "TIKTOK", status: "CONNECTED" },
  { id: "x", name: "Bakery on X", network: "X", status: "CONNECTED" },
];
const networks = [
  { network: "TIKTOK", displayName: "TikTok", rules },
  { network: "X", displayName: "X", rules },
];

function draft(tiktokPrivacy?: "SELF_ONLY" | null): ComposerDraft {
  const base = emptyDraft();
  return {
    ...base,
    content: "Warm rolls",
    accountIds: ["tt", "x"],
    variants: tiktokPrivacy === undefined ? {} : { tt: { useBaseText: true, text: "", useBaseMedia: true, mediaIds: [], useBaseFirstComment: true, firstComment: "", tiktokPrivacy } },
  };
}

describe("TikTok privacy in the composer", () => {
  it("has no default: a TikTok account without a choice cannot be scheduled", () => {
    for (const unchosen of [draft(), draft(null)]) {
      const issues = validateDraft(unchosen, accounts, networks, new Map());
      expect(issues.get("tt")).toEqual([{ field: "account", severity: "error", message: "Choose who can see this post on TikTok (in the Bakery on TikTok tab)." }]);
      expect(issues.get("x")).toEqual([]);
    }
    expect(validateDraft(draft("SELF_ONLY"), accounts, networks, new Map()).get("tt")).toEqual([]);
  });

  it("sends the choice with the TikTok target only, and reads it back from a saved post", () => {
    const fields = postFieldsOf(draft("SELF_ONLY"), "Europe/Berlin");
    expect(fields.targets).toEqual([
      expect.objectContaining({ socialAccountId: "tt", tiktok: { privacyLevel: "SELF_ONLY" } }),
      expect.not.objectContaining({ tiktok: expect.anything() }),
    ]);
    const saved: PostForDraft = {
      content: "Warm rolls",
      mediaIds: [],
      firstComment: null,
      labels: [],
      campaignId: null,
      localTime: null,
      recurrenceRule: null,
      targets: [{ socialAccountId: "tt", variantContent: null, useBaseMedia: true, variantMediaIds: [], variantFirstComment: null, tiktok: { privacyLevel: "FOLLOWER_OF_CREATOR" } }],
    };
    expect(draftFromPost(saved).variants.tt?.tiktokPrivacy).toBe("FOLLOWER_OF_CREATOR");
  });

  it("names each level as TikTok does, and accepts only TikTok's levels", () => {
    expect(TIKTOK_PRIVACY_LABELS).toEqual({ PUBLIC_TO_EVERYONE: "Everyone", MUTUAL_FOLLOW_FRIENDS: "Friends", FOLLOWER_OF_CREATOR: "Followers", SELF_ONLY: "Only me" });
    expect(isTikTokPrivacyLevel("SELF_ONLY")).toBe(true);
    expect(isTikTokPrivacyLevel("PRIVATE")).toBe(false);
    expect(isTikTokPrivacyLevel("")).toBe(false);
  });
});
