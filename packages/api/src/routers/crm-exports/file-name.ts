/** The day of an export in its file name (UTC, as analytics exports name theirs). */
export function utcDay(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
