/** The API's one doorway to the job engine: events are sent after commit, through the outbox. */
export { sendEvent } from "@mg/jobs";
