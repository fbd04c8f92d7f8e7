import type { Prisma } from "../generated/prisma/client";

/**
 * Every tenant-owned model. Each has an `organizationId` column, RLS on its table and an
 * index leading with `organization_id`. A test checks this list against the schema, and
 * `migration:new` adds RLS to every table it creates for a model listed here.
 */
export const TENANT_MODELS = [
  "Membership",
  "Invitation",
  "AuditLog",
  "OnboardingTask",
  "SocialAccount",
  "OAuthConnectState",
  "MediaAsset",
  "Campaign",
  "Post",
  "PostTarget",
  "PublishLedger",
  "QueueSlot",
  "AbTest",
  "PostMetric",
  "AccountMetric",
  "Alert",
  "ImportBatch",
  // CRM (docs/crm.md)
  "CrmSettings",
  "Company",
  "Contact",
  "ContactEmail",
  "ContactPhone",
  "ConsentRecord",
  "CustomFieldDefinition",
  "CustomFieldValue",
  "Activity",
  "Pipeline",
  "PipelineStage",
  "Deal",
  "DealContact",
  "DealStageChange",
  "Task",
  "ContactList",
  "ContactListMember",
  "Segment",
  "CrmSavedView",
  "ContactImport",
  "ContactImportChange",
  "CrmMerge",
  "CrmExport",
  "CrmExportPart",
  "DuplicateCandidate",
  // Lead capture (docs/lead-capture.md)
  "LandingPage",
  "LandingPageVersion",
  "LeadForm",
  "FormSubmission",
  "FormRefusalCount",
  "TrackedLink",
  "Visit",
  "LeadCaptureSettings",
  "LeadScore",
  "ScoreRule",
  "ScoreLedger",
  "ContactScore",
  "ScoringModel",
  "ScoreRecompute",
] as const satisfies readonly Prisma.ModelName[];

/** The tenant root: scoped by its own id (and, for agencies, its clients' parentId). */
export const ORGANIZATION_MODEL = "Organization" as const satisfies Prisma.ModelName;

/** Models that only the system client may touch (never reachable through the app role): jobs and auth. */
export const SYSTEM_MODELS = ["LinkCode", "EventOutbox", "DevMail", "SandboxPost", "Session", "Account", "VerificationToken", "EmailVerification"] as const satisfies readonly Prisma.ModelName[];

export type TenantModel = (typeof TENANT_MODELS)[number];

const tenantSet = new Set<string>(TENANT_MODELS);
const systemSet = new Set<string>(SYSTEM_MODELS);

export function isTenantModel(model: string | undefined): model is TenantModel {
  return model !== undefined && tenantSet.has(model);
}

export function isOrganizationModel(model: string | undefined): boolean {
  return model === ORGANIZATION_MODEL;
}

export function isSystemModel(model: string | undefined): boolean {
  return model !== undefined && systemSet.has(model);
}

/** Maps a model name to its table, for the RLS SQL that migrations generate. */
export const TENANT_TABLES: Record<TenantModel, string> = {
  Membership: "memberships",
  Invitation: "invitations",
  AuditLog: "audit_logs",
  OnboardingTask: "onboarding_tasks",
  SocialAccount: "social_accounts",
  OAuthConnectState: "oauth_connect_states",
  MediaAsset: "media_assets",
  Campaign: "campaigns",
  Post: "posts",
  PostTarget: "post_targets",
  PublishLedger: "publish_ledger",
  QueueSlot: "queue_slots",
  AbTest: "ab_tests",
  PostMetric: "post_metrics",
  AccountMetric: "account_metrics",
  Alert: "alerts",
  ImportBatch: "import_batches",
  CrmSettings: "crm_settings",
  Company: "companies",
  Contact: "contacts",
  ContactEmail: "contact_emails",
  ContactPhone: "contact_phones",
  ConsentRecord: "consent_records",
  CustomFieldDefinition: "custom_field_definitions",
  CustomFieldValue: "custom_field_values",
  Activity: "activities",
  Pipeline: "pipelines",
  PipelineStage: "pipeline_stages",
  Deal: "deals",
  DealContact: "deal_contacts",
  DealStageChange: "deal_stage_changes",
  Task: "tasks",
  ContactList: "contact_lists",
  ContactListMember: "contact_list_members",
  Segment: "segments",
  CrmSavedView: "crm_saved_views",
  ContactImport: "contact_imports",
  ContactImportChange: "contact_import_changes",
  CrmExport: "crm_exports",
  CrmExportPart: "crm_export_parts",
  CrmMerge: "crm_merges",
  DuplicateCandidate: "duplicate_candidates",
  LandingPage: "landing_pages",
  LandingPageVersion: "landing_page_versions",
  LeadForm: "lead_forms",
  FormSubmission: "form_submissions",
  FormRefusalCount: "form_refusal_counts",
  TrackedLink: "tracked_links",
  Visit: "visits",
  LeadCaptureSettings: "lead_capture_settings",
  LeadScore: "lead_scores",
  ScoreRule: "score_rules",
  ScoreLedger: "score_ledger",
  ContactScore: "contact_scores",
  ScoringModel: "scoring_models",
  ScoreRecompute: "score_recomputes",
};

/** The transaction-local settings the RLS policies read. */
export const RLS_ORG_SETTING = "app.current_organization_id";
export const RLS_USER_SETTING = "app.current_user_id";
