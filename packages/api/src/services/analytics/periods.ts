/** "YYYY-MM-DD" of an instant in UTC (the day AccountMetric rows and daily series are keyed by). */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The last `days` UTC days, oldest first, ending today. */
export function lastUtcDays(days: number, now: Date = new Date()): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => utcDay(new Date(today - (days - 1 - i) * 86_400_000)));
}

/** Start (00:00 UTC) of the first of the last `days` days. */
export function windowStart(days: number, now: Date = new Date()): Date {
  return new Date(`${lastUtcDays(days, now)[0] ?? utcDay(now)}T00:00:00.000Z`);
}
