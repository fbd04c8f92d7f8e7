export { lockPage, publishContent, unpublishPage, type PublishInput } from "./publishing";
export { applyPageSchedule, type PageScheduleInput, type PageScheduleResult } from "./page-schedule";
