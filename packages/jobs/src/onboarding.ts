/**
 * The default onboarding checklist every new organization gets. Keys are stable identifiers the
 * app uses to mark tasks done; titles are what the checklist shows.
 */
export const DEFAULT_ONBOARDING_TASKS = [
  { key: "connect-social-account", title: "Connect a social account" },
  { key: "invite-teammate", title: "Invite a teammate" },
  { key: "set-timezone", title: "Set your time zone" },
  { key: "create-landing-page", title: "Create your first landing page" },
  { key: "schedule-first-post", title: "Schedule your first post" },
] as const;

export type OnboardingTaskKey = (typeof DEFAULT_ONBOARDING_TASKS)[number]["key"];
