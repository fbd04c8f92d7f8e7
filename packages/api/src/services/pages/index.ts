export type { PagesContext } from "./context";
export { createPage, deletePage, duplicatePage, restorePage, saveDraft, updatePageSettings } from "./drafts";
export { getPage, listPages, listTemplates, listVersions } from "./queries";
export { publishPage, rollbackPage, schedulePage, unpublish } from "./publishing";
