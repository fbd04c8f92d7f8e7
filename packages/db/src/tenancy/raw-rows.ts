import { ColumnTypeEnum, type ArgType, type ColumnType, type SqlQuery, type SqlResultSet } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { Prisma } from "../generated/prisma/client";

/**
 * What Prisma's `$queryRaw` does around the driver, without its query pipeline — twice: over the
 * driver adapter (`toSqlQuery`/`toRows`, for a statement inside a Prisma transaction) and over
 * pg itself (`pgQuery`, for the read path and the access lookup, which skip the adapter too).
 * Either way bound values go as `$queryRaw` sends them (a Date as a UTC timestamp) and each row is
 * an object whose values have the JavaScript types `$queryRaw` gives (Date, BigInt, Decimal,
 * parsed JSON, Uint8Array). `test/raw-rows.test.ts` holds all three to the same answer for every
 * column type.
 */
export function toSqlQuery(query: Prisma.Sql): SqlQuery {
  return { sql: query.text, args: query.values, argTypes: query.values.map(argType) };
}

function scalarType(value: unknown): ArgType["scalarType"] {
  if (value instanceof Date) return "datetime";
  if (value instanceof Uint8Array) return "bytes";
  if (typeof value === "bigint") return "bigint";
  if (typeof value === "number") return "decimal";
  if (typeof value === "string") return "string";
  if (Prisma.Decimal.isDecimal(value)) return "decimal";
  return "unknown";
}

function argType(value: unknown): ArgType {
  if (Array.isArray(value)) return { scalarType: value.length > 0 ? scalarType(value[0]) : "unknown", arity: "list" };
  return { scalarType: scalarType(value), arity: "scalar" };
}

type Convert = (value: unknown) => unknown;
const each = (convert: Convert): Convert => (value) => (Array.isArray(value) ? value.map((v) => (v === null ? null : convert(v))) : value);
const text = (value: unknown) => String(value);

const bigint: Convert = (value) => BigInt(text(value));
const decimal: Convert = (value) => new Prisma.Decimal(text(value));
const date: Convert = (value) => new Date(text(value));
const time: Convert = (value) => new Date(`1970-01-01T${text(value)}Z`);
const json: Convert = (value) => (typeof value === "string" ? JSON.parse(value) : value);
const bytes: Convert = (value) => (value instanceof Uint8Array ? new Uint8Array(value) : value);

const CONVERSIONS: Partial<Record<ColumnType, Convert>> = {
  [ColumnTypeEnum.Int64]: bigint,
  [ColumnTypeEnum.Numeric]: decimal,
  [ColumnTypeEnum.Date]: date,
  [ColumnTypeEnum.DateTime]: date,
  [ColumnTypeEnum.Time]: time,
  [ColumnTypeEnum.Json]: json,
  [ColumnTypeEnum.Bytes]: bytes,
  [ColumnTypeEnum.Int64Array]: each(bigint),
  [ColumnTypeEnum.NumericArray]: each(decimal),
  [ColumnTypeEnum.DateArray]: each(date),
  [ColumnTypeEnum.DateTimeArray]: each(date),
  [ColumnTypeEnum.TimeArray]: each(time),
  [ColumnTypeEnum.JsonArray]: each(json),
  [ColumnTypeEnum.BytesArray]: each(bytes),
};

export function toRows<T>(result: SqlResultSet): T[] {
  const { columnNames, columnTypes } = result;
  const converts = columnTypes.map((type) => CONVERSIONS[type]);
  return result.rows.map((values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columnNames.length; i++) {
      const value = values[i] ?? null;
      const convert = converts[i];
      row[columnNames[i] ?? `?column?${i}`] = value === null || !convert ? value : convert(value);
    }
    return row as T;
  });
}

// pg itself: the same values, parsed as @prisma/adapter-pg parses them and typed as `$queryRaw` types them.
const OID = {
  int8: 20,
  int8Array: 1016,
  numeric: 1700,
  numericArray: 1231,
  timestamp: 1114,
  timestampArray: 1115,
  timestamptz: 1184,
  timestamptzArray: 1185,
  date: 1082,
  dateArray: 1182,
  time: 1083,
  timeArray: 1183,
  timetz: 1266,
  bytea: 17,
  byteaArray: 1001,
  textArray: 1009,
} as const;

type Parse = (value: string) => unknown;
/** pg's own parser for any type id (its typings list only the scalar built-ins). */
const pgParser = (oid: number, format?: string) => (pg.types.getTypeParser as (oid: number, format?: string) => Parse)(oid, format);
const textArray = pgParser(OID.textArray) as (value: string) => (string | null)[];
const arrayOf = (parse: Parse): Parse => (value) => textArray(value).map((v) => (v === null ? null : parse(v)));
const parseTimestamp: Parse = (value) => new Date(`${value.replace(" ", "T")}+00:00`);
// As the adapter does: the session's offset is replaced, not applied (its sessions run in UTC).
const parseTimestamptz: Parse = (value) => new Date(value.replace(" ", "T").replace(/[+-]\d{2}(:\d{2})?$/, "+00:00"));
const parseTime: Parse = (value) => new Date(`1970-01-01T${value}Z`);
const parseBytea = pgParser(OID.bytea) as (value: string) => Buffer;
const parseByteaArray = pgParser(OID.byteaArray) as (value: string) => (Buffer | null)[];
const toBytes = (buffer: Buffer) => new Uint8Array(buffer);

const PARSERS: Record<number, Parse> = {
  [OID.int8]: (value) => BigInt(value),
  [OID.int8Array]: arrayOf((value) => BigInt(value)),
  [OID.numeric]: (value) => new Prisma.Decimal(value),
  [OID.numericArray]: arrayOf((value) => new Prisma.Decimal(value)),
  [OID.timestamp]: parseTimestamp,
  [OID.timestampArray]: arrayOf(parseTimestamp),
  [OID.timestamptz]: parseTimestamptz,
  [OID.timestamptzArray]: arrayOf(parseTimestamptz),
  [OID.date]: (value) => new Date(value),
  [OID.dateArray]: arrayOf((value) => new Date(value)),
  [OID.time]: parseTime,
  [OID.timeArray]: arrayOf(parseTime),
  [OID.timetz]: (value) => parseTime(value.replace(/[+-]\d{2}(:\d{2})?$/, "")),
  [OID.bytea]: (value) => toBytes(parseBytea(value)),
  [OID.byteaArray]: (value) => parseByteaArray(value).map((b) => (b === null ? null : toBytes(b))),
};

const PRISMA_TYPES = {
  getTypeParser: (oid: number, format?: string) => (format !== "binary" && PARSERS[oid]) || pgParser(oid, format),
};

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
/** A Date as `$queryRaw` binds it: the UTC wall time, without an offset. */
function utcTimestamp(date: Date): string {
  const ms = date.getUTCMilliseconds();
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ""}`;
}

function pgValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(pgValue);
  if (value instanceof Date) return utcTimestamp(value);
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Prisma.Decimal.isDecimal(value)) return value.toString();
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

/** The statement for pg's `client.query`: values bound as `$queryRaw` binds them, rows typed as it types them. */
export function pgQuery(query: Prisma.Sql): pg.QueryConfig & { types: typeof PRISMA_TYPES } {
  return { text: query.text, values: query.values.map(pgValue), types: PRISMA_TYPES };
}
