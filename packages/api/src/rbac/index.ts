/**
 * Roles and permissions (seed 002 RBAC). This file is the only place that says which role may do
 * what; procedures name a permission and `can()` answers.
 */
export const ROLES = ["OWNER", "ADMIN", "CONTENT_MANAGER", "CONTENT_EDITOR", "ANALYST", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "organization.read",
  "settings.read",
  "settings.update",
  "clients.read",
  "clients.create",
  "users.read",
  "users.invite",
  "users.change_role",
  "users.delete",
  "audit.read",
  "accounts.manage",
  "media.upload",
  "media.delete",
  "posts.read",
  "posts.create",
  "posts.edit_own",
  "posts.update",
  "posts.delete",
  "posts.schedule",
  "posts.publish",
  "campaigns.read",
  "campaigns.manage",
  "analytics.view_basic",
  "analytics.view_detailed",
  "analytics.export",
  // CRM (docs/crm.md)
  "contacts.read",
  "contacts.create",
  "contacts.update",
  "contacts.delete",
  "contacts.export",
  "contacts.merge",
  "contacts.import",
  "companies.read",
  "companies.create",
  "companies.update",
  "companies.delete",
  "companies.export",
  "companies.merge",
  "deals.read",
  "deals.create",
  "deals.update",
  "deals.delete",
  "deals.export",
  "tasks.read",
  "tasks.create",
  "tasks.update",
  "tasks.delete",
  "crm_settings.read",
  "crm_settings.manage",
  // Lead capture (docs/lead-capture.md)
  "pages.read",
  "pages.edit",
  "pages.publish",
  "forms.read",
  "forms.edit",
  "forms.export",
  "links.read",
  "links.edit",
  "scoring.read",
  "scoring.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Billing permissions come with billing itself: a permission that gates nothing is a promise the
// product does not keep (test/rbac-permissions.test.ts fails for any permission nothing checks).
/** Reading the CRM: contacts, companies, deals, tasks and its settings (pipelines, fields). */
const CRM_READ: Permission[] = ["contacts.read", "companies.read", "deals.read", "tasks.read", "crm_settings.read"];
const CRM_ALL: Permission[] = PERMISSIONS.filter((p) => /^(contacts|companies|deals|tasks|crm_settings)\./.test(p));
/** Which permission exports which CRM object (a CSV export, its file and its place in Exports). */
export const CRM_EXPORT_PERMISSIONS = { CONTACT: "contacts.export", COMPANY: "companies.export", DEAL: "deals.export" } as const satisfies Record<string, Permission>;
const CRM_EXPORT: Permission[] = Object.values(CRM_EXPORT_PERMISSIONS);
/** Reading pages, forms and links with their stats, and how scores are made. */
const LEAD_CAPTURE_READ: Permission[] = ["pages.read", "forms.read", "links.read", "scoring.read"];
/** Building pages, forms and links (publishing a page is scheduling-level: `pages.publish`). */
const LEAD_CAPTURE_BUILD: Permission[] = ["pages.edit", "forms.edit", "links.edit"];
const VIEWER: Permission[] = ["organization.read", "settings.read", "clients.read", "users.read", "posts.read", "campaigns.read", "analytics.view_basic", ...CRM_READ, ...LEAD_CAPTURE_READ];
/** The overview, plus per-post and per-account numbers and the CSV export of them; CRM exports. */
const ANALYST: Permission[] = [...VIEWER, "analytics.view_detailed", "analytics.export", ...CRM_EXPORT, "forms.export"];
/** Content roles read the CRM's contacts (audiences), not its pipeline. */
const CONTENT_BASE: Permission[] = ["organization.read", "settings.read", "clients.read", "users.read", "posts.read", "campaigns.read", "analytics.view_basic", "contacts.read", ...LEAD_CAPTURE_READ];
const CONTENT_EDITOR: Permission[] = [...CONTENT_BASE, "posts.create", "posts.edit_own", "media.upload", ...LEAD_CAPTURE_BUILD];
const CONTENT_MANAGER: Permission[] = [
  ...CONTENT_EDITOR,
  "accounts.manage",
  "media.delete",
  "posts.update",
  "posts.delete",
  "posts.schedule",
  "posts.publish",
  "campaigns.manage",
  "analytics.view_detailed",
  "pages.publish",
];
const ADMIN: Permission[] = [
  ...new Set<Permission>([
    ...CONTENT_MANAGER,
    ...ANALYST,
    "settings.update",
    "clients.create",
    "users.invite",
    "users.change_role",
    "users.delete",
    "audit.read",
    ...CRM_ALL,
    "scoring.manage",
  ]),
];
const OWNER: Permission[] = [...PERMISSIONS];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  OWNER: new Set(OWNER),
  ADMIN: new Set(ADMIN),
  CONTENT_MANAGER: new Set(CONTENT_MANAGER),
  CONTENT_EDITOR: new Set(CONTENT_EDITOR),
  ANALYST: new Set(ANALYST),
  VIEWER: new Set(VIEWER),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** Higher rank = more authority. Used so nobody can grant a role above their own. */
export const ROLE_RANK: Record<Role, number> = {
  OWNER: 60,
  ADMIN: 50,
  CONTENT_MANAGER: 40,
  ANALYST: 30,
  CONTENT_EDITOR: 20,
  VIEWER: 10,
};

export function canAssignRole(actor: Role, target: Role): boolean {
  return actor === "OWNER" || ROLE_RANK[actor] > ROLE_RANK[target];
}

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  CONTENT_MANAGER: "Content manager",
  CONTENT_EDITOR: "Content editor",
  ANALYST: "Analyst",
  VIEWER: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  OWNER: "Everything, including making other owners.",
  ADMIN: "Manages members, settings and all content.",
  CONTENT_MANAGER: "Creates, schedules and publishes all content; runs campaigns.",
  CONTENT_EDITOR: "Writes drafts and edits their own posts.",
  ANALYST: "Reads detailed analytics (per post, per account) and the CRM, and exports them as CSV.",
  VIEWER: "Read-only access, with the analytics overview and the CRM.",
};

/** The roles that hold a permission, most senior first. */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((role) => can(role, permission));
}

/** "owners and admins" — for messages that say who may do something, derived from the matrix. */
export function describeRolesWith(permission: Permission): string {
  const names = rolesWith(permission).map((role) => `${ROLE_LABELS[role].toLowerCase()}s`);
  return names.length <= 1 ? (names[0] ?? "nobody") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * Permissions whose procedures only take the organization's data out (exports). A suspended or
 * archived organization is frozen for every other mutation, never for these: its data stays its own.
 */
const DATA_TAKEOUT: ReadonlySet<Permission> = new Set<Permission>(["analytics.export", ...CRM_EXPORT, "forms.export"]);

export function takesDataOut(permission: Permission): boolean {
  return DATA_TAKEOUT.has(permission);
}
