import { materializeRecurrences } from "@mg/jobs/publishing";

/**
 * Creates the upcoming occurrences of a recurring post (the daily job extends them later). Runs
 * after commit: it reads the series as committed and schedules each occurrence's publish run.
 */
export async function materializeSeriesAfterCommit(organizationId: string, seriesId: string): Promise<void> {
  await materializeRecurrences({ organizationId, seriesId });
}
