import { createCallerFactory, createTRPCRouter } from "./trpc/init";
import { auditRouter } from "./routers/audit";
import { accountRouter } from "./routers/account";
import { authRouter } from "./routers/auth";
import { membersRouter } from "./routers/members";
import { organizationRouter } from "./routers/organization";
import { socialAccountsRouter } from "./routers/social-accounts";
import { queueSlotsRouter } from "./routers/queue-slots";
import { mediaRouter } from "./routers/media";
import { campaignsRouter } from "./routers/campaigns";
import { abTestsRouter } from "./routers/ab-tests";
import { analyticsRouter } from "./routers/analytics";
import { alertsRouter } from "./routers/alerts";
import { hashtagsRouter } from "./routers/hashtags";
import { postsRouter } from "./routers/posts";
import { platformRouter } from "./routers/platform";
import { contactsRouter } from "./routers/contacts";
import { companiesRouter } from "./routers/companies";
import { crmSettingsRouter } from "./routers/crm-settings";
import { pipelinesRouter } from "./routers/pipelines";
import { dealsRouter } from "./routers/deals";
import { tasksRouter } from "./routers/tasks";
import { segmentsRouter } from "./routers/segments";
import { contactListsRouter } from "./routers/contact-lists";
import { contactImportsRouter } from "./routers/contact-imports";
import { duplicatesRouter } from "./routers/duplicates";
import { crmExportsRouter } from "./routers/crm-exports";
import { linksRouter } from "./routers/links";
import { pagesRouter } from "./routers/pages";
import { formsRouter } from "./routers/forms";
import { scoringRouter } from "./routers/scoring";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  organization: organizationRouter,
  members: membersRouter,
  audit: auditRouter,
  socialAccounts: socialAccountsRouter,
  queueSlots: queueSlotsRouter,
  media: mediaRouter,
  campaigns: campaignsRouter,
  abTests: abTestsRouter,
  analytics: analyticsRouter,
  alerts: alertsRouter,
  hashtags: hashtagsRouter,
  posts: postsRouter,
  platform: platformRouter,
  contacts: contactsRouter,
  companies: companiesRouter,
  crmSettings: crmSettingsRouter,
  pipelines: pipelinesRouter,
  deals: dealsRouter,
  tasks: tasksRouter,
  segments: segmentsRouter,
  contactLists: contactListsRouter,
  contactImports: contactImportsRouter,
  duplicates: duplicatesRouter,
  crmExports: crmExportsRouter,
  links: linksRouter,
  pages: pagesRouter,
  forms: formsRouter,
  scoring: scoringRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
