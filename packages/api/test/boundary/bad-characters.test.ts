import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { appRouter } from "../../src/root";
import { fieldLabel } from "../../src/trpc/errors";
import { INPUT_LIMITS } from "../../src/trpc/input-guard";
import { listProcedures } from "../../src/trpc/introspect";
import { callerFor, createTenant, deleteTenant, procedureAt, type Tenant } from "../fixtures";
import { PROCEDURE_CASES } from "../procedure-cases";
import { DATA_LAYER_TEXT, stringLeaves, withLeaf } from "./support";

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; cause: unknown }> {
  try {
    await promise;
    return { code: "OK", message: "", cause: null };
  } catch (error) {
    const e = error as { code?: string; message: string; cause?: unknown };
    return { code: e.code ?? "THREW", message: e.message, cause: e.cause };
  }
}

let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("boundary-chars");
});
afterAll(async () => {
  await deleteTenant(tenant);
});

const procedures = listProcedures(appRouter);

describe("a NUL byte in any string of any procedure's input is a clean BAD_REQUEST naming the field", () => {
  let tested = 0;

  for (const { path } of procedures) {
    it(`${path}`, async () => {
      const spec = PROCEDURE_CASES[path];
      if (!spec) throw new Error(`no case for ${path} in test/procedure-cases.ts`);
      const valid = await spec.valid(tenant);
      for (const leaf of stringLeaves(valid)) {
        // In the middle: trimming schemas must not be able to drop it.
        const input = withLeaf(valid, leaf, (text) => `${text.slice(0, 1)}\u0000${text.slice(1)}`);
        const result = await failure(procedureAt(callerFor(tenant.users.OWNER, tenant.slug), path)(input));
        const where = `${path} with NUL at ${leaf.join(".")}`;
        expect(result.code, `${where}: ${result.message}`).toBe("BAD_REQUEST");
        expect(result.message, where).not.toMatch(DATA_LAYER_TEXT);
        expect(result.message, where).toContain(`${fieldLabel(leaf)}: Contains a character that cannot be saved (a NUL character, U+0000)`);
        // The same problem as field errors, for forms.
        expect(result.cause, where).toBeInstanceOf(ZodError);
        expect((result.cause as ZodError).issues.map((i) => i.path), where).toContainEqual(leaf);
        tested += 1;
      }
    });
  }

  it("covered many strings across the procedures", () => {
    expect(tested).toBeGreaterThan(40);
  });
});

describe("other characters and lengths", () => {
  const caller = () => callerFor(tenant.users.OWNER, tenant.slug);

  it.each([
    ["a lone high surrogate", "Bakery \uD83D", "broken text (an unpaired surrogate, U+D83D)"],
    ["a lone low surrogate", "Bakery \uDE00", "broken text (an unpaired surrogate, U+DE00)"],
    ["an escape character", "Bakery \u001B[31m", "the control character U+001B"],
    ["a vertical tab", "Bakery\u000Bline", "the control character U+000B"],
  ])("refuses %s, naming the character", async (_label, name, expected) => {
    const result = await failure(caller().organization.updateSettings({ name, timezone: "UTC" }));
    expect(result.code).toBe("BAD_REQUEST");
    expect(result.message).toContain(`Name: Contains ${expected.startsWith("broken") ? expected : `a character that cannot be saved (${expected})`}`);
  });

  it("keeps tabs, line breaks, emoji and accented letters", async () => {
    const content = "Line one\n\tindented\r\nCafé 🥐 — ready";
    const result = await caller().hashtags.suggest({ content });
    expect(result).toBeDefined();
  });

  it("a 1 MB invitation email is a BAD_REQUEST about its length, not a database error", async () => {
    const email = `${"a".repeat(1024 * 1024)}@example.com`;
    const result = await failure(caller().members.invite({ email, role: "VIEWER" }));
    expect(result.code).toBe("BAD_REQUEST");
    expect(result.message).toBe("Email: Use at most 65,536 characters.");
    const justOver = await failure(caller().members.invite({ email: `${"a".repeat(250)}@example.com`, role: "VIEWER" }));
    expect(justOver).toMatchObject({ code: "BAD_REQUEST", message: "Email: Email addresses have at most 254 characters." });
  });

  it("refuses any string longer than the guard's cap before its schema runs", async () => {
    const result = await failure(caller().posts.validate({ content: "x".repeat(INPUT_LIMITS.maxStringLength + 1), targets: [] }));
    expect(result).toMatchObject({ code: "BAD_REQUEST", message: `Content: Use at most ${INPUT_LIMITS.maxStringLength.toLocaleString("en-US")} characters.` });
  });

  it("finds bad characters in field names and in nested arrays, and lists up to three problems", async () => {
    const result = await failure(
      caller().posts.validate({ content: "ok", targets: [{ socialAccountId: "x\u0000" }, { socialAccountId: "y\u0001" }], ["bad\u0000key"]: 1 } as never),
    );
    expect(result.code).toBe("BAD_REQUEST");
    expect(result.message).toContain("Targets #1 social account id: Contains a character that cannot be saved (a NUL character, U+0000).");
    expect(result.message).toContain("Targets #2 social account id:");
    expect(result.message).toContain("(field name): Contains");
  });

  it("refuses input nested deeper than any form, without recursing", async () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    const result = await failure(caller().posts.validate({ content: "ok", targets: [], extra: deep } as never));
    expect(result).toMatchObject({ code: "BAD_REQUEST", message: `The request is nested too deeply (more than ${INPUT_LIMITS.maxDepth} levels).` });
  });
});
