import { TRPCError, type TRPCCombinedDataTransformer } from "@trpc/server";
import superjson from "superjson";
import { ZodRealError } from "zod";
import { MEDIA_LIMITS } from "@mg/integrations/media/limits";
import { MAX_IMPORT_BYTES as MAX_CONTACT_IMPORT_BYTES } from "../schemas/crm/contact-import";
import { MAX_IMPORT_BYTES } from "../schemas/posts";
import { readableZodMessage } from "./errors";

/**
 * The one place that refuses, before any schema or database sees it, input that PostgreSQL cannot
 * store or that costs more to read than any real request: characters text columns cannot hold,
 * strings longer than anything the API accepts, structures nested or sized beyond any real form.
 * Per-field limits stay in the zod schemas (`packages/api/src/schemas`); this is the floor under them.
 */

const MiB = 1024 * 1024;

export const INPUT_LIMITS = {
  /** Deeper than any input schema (the deepest is about 5 levels, superjson's meta adds 2). */
  maxDepth: 32,
  /** Strings, numbers, arrays and objects in one procedure's input. */
  maxNodes: 50_000,
  /** Longest single string a procedure takes unless listed in LARGE_INPUTS. */
  maxStringLength: 65_536,
  /** A JSON request body (a batch of calls included). */
  maxBodyBytes: 4 * MiB,
} as const;

/**
 * Procedures whose input is legitimately larger than the defaults, and by how much. The boundary
 * tests check every path here exists and that no schema allows more than its procedure's limit.
 */
export const LARGE_INPUTS: Readonly<Record<string, { maxStringLength?: number; maxBodyBytes: number }>> = {
  // A whole CSV file as one string; JSON escaping (quotes, newlines) at most doubles its bytes.
  "posts.importCsv": { maxStringLength: MAX_IMPORT_BYTES, maxBodyBytes: 2 * MAX_IMPORT_BYTES + MiB },
  "contactImports.preview": { maxStringLength: MAX_CONTACT_IMPORT_BYTES, maxBodyBytes: 2 * MAX_CONTACT_IMPORT_BYTES + MiB },
  // One file in a FormData body.
  "media.upload": { maxBodyBytes: MEDIA_LIMITS.maxVideoBytes + MiB },
};

export function inputLimitsFor(path: string): { maxStringLength: number; maxBodyBytes: number } {
  const large = LARGE_INPUTS[path];
  return {
    maxStringLength: large?.maxStringLength ?? INPUT_LIMITS.maxStringLength,
    maxBodyBytes: large?.maxBodyBytes ?? INPUT_LIMITS.maxBodyBytes,
  };
}

// U+0000 cannot be stored in a PostgreSQL text column at all. The other C0 controls can, but no
// form field means them and they break CSV exports, terminals and the networks' APIs; tab, line
// feed and carriage return are ordinary text.
// eslint-disable-next-line no-control-regex -- finding these characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// Half of a surrogate pair: not a character, and what the database stores instead is U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Why a string cannot be accepted, or null. */
export function stringProblem(value: string, maxLength: number): string | null {
  if (value.length > maxLength) return `Use at most ${maxLength.toLocaleString("en-US")} characters.`;
  const control = CONTROL_CHARACTER.exec(value);
  if (control) {
    const name = control[0] === "\u0000" ? `a NUL character, ${codePoint(control[0])}` : `the control character ${codePoint(control[0])}`;
    return `Contains a character that cannot be saved (${name}). Remove it and try again.`;
  }
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) return `Contains broken text (an unpaired surrogate, ${codePoint(surrogate[0])}). Retype or paste it again.`;
  return null;
}

function refuse(message: string): never {
  throw new TRPCError({ code: "BAD_REQUEST", message });
}

function tooDeep(): never {
  refuse(`The request is nested too deeply (more than ${INPUT_LIMITS.maxDepth} levels).`);
}

function tooMany(): never {
  refuse(`The request holds too many values (more than ${INPUT_LIMITS.maxNodes.toLocaleString("en-US")}).`);
}

interface Frame {
  value: unknown;
  path: PropertyKey[];
  depth: number;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The values inside a container, with the path each is found at. */
function childrenOf(value: object, path: PropertyKey[]): [PropertyKey[], unknown][] {
  if (Array.isArray(value)) return value.map((item, index) => [[...path, index], item]);
  if (value instanceof FormData) {
    return [...value.entries()].map(([key, entry]) => (typeof entry === "string" ? [[...path, key], entry] : [[...path, key, "name"], entry.name]));
  }
  if (value instanceof Map) return [...value.entries()].flatMap(([key, entry]) => [[[...path, "key"], key], [[...path, typeof key === "string" ? key : "value"], entry]]);
  if (value instanceof Set) return [...value].map((entry, index) => [[...path, index], entry]);
  if (isPlainObject(value)) return Object.entries(value).flatMap(([key, entry]) => [[[...path, "(field name)"], key], [[...path, key], entry]]);
  // Dates, files, URLs and other class instances hold no free text the schemas would store.
  return [];
}

/**
 * Walks a value without recursion (a crafted input must not exhaust the stack), refusing it past
 * the depth or size caps; `visit` sees every string with its path.
 */
function walk(root: unknown, visit: (value: string, path: PropertyKey[]) => void): void {
  const stack: Frame[] = [{ value: root, path: [], depth: 0 }];
  const seen = new Set<object>();
  let nodes = 0;
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    nodes += 1;
    if (nodes > INPUT_LIMITS.maxNodes) tooMany();
    const { value, path, depth } = frame;
    if (typeof value === "string") {
      visit(value, path);
      continue;
    }
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (depth >= INPUT_LIMITS.maxDepth) tooDeep();
    const children = childrenOf(value, path);
    for (let i = children.length - 1; i >= 0; i -= 1) {
      const child = children[i];
      if (child) stack.push({ value: child[1], path: child[0], depth: depth + 1 });
    }
  }
}

const MAX_REPORTED = 5;

/**
 * Refuses a procedure's raw input (before `.input()` parsing) when a string in it cannot be
 * stored or is longer than the procedure takes: BAD_REQUEST naming each field, with the problems
 * as a ZodError so forms show them next to their fields like any other validation message.
 */
export function guardInput(raw: unknown, path: string): void {
  const { maxStringLength } = inputLimitsFor(path);
  const issues: { code: "custom"; path: PropertyKey[]; message: string; input: string }[] = [];
  walk(raw, (value, at) => {
    if (issues.length >= MAX_REPORTED) return;
    const problem = stringProblem(value, maxStringLength);
    // What was sent is not echoed back: it is the part that could not be handled.
    if (problem) issues.push({ code: "custom", path: at, message: problem, input: "" });
  });
  if (issues.length === 0) return;
  // ZodRealError, not ZodError: only the former is an Error, which TRPCError keeps as its cause as it is.
  const error = new ZodRealError(issues);
  throw new TRPCError({ code: "BAD_REQUEST", message: readableZodMessage(error), cause: error });
}

/** Refuses a value nested deeper or holding more values than any request needs (iteratively). */
export function assertInputShape(value: unknown): void {
  walk(value, () => undefined);
}

/**
 * superjson for both directions, with the request side checked for depth and size first:
 * superjson's deserializer recurses, so a crafted deeply nested `meta` would otherwise end in
 * "Maximum call stack size exceeded".
 */
export const guardedTransformer: TRPCCombinedDataTransformer = {
  input: {
    serialize: (value: unknown) => superjson.serialize(value),
    deserialize: (value: unknown) => {
      assertInputShape(value);
      return superjson.deserialize(value as Parameters<typeof superjson.deserialize>[0]);
    },
  },
  output: superjson,
};
