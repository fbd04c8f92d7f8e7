import { describe, expect, it } from "vitest";
import type { ContentRules } from "@mg/integrations/types";
import {
  draftFromPost,
  effectiveContent,
  emptyDraft,
  emptyVariant,
  postFieldsOf,
  recurrenceRuleOf,
  scheduleInputOf,
  type ComposerDraft,
  type PostForDraft,
  type ScheduleDraft,
} from "~/components/posts/composer/composer-state";
import { hashtagAiNote } from "~/components/posts/composer/hashtag-ai-note";
import { countErrors, validateDraft } from "~/components/posts/composer/validate";

const schedule = (fields: Partial<ScheduleDraft>): ScheduleDraft => ({ ...emptyDraft().schedule, ...fields });

/** Two accounts: one follows the base post, one has its own text, media and first comment. */
function draftWithVariant(): ComposerDraft {
  return {
    ...emptyDraft({ date: "2026-03-08", time: "09:30", campaignId: "camp-1" }),
    content: "Base text",
    mediaIds: ["m-base"],
    firstComment: "  ",
    labels: ["bread"],
    accountIds: ["a-base", "a-own"],
    variants: { "a-own": { useBaseText: false, text: "Own text", useBaseMedia: false, mediaIds: ["m-own"], useBaseFirstComment: false, firstComment: "Own comment" } },
  };
}

describe("recurrence presets", () => {
  it("mean the rule for the chosen first date", () => {
    expect(recurrenceRuleOf(schedule({ recurrence: "none" }))).toBeNull();
    expect(recurrenceRuleOf(schedule({ recurrence: "daily", count: "5" }))).toBe("FREQ=DAILY;COUNT=5");
    // 2026-03-08 is a Sunday.
    expect(recurrenceRuleOf(schedule({ recurrence: "weekly", date: "2026-03-08" }))).toBe("FREQ=WEEKLY;BYDAY=SU");
    expect(recurrenceRuleOf(schedule({ recurrence: "monthly", date: "2026-03-08", count: "12" }))).toBe("FREQ=MONTHLY;BYMONTHDAY=8;COUNT=12");
    expect(recurrenceRuleOf(schedule({ recurrence: "weekly", count: "0" }))).toBe("FREQ=WEEKLY");
    expect(recurrenceRuleOf(schedule({ recurrence: "daily", count: "three" }))).toBe("FREQ=DAILY");
    expect(recurrenceRuleOf(schedule({ recurrence: "custom", customRule: " RRULE:FREQ=YEARLY;BYMONTH=3 " }))).toBe("FREQ=YEARLY;BYMONTH=3");
    expect(recurrenceRuleOf(schedule({ recurrence: "custom", customRule: "  " }))).toBeNull();
  });
});

describe("an existing post in the form", () => {
  const stored = (fields: Partial<PostForDraft>): PostForDraft => ({
    content: "Stored",
    mediaIds: ["m1"],
    firstComment: null,
    labels: ["x"],
    campaignId: null,
    localTime: "2026-03-09T08:00",
    recurrenceRule: null,
    targets: [
      { socialAccountId: "a1", variantContent: null, useBaseMedia: true, variantMediaIds: [], variantFirstComment: null },
      { socialAccountId: "a2", variantContent: "Variant", useBaseMedia: false, variantMediaIds: ["m2"], variantFirstComment: "First!" },
    ],
    ...fields,
  });

  it("shows the same post back: variants, schedule, and a stored preset rule as that preset", () => {
    const draft = draftFromPost(stored({ recurrenceRule: "FREQ=WEEKLY;BYDAY=MO;COUNT=4" }));
    expect(draft.accountIds).toEqual(["a1", "a2"]);
    expect(draft.variants.a1).toEqual(emptyVariant());
    expect(draft.variants.a2).toEqual({ useBaseText: false, text: "Variant", useBaseMedia: false, mediaIds: ["m2"], useBaseFirstComment: false, firstComment: "First!" });
    expect(draft.schedule).toMatchObject({ date: "2026-03-09", time: "08:00", recurrence: "weekly", count: "4", customRule: "" });
    // And back again: the rule it saves is the one it read.
    expect(recurrenceRuleOf(draft.schedule)).toBe("FREQ=WEEKLY;BYDAY=MO;COUNT=4");
  });

  it("keeps a rule that is no preset as a custom rule, and a draft without time unscheduled", () => {
    // Weekly on Tuesday, but the post's first date is a Monday: not what the preset would say.
    expect(draftFromPost(stored({ recurrenceRule: "FREQ=WEEKLY;BYDAY=TU" })).schedule).toMatchObject({ recurrence: "custom", customRule: "FREQ=WEEKLY;BYDAY=TU" });
    const unscheduled = draftFromPost(stored({ localTime: null }));
    expect(unscheduled.schedule).toMatchObject({ date: "", time: "", recurrence: "none" });
    expect(scheduleInputOf(unscheduled, "Europe/London")).toBeNull();
  });
});

describe("what the composer sends", () => {
  it("per account: the base post or the account's own variant", () => {
    const draft = draftWithVariant();
    expect(effectiveContent(draft, "a-base")).toEqual({ text: "Base text", mediaIds: ["m-base"], firstComment: "  " });
    expect(effectiveContent(draft, "a-own")).toEqual({ text: "Own text", mediaIds: ["m-own"], firstComment: "Own comment" });
    expect(effectiveContent(draft, "not-chosen")).toEqual({ text: "Base text", mediaIds: ["m-base"], firstComment: "  " });
  });

  it("the fields posts.create takes: blank first comment as none, variants only where overridden, the schedule in the org's zone", () => {
    const fields = postFieldsOf({ ...draftWithVariant(), schedule: schedule({ date: "2026-03-08", time: "09:30", recurrence: "daily", count: "3", disambiguation: "later" }) }, "Europe/Paris");
    expect(fields).toEqual({
      content: "Base text",
      mediaIds: ["m-base"],
      firstComment: null,
      labels: ["bread"],
      campaignId: "camp-1",
      targets: [
        { socialAccountId: "a-base", variantContent: null, variantMediaIds: [], useBaseMedia: true, variantFirstComment: null },
        { socialAccountId: "a-own", variantContent: "Own text", variantMediaIds: ["m-own"], useBaseMedia: false, variantFirstComment: "Own comment" },
      ],
      schedule: { timezone: "Europe/Paris", localTime: "2026-03-08T09:30", disambiguation: "later", recurrenceRule: "FREQ=DAILY;COUNT=3" },
    });
    expect(postFieldsOf({ ...draftWithVariant(), schedule: schedule({ date: "2026-03-08" }) }, "UTC").schedule).toBeNull();
  });
});

describe("checking a draft against each network as the user types", () => {
  const rules: ContentRules = {
    maxTextLength: 10,
    maxMedia: 1,
    requiresMedia: false,
    allowsMixedMedia: false,
    maxImageBytes: 1_000_000,
    maxVideoBytes: 10_000_000,
    maxVideoSeconds: 60,
    imageTypes: ["image/png"],
    videoTypes: ["video/mp4"],
    supportsFirstComment: false,
    supportsCarousel: false,
  };
  const networks = [{ network: "X", displayName: "X", rules }];
  const media = new Map([
    ["m-base", { id: "m-base", url: "http://x/b.png", mimeType: "image/png", kind: "IMAGE" as const, sizeBytes: 10, width: 10, height: 10 }],
    ["m-own", { id: "m-own", url: "http://x/o.png", mimeType: "image/png", kind: "IMAGE" as const, sizeBytes: 10, width: 10, height: 10 }],
  ]);

  it("checks each account's own content, and says an account must be reconnected", () => {
    const accounts = [
      { id: "a-base", name: "Base", network: "X", status: "CONNECTED" },
      { id: "a-own", name: "Own", network: "X", status: "NEEDS_RECONNECT" },
    ];
    const issues = validateDraft({ ...draftWithVariant(), content: "Far longer than ten" }, accounts, networks, media);
    expect(issues.get("a-base")?.some((i) => i.field === "text" && i.severity === "error")).toBe(true);
    expect(issues.get("a-own")).toEqual([{ field: "account", severity: "error", message: "Own needs to be reconnected before it can publish." }]);
    expect(countErrors(issues)).toBeGreaterThanOrEqual(2);

    // The variant's short text is what that account publishes: no text error for it.
    const connected = accounts.map((a) => ({ ...a, status: "CONNECTED" }));
    const own = validateDraft({ ...draftWithVariant(), content: "Far longer than ten", firstComment: "" }, connected, networks, media).get("a-own") ?? [];
    expect(own.filter((i) => i.field === "text")).toEqual([]);
  });
});

describe("the AI line under hashtag suggestions", () => {
  it("says what the API answered: not in the plan, failed, used, or no model", () => {
    expect(hashtagAiNote({ configured: true, used: false, error: null, notInPlan: { plan: "FREE", suggestedPlan: "STARTER" } }).text).toMatch(/^AI suggestions are not included in your plan \(Free\); Starter includes them\./);
    expect(hashtagAiNote({ configured: true, used: false, error: null, notInPlan: { plan: "STARTER", suggestedPlan: "STARTER" } }).text).toMatch(/^AI suggestions are not included in your plan \(Starter\)\. /);
    expect(hashtagAiNote({ configured: true, used: false, error: "timeout", notInPlan: null })).toMatchObject({ tone: "warning", text: expect.stringContaining("failed this time.") });
    // The model's own error is the operator's (addresses, keys): the customer is told it failed, not why.
    const failed = hashtagAiNote({ configured: true, used: false, error: "AI suggestions are unavailable: connect ECONNREFUSED 127.0.0.1:11434 (OPENAI_API_KEY)", notInPlan: null }).text;
    expect(failed).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|OPENAI_API_KEY/);
    expect(hashtagAiNote({ configured: true, used: true, error: null, notInPlan: null }).text).toBe("Includes AI suggestions.");
    expect(hashtagAiNote({ configured: false, used: false, error: null, notInPlan: null }).text).toMatch(/^AI suggestions are not available on this installation\./);
  });
});
