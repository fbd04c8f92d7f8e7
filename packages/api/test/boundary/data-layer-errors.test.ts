import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { systemDb } from "@mg/db/system";
import { publicMessage, toApiError, UNSTORABLE_TEXT_MESSAGE, VALUE_TOO_LONG_MESSAGE } from "../../src/trpc/errors";
import { DATA_LAYER_TEXT } from "./support";

/** The error a real database call throws, wrapped the way tRPC wraps anything a procedure throws. */
async function wrapped(call: () => Promise<unknown>): Promise<TRPCError> {
  try {
    await call();
  } catch (cause) {
    return new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause });
  }
  throw new Error("the call was expected to fail");
}

const created: string[] = [];
afterAll(async () => {
  await systemDb().organization.deleteMany({ where: { id: { in: created } } });
});

describe("data-layer errors a caller can provoke become clean 4xx", () => {
  it("a value longer than its column (P2000) is a BAD_REQUEST", async () => {
    const error = await wrapped(() => systemDb().organization.create({ data: { name: "Too long", slug: `p2000-${randomUUID()}`, country: "GBR" } }));
    // What tRPC would have shown without the mapping: Prisma's own text.
    expect(error.message).toMatch(/too long for the column/);
    const mapped = toApiError(error);
    expect(mapped).toMatchObject({ code: "BAD_REQUEST", message: VALUE_TOO_LONG_MESSAGE });
  });

  it("a NUL byte in text (SQLSTATE 22021) is a BAD_REQUEST", async () => {
    const error = await wrapped(() => systemDb().organization.create({ data: { name: "Nul\u0000here", slug: `nul-${randomUUID()}` } }));
    expect(error.message).toMatch(DATA_LAYER_TEXT);
    expect(toApiError(error)).toMatchObject({ code: "BAD_REQUEST", message: UNSTORABLE_TEXT_MESSAGE });
  });

  it("a value too large for its index (SQLSTATE 54000, the 1 MB email) is a BAD_REQUEST", async () => {
    const noise = Array.from({ length: 200_000 }, () => Math.random().toString(36).slice(2)).join("");
    const error = await wrapped(() => systemDb().user.create({ data: { email: `${noise}@example.com` } }));
    expect(error.message).toContain("index row requires");
    expect(toApiError(error)).toMatchObject({ code: "BAD_REQUEST", message: VALUE_TOO_LONG_MESSAGE });
  });

  it("a database error no caller can cause stays a server error, shown only as a reference", async () => {
    const error = await wrapped(() => systemDb().$queryRawUnsafe("SELECT 1/0"));
    const mapped = toApiError(error);
    expect(mapped.code).toBe("INTERNAL_SERVER_ERROR");
    expect(mapped.message).toContain("division by zero");
    const shown = publicMessage(mapped, "req-123");
    expect(shown).toBe("Something went wrong on our side (reference req-123). Please try again; if it keeps happening, quote the reference to support.");
  });

  it("a client error whose message was copied from a database error does not show it", async () => {
    const dbError = (await wrapped(() => systemDb().$queryRawUnsafe("SELECT 1/0"))).cause;
    // As a handler that turns any failure into BAD_REQUEST with the failure's message would.
    const echoed = new TRPCError({ code: "BAD_REQUEST", message: (dbError as Error).message, cause: dbError });
    const shown = publicMessage(echoed, "req-1");
    expect(shown).not.toMatch(DATA_LAYER_TEXT);
    expect(shown).toBe("The request could not be processed. Check what you entered and try again.");
  });

  it("a deliberate client error keeps its message", () => {
    const cause = new Error("Sandbox refused the token");
    expect(publicMessage(new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause }), "r")).toBe("Sandbox refused the token");
    expect(publicMessage(new TRPCError({ code: "NOT_FOUND", message: "Post not found." }), "r")).toBe("Post not found.");
  });

  it("a deliberate server error's message stays on the server too", () => {
    expect(publicMessage(new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Procedure declares no permission." }), "r")).toContain("reference r");
  });
});
