import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type CalendarPost = RouterOutputs["posts"]["list"][number];
export type PostListItem = RouterOutputs["posts"]["search"]["items"][number];
export type PostDetail = RouterOutputs["posts"]["get"];
export type PostTargetDetail = PostDetail["targets"][number];
export type SocialAccountView = RouterOutputs["socialAccounts"]["list"][number];
export type NetworkInfo = RouterOutputs["socialAccounts"]["networks"][number];
export type MediaItem = RouterOutputs["media"]["list"]["items"][number];
export type CampaignView = RouterOutputs["campaigns"]["list"][number];
export type PostStatus = CalendarPost["status"];
export type TargetStatus = CalendarPost["targets"][number]["status"];
export type NetworkId = SocialAccountView["network"];
