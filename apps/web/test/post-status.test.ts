import { describe, expect, it } from "vitest";
import { PostStatus } from "@mg/db";
import { readCalendarParams } from "~/app/[orgSlug]/calendar/calendar-model";
import { STATUS_OPTIONS, statusLabel } from "~/components/posts/post-status-labels";

/** Every status the API can answer is shown in words and can be filtered on — the unconfirmed one included. */
describe("post statuses in the app", () => {
  it("names every status in customer words; an unconfirmed post says so", () => {
    for (const status of Object.values(PostStatus)) expect(statusLabel(status)).not.toMatch(/^[A-Z_]+$/);
    expect(statusLabel("OUTCOME_UNKNOWN")).toBe("Not confirmed");
  });

  it("offers every status as a filter, on the posts list and the calendar (whose URL keeps it)", () => {
    expect(STATUS_OPTIONS.map((o) => o.value).sort()).toEqual(Object.values(PostStatus).sort());
    const statuses = new Set(STATUS_OPTIONS.map((o) => o.value));
    const read = readCalendarParams(new URLSearchParams("statuses=OUTCOME_UNKNOWN"), { today: "2026-03-11", defaultView: "month", statuses });
    expect(read.filters.statuses).toEqual(["OUTCOME_UNKNOWN"]);
  });
});
