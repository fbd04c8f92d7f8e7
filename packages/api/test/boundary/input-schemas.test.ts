import { describe, expect, it } from "vitest";
import { z } from "zod";
import { appRouter } from "../../src/root";
import { listProcedures } from "../../src/trpc/introspect";
import { INPUT_LIMITS, LARGE_INPUTS, inputLimitsFor } from "../../src/trpc/input-guard";

type JsonSchema = Record<string, unknown>;

/** Every procedure's input schemas (a procedure may chain several `.input()` calls). */
function inputsOf(path: string): z.ZodType[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>;
  const procedure = procedures[path];
  if (!procedure) throw new Error(`no procedure at ${path}`);
  return procedure._def.inputs as z.ZodType[];
}

/** Strings with a format whose own anchored pattern bounds their length. */
const BOUNDED_FORMATS = new Set(["uuid"]);

interface Finding {
  at: string;
  problem: string;
}

/** Walks a JSON schema iteratively; reports strings and arrays without a maximum, and the longest string allowed. */
function inspect(root: JsonSchema): { findings: Finding[]; longest: number } {
  const findings: Finding[] = [];
  let longest = 0;
  const stack: [JsonSchema, string][] = [[root, "input"]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [schema, at] = entry;
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.includes("string") && schema.enum === undefined && schema.const === undefined) {
      if (typeof schema.maxLength === "number") longest = Math.max(longest, schema.maxLength);
      else if (!BOUNDED_FORMATS.has(String(schema.format))) findings.push({ at, problem: "string without .max()" });
    }
    if (types.includes("array") && typeof schema.maxItems !== "number") findings.push({ at, problem: "array without .max()" });
    if (types.includes("object") && schema.additionalProperties && typeof schema.additionalProperties === "object" && typeof schema.maxProperties !== "number") {
      findings.push({ at, problem: "record (any number of keys) — bound it or use an object" });
    }
    for (const [key, value] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) stack.push([value, `${at}.${key}`]);
    if (schema.additionalProperties && typeof schema.additionalProperties === "object") stack.push([schema.additionalProperties as JsonSchema, `${at}[key]`]);
    if (schema.items && typeof schema.items === "object") stack.push([schema.items as JsonSchema, `${at}[]`]);
    for (const keyword of ["anyOf", "oneOf", "allOf", "prefixItems"]) {
      for (const [index, value] of ((schema[keyword] ?? []) as JsonSchema[]).entries()) stack.push([value, `${at}<${keyword} ${index}>`]);
    }
  }
  return { findings, longest };
}

const procedures = listProcedures(appRouter);

describe("every string and array in every procedure's input has a maximum", () => {
  it("discovers the router's procedures and their input schemas", () => {
    expect(procedures.length).toBeGreaterThan(40);
    expect(procedures.filter((p) => inputsOf(p.path).length > 0).length).toBeGreaterThan(30);
  });

  for (const { path } of procedures) {
    const inputs = inputsOf(path);
    if (inputs.length === 0) continue;
    it(`${path}: bounded, and within the input guard's limit for it`, () => {
      for (const schema of inputs) {
        const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
        const { findings, longest } = inspect(json);
        expect(findings, `${path}: give these a .max() in packages/api/src/schemas: ${JSON.stringify(findings)}`).toEqual([]);
        // The guard refuses longer strings before the schema sees them: a schema allowing more
        // would promise what the API cannot take (raise the procedure's entry in LARGE_INPUTS).
        expect(longest, `${path}: a schema allows strings longer than the input guard does`).toBeLessThanOrEqual(inputLimitsFor(path).maxStringLength);
      }
    });
  }

  it("the procedures allowed larger inputs exist, and their limits are above the defaults", () => {
    const paths = new Set(procedures.map((p) => p.path));
    for (const [path, limits] of Object.entries(LARGE_INPUTS)) {
      expect(paths.has(path), `LARGE_INPUTS names ${path}, which is not a procedure`).toBe(true);
      expect(limits.maxBodyBytes).toBeGreaterThan(INPUT_LIMITS.maxBodyBytes);
    }
  });

  it("the checks above catch a string or array without a maximum", () => {
    const unbounded = z.object({ note: z.string(), tags: z.array(z.string().max(5)), email: z.email() });
    const { findings } = inspect(z.toJSONSchema(unbounded, { io: "input" }) as JsonSchema);
    expect(findings.map((f) => f.at).sort()).toEqual(["input.email", "input.note", "input.tags"]);
  });
});

describe("records that declare a maximum number of keys enforce it", () => {
  it("custom field values and saved-view filters refuse one key more than they declare", async () => {
    const { customFieldValuesSchema } = await import("../../src/schemas/crm/custom-fields");
    const { savedViewConfigSchema } = await import("../../src/schemas/crm/saved-views");
    const keys = (n: number, key: (i: number) => string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [key(i), "x"]));
    const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    const declared = (schema: z.ZodType) => (z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema).maxProperties as number;
    const fieldMax = declared(customFieldValuesSchema);
    expect(customFieldValuesSchema.safeParse(keys(fieldMax, uuid)).success).toBe(true);
    expect(customFieldValuesSchema.safeParse(keys(fieldMax + 1, uuid)).success).toBe(false);
    const filters = savedViewConfigSchema.shape.filters;
    const filterMax = declared(filters);
    expect(savedViewConfigSchema.safeParse({ columns: [], filters: keys(filterMax, (i) => `f${i}`) }).success).toBe(true);
    expect(savedViewConfigSchema.safeParse({ columns: [], filters: keys(filterMax + 1, (i) => `f${i}`) }).success).toBe(false);
  });
});
