/** What apps/marketing-site (and the landing pages' Form block) use of the lead forms. */
export {
  confirmPageResponse,
  confirmPostResponse,
  embedScriptResponse,
  formsCssResponse,
  formsScriptResponse,
  hostedFormResponse,
  submitResponse,
  thanksResponse,
} from "./http";
export { formForPage, renderContextFor, SUBMIT_PATH } from "./render";
export { withPublicFormOrgById, withPublicFormOrgBySlug, type PublicOrganization } from "./public-entry";
