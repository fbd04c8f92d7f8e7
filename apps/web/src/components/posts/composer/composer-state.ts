import { combine, datePart, isoWeekday, timePart } from "~/lib/scheduling-ui";
import type { PostDetail, PostTargetDetail, RouterInputs } from "../types";

/** TikTok's `privacy_level` values, as the posts API takes them (its schema holds the same list). */
export const TIKTOK_PRIVACY_LEVELS = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"] as const;
export type TikTokPrivacyLevel = (typeof TIKTOK_PRIVACY_LEVELS)[number];
type ApiTikTokPrivacyLevel = NonNullable<RouterInputs["posts"]["create"]["targets"][number]["tiktok"]>["privacyLevel"];
// A level added to or dropped from the API's list fails to compile here, so the two cannot drift.
const _sameLevelsAsApi: [TikTokPrivacyLevel, ApiTikTokPrivacyLevel] extends [ApiTikTokPrivacyLevel, TikTokPrivacyLevel] ? true : never = true;

/** TikTok's own names for its audiences, as its posting guidelines ask apps to show them. */
export const TIKTOK_PRIVACY_LABELS: Record<TikTokPrivacyLevel, string> = {
  PUBLIC_TO_EVERYONE: "Everyone",
  MUTUAL_FOLLOW_FRIENDS: "Friends",
  FOLLOWER_OF_CREATOR: "Followers",
  SELF_ONLY: "Only me",
};

export function isTikTokPrivacyLevel(value: string): value is TikTokPrivacyLevel {
  return (TIKTOK_PRIVACY_LEVELS as readonly string[]).includes(value);
}

/** One account's variant: each part either follows the base post or overrides it. */
export interface VariantDraft {
  useBaseText: boolean;
  text: string;
  useBaseMedia: boolean;
  mediaIds: string[];
  useBaseFirstComment: boolean;
  firstComment: string;
  /** TikTok accounts: who can see the post. Unset until the user chooses (TikTok forbids a default). */
  tiktokPrivacy?: TikTokPrivacyLevel | null;
}

export const RECURRENCE_PRESETS = ["none", "daily", "weekly", "monthly", "custom"] as const;
export type RecurrencePreset = (typeof RECURRENCE_PRESETS)[number];

export interface ScheduleDraft {
  date: string;
  time: string;
  disambiguation: "earlier" | "later" | null;
  recurrence: RecurrencePreset;
  customRule: string;
  /** Optional end for presets: stop after this many posts. */
  count: string;
}

export interface ComposerDraft {
  content: string;
  mediaIds: string[];
  firstComment: string;
  labels: string[];
  campaignId: string | null;
  accountIds: string[];
  variants: Record<string, VariantDraft>;
  schedule: ScheduleDraft;
}

export function emptyVariant(): VariantDraft {
  return { useBaseText: true, text: "", useBaseMedia: true, mediaIds: [], useBaseFirstComment: true, firstComment: "" };
}

export function emptyDraft(prefill: { date?: string; time?: string; campaignId?: string } = {}): ComposerDraft {
  return {
    content: "",
    mediaIds: [],
    firstComment: "",
    labels: [],
    campaignId: prefill.campaignId ?? null,
    accountIds: [],
    variants: {},
    schedule: { date: prefill.date ?? "", time: prefill.time ?? "", disambiguation: null, recurrence: "none", customRule: "", count: "" },
  };
}

const WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/** The RRULE a preset means for the chosen first date (weekly on its weekday, monthly on its day). */
export function recurrenceRuleOf(schedule: ScheduleDraft): string | null {
  const count = /^\d+$/.test(schedule.count) && Number(schedule.count) > 0 ? `;COUNT=${Number(schedule.count)}` : "";
  switch (schedule.recurrence) {
    case "none":
      return null;
    case "daily":
      return `FREQ=DAILY${count}`;
    case "weekly":
      return schedule.date ? `FREQ=WEEKLY;BYDAY=${WEEKDAY_CODES[isoWeekday(schedule.date) - 1] ?? "MO"}${count}` : `FREQ=WEEKLY${count}`;
    case "monthly":
      return schedule.date ? `FREQ=MONTHLY;BYMONTHDAY=${Number(schedule.date.slice(8))}${count}` : `FREQ=MONTHLY${count}`;
    case "custom":
      return schedule.customRule.trim().replace(/^RRULE:/i, "") || null;
  }
}

/** Reads a stored rule back as a preset when it is one, so the form shows it the way it was made. */
function presetOf(rule: string | null, date: string): Pick<ScheduleDraft, "recurrence" | "customRule" | "count"> {
  if (!rule) return { recurrence: "none", customRule: "", count: "" };
  const countMatch = /;COUNT=(\d+)$/.exec(rule);
  const count = countMatch?.[1] ?? "";
  const body = countMatch ? rule.slice(0, countMatch.index) : rule;
  for (const preset of ["daily", "weekly", "monthly"] as const) {
    if (recurrenceRuleOf({ date, time: "", disambiguation: null, recurrence: preset, customRule: "", count: "" }) === body) return { recurrence: preset, customRule: "", count };
  }
  return { recurrence: "custom", customRule: rule, count: "" };
}

/** The parts of a post (posts.get) the form edits. */
export type PostForDraft = Pick<PostDetail, "content" | "mediaIds" | "firstComment" | "labels" | "campaignId" | "localTime" | "recurrenceRule"> & {
  targets: readonly (Pick<PostTargetDetail, "socialAccountId" | "variantContent" | "useBaseMedia" | "variantMediaIds" | "variantFirstComment"> & { tiktok?: { privacyLevel: TikTokPrivacyLevel } | null })[];
};

/** An existing post as the form edits it. */
export function draftFromPost(post: PostForDraft): ComposerDraft {
  const variants: Record<string, VariantDraft> = {};
  for (const target of post.targets) {
    variants[target.socialAccountId] = {
      useBaseText: target.variantContent === null,
      text: target.variantContent ?? "",
      useBaseMedia: target.useBaseMedia,
      mediaIds: target.variantMediaIds,
      useBaseFirstComment: target.variantFirstComment === null,
      firstComment: target.variantFirstComment ?? "",
      ...(target.tiktok ? { tiktokPrivacy: target.tiktok.privacyLevel } : {}),
    };
  }
  const date = post.localTime ? datePart(post.localTime) : "";
  return {
    content: post.content,
    mediaIds: post.mediaIds,
    firstComment: post.firstComment ?? "",
    labels: post.labels,
    campaignId: post.campaignId,
    accountIds: post.targets.map((t) => t.socialAccountId),
    variants,
    schedule: { date, time: post.localTime ? timePart(post.localTime) : "", disambiguation: null, ...presetOf(post.recurrenceRule, date) },
  };
}

export function variantOf(draft: ComposerDraft, accountId: string): VariantDraft {
  return draft.variants[accountId] ?? emptyVariant();
}

/** What one account would publish. */
export function effectiveContent(draft: ComposerDraft, accountId: string): { text: string; mediaIds: string[]; firstComment: string } {
  const variant = variantOf(draft, accountId);
  return {
    text: variant.useBaseText ? draft.content : variant.text,
    mediaIds: variant.useBaseMedia ? draft.mediaIds : variant.mediaIds,
    firstComment: variant.useBaseFirstComment ? draft.firstComment : variant.firstComment,
  };
}

export function hasScheduleTime(schedule: ScheduleDraft): boolean {
  return schedule.date !== "" && schedule.time !== "";
}

export interface ScheduleInput {
  timezone: string;
  localTime: string;
  disambiguation?: "earlier" | "later";
  recurrenceRule: string | null;
}

export function scheduleInputOf(draft: ComposerDraft, timezone: string): ScheduleInput | null {
  if (!hasScheduleTime(draft.schedule)) return null;
  return {
    timezone,
    localTime: combine(draft.schedule.date, draft.schedule.time),
    disambiguation: draft.schedule.disambiguation ?? undefined,
    recurrenceRule: recurrenceRuleOf(draft.schedule),
  };
}

/** The fields posts.create / posts.update take (intent and id added by the caller). */
export function postFieldsOf(draft: ComposerDraft, timezone: string) {
  return {
    content: draft.content,
    mediaIds: draft.mediaIds,
    firstComment: draft.firstComment.trim() ? draft.firstComment : null,
    labels: draft.labels,
    campaignId: draft.campaignId,
    targets: draft.accountIds.map((socialAccountId) => {
      const variant = variantOf(draft, socialAccountId);
      return {
        socialAccountId,
        variantContent: variant.useBaseText ? null : variant.text,
        variantMediaIds: variant.useBaseMedia ? [] : variant.mediaIds,
        useBaseMedia: variant.useBaseMedia,
        variantFirstComment: variant.useBaseFirstComment ? null : variant.firstComment,
        ...(variant.tiktokPrivacy ? { tiktok: { privacyLevel: variant.tiktokPrivacy } } : {}),
      };
    }),
    schedule: scheduleInputOf(draft, timezone),
  };
}
