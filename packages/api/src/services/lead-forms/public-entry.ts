/**
 * How the public form surfaces enter an organization: the lead capture's one public entry
 * (services/lead-capture/public-entry.ts), under the names the forms code uses.
 */
export { withLiveOrganization as withPublicFormOrgById, withLiveOrganizationBySlug as withPublicFormOrgBySlug, type LivePublicOrganization as PublicOrganization } from "../lead-capture/public-entry";
