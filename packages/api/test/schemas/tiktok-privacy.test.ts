import { describe, expect, it } from "vitest";
import { createPostSchema, postTargetInputSchema, TIKTOK_PRIVACY_LEVELS } from "../../src/schemas/posts";

const target = { socialAccountId: "3f1b6c1e-2d4a-4c8e-9b7a-1a2b3c4d5e6f" };

describe("a TikTok target's privacy choice in the posts schema", () => {
  it("takes TikTok's four levels and nothing else, with a readable refusal", () => {
    expect(TIKTOK_PRIVACY_LEVELS).toEqual(["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"]);
    for (const privacyLevel of TIKTOK_PRIVACY_LEVELS) expect(postTargetInputSchema.parse({ ...target, tiktok: { privacyLevel } }).tiktok).toEqual({ privacyLevel });
    const refused = postTargetInputSchema.safeParse({ ...target, tiktok: { privacyLevel: "PRIVATE" } });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe("Choose who can see the TikTok post: everyone, friends, followers or only you.");
  });

  it("is optional for other networks' targets and survives the whole post's parse", () => {
    expect(postTargetInputSchema.parse(target).tiktok).toBeUndefined();
    const post = createPostSchema.parse({ content: "Hi", targets: [{ ...target, tiktok: { privacyLevel: "SELF_ONLY" } }] });
    expect(post.targets[0]?.tiktok).toEqual({ privacyLevel: "SELF_ONLY" });
  });
});
