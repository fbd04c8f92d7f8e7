/**
 * Timestamps travel to set-based statements as ISO text (`…::text[]`, then
 * `::timestamptz AT TIME ZONE 'UTC'` into the UTC `timestamp(3)` columns): an array whose first
 * element is null gives the driver no type to format dates by.
 */
export function toTimestampArray(dates: readonly (Date | null)[]): (string | null)[] {
  return dates.map((d) => (d ? d.toISOString() : null));
}
