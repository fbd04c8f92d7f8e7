import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import superjson from "superjson";
import { systemDb } from "@mg/db/system";
import { redirectLogs } from "@mg/logger";
import { ORG_SLUG_HEADER } from "../../src/http";
import { PEER_ADDRESS_HEADER } from "../../src/client-ip";
import { createTRPCRouter, orgProcedure, publicProcedure } from "../../src/trpc/init";
import { createTrpcHttpHandler, REQUEST_ID_HEADER } from "../../src/trpc/http-handler";
import { INPUT_LIMITS } from "../../src/trpc/input-guard";
import type { SessionUser } from "../../src/trpc/context";
import { createTenant, deleteTenant, type Tenant } from "../fixtures";
import { uploadForm } from "../procedure-cases/social";
import { DATA_LAYER_TEXT } from "./support";

let tenant: Tenant;
let owner: SessionUser;
beforeAll(async () => {
  tenant = await createTenant("boundary-http");
  owner = tenant.users.OWNER;
});
afterAll(async () => {
  await deleteTenant(tenant);
});

// Its own client address, so the per-IP limits of other suites never meet this one's.
const peer = `10.${randomInt(1, 250)}.${randomInt(1, 250)}.${randomInt(1, 250)}`;
const handler = createTrpcHttpHandler({ getUser: async () => owner });

function headers(extra: Record<string, string> = {}): Record<string, string> {
  return { [ORG_SLUG_HEADER]: tenant.slug, [PEER_ADDRESS_HEADER]: peer, ...extra };
}

function post(path: string, body: BodyInit, extra: Record<string, string> = {}): Request {
  return new Request(`http://localhost/api/trpc/${path}`, { method: "POST", headers: headers(extra), body });
}

function mutation(path: string, input: unknown): Request {
  return post(path, JSON.stringify(superjson.serialize(input)), { "content-type": "application/json" });
}

function query(path: string, input: unknown): Request {
  const url = `http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  return new Request(url, { headers: headers() });
}

interface ErrorBody {
  message: string;
  code: number;
  data: { code: string; httpStatus: number; zodError: { fieldErrors: Record<string, string[]> } | null; stack?: unknown };
}

async function answer(response: Response): Promise<{ status: number; text: string; error: ErrorBody | null; data: unknown; requestId: string | null }> {
  const text = await response.text();
  const parsed = JSON.parse(text) as { error?: { json: ErrorBody }; result?: { data: { json: unknown } } };
  return { status: response.status, text, error: parsed.error?.json ?? null, data: parsed.result?.data.json, requestId: response.headers.get(REQUEST_ID_HEADER) };
}

/** Captures what the process logger writes during `fn` (JSON entries). */
async function logsOf<T>(fn: () => Promise<T>): Promise<{ result: T; entries: Record<string, unknown>[] }> {
  const lines: string[] = [];
  const restore = redirectLogs({ write: (line: string) => void lines.push(line) }, { level: "debug" });
  try {
    const result = await fn();
    return { result, entries: lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
  } finally {
    restore();
  }
}

describe("the tRPC HTTP handler", () => {
  it("answers a valid call, naming the request in a header", async () => {
    const res = await answer(await handler(query("organization.current", undefined)));
    expect(res.status).toBe(200);
    expect(res.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a NUL byte is a 400 naming the field, with field errors for the form and no database text", async () => {
    const res = await answer(await handler(mutation("organization.updateSettings", { name: "Bake\u0000ry", timezone: "UTC" })));
    expect(res.status).toBe(400);
    expect(res.error?.message).toBe("Name: Contains a character that cannot be saved (a NUL character, U+0000). Remove it and try again.");
    expect(res.error?.data.zodError?.fieldErrors.name).toEqual(["Contains a character that cannot be saved (a NUL character, U+0000). Remove it and try again."]);
    expect(res.text).not.toMatch(DATA_LAYER_TEXT);
  });

  it("a NUL byte in a query's URL input is refused the same way", async () => {
    const res = await answer(await handler(query("posts.search", { query: "bread\u0000", limit: 5 })));
    expect(res.status).toBe(400);
    expect(res.error?.message).toContain("Query: Contains a character that cannot be saved");
  });

  it("a schema failure reads as a sentence, while the flattened field errors stay for forms", async () => {
    const res = await answer(await handler(mutation("members.invite", { email: "not-an-address", role: "VIEWER" })));
    expect(res.status).toBe(400);
    expect(res.error?.message).toBe("Email: Enter a valid email address.");
    expect(res.error?.data.zodError?.fieldErrors.email).toEqual(["Enter a valid email address."]);
  });

  it("a 1 MB invitation email is a 400 about its length", async () => {
    const res = await answer(await handler(mutation("members.invite", { email: `${"a".repeat(1024 * 1024)}@example.com`, role: "VIEWER" })));
    expect(res.status).toBe(400);
    expect(res.error?.message).toBe(`Email: Use at most ${INPUT_LIMITS.maxStringLength.toLocaleString("en-US")} characters.`);
    expect(res.text).not.toMatch(DATA_LAYER_TEXT);
  });

  it("a deeply nested superjson meta is a 400 before superjson recurses into it", async () => {
    // Written out by hand: JSON.stringify itself recurses.
    const depth = 50_000;
    const values = `${'{"a":'.repeat(depth)}["Date"]${"}".repeat(depth)}`;
    const body = `{"json":{"name":"Bakery","timezone":"UTC"},"meta":{"values":${values}}}`;
    const res = await answer(await handler(post("organization.updateSettings", body, { "content-type": "application/json" })));
    expect(res.status).toBe(400);
    expect(res.error?.message).toBe(`The request is nested too deeply (more than ${INPUT_LIMITS.maxDepth} levels).`);
    expect(res.text).not.toContain("call stack");
  });

  it("a JSON body over the limit is a 413, whether it says so up front or not", async () => {
    const big = JSON.stringify(superjson.serialize({ name: "x".repeat(INPUT_LIMITS.maxBodyBytes), timezone: "UTC" }));
    const streamed = await answer(await handler(post("organization.updateSettings", big, { "content-type": "application/json" })));
    expect(streamed.status).toBe(413);
    expect(streamed.error?.message).toBe("The request is larger than the 4 MB this accepts.");
    const declared = await answer(
      await handler(post("organization.updateSettings", JSON.stringify(superjson.serialize({ name: "Bakery", timezone: "UTC" })), { "content-type": "application/json", "content-length": String(INPUT_LIMITS.maxBodyBytes + 1) })),
    );
    expect(declared.status).toBe(413);
  });

  it("the CSV import takes a body larger than the default limit", async () => {
    const csv = `content,accounts,date,time\n${"x".repeat(INPUT_LIMITS.maxBodyBytes)},@nobody,2030-01-01,10:00\n`;
    const res = await answer(await handler(mutation("posts.importCsv", { fileName: "big.csv", csv })));
    // Past the body limit: the import's own rules answer (this row's content is far too long).
    expect(res.status).toBe(400);
    expect(res.error?.message).not.toContain("larger than");
  });

  it("media uploads still arrive as FormData, with their own, larger limit", async () => {
    const ok = await answer(await handler(post("media.upload", uploadForm())));
    expect(ok.status).toBe(200);
    expect(ok.data).toMatchObject({ fileName: "pixel.png", mimeType: "image/png" });

    // 5 MB is over the JSON limit but within the upload limit: the file's own check answers.
    const junk = uploadForm(new Uint8Array(5 * 1024 * 1024), "junk.png");
    const refusedByContent = await answer(await handler(post("media.upload", junk)));
    expect(refusedByContent.status).toBe(400);
    expect(refusedByContent.error?.message).not.toContain("larger than");

    const declaredTooBig = await answer(await handler(post("media.upload", uploadForm(), { "content-length": String(1024 * 1024 * 1024) })));
    expect(declaredTooBig.status).toBe(413);
  });

  describe("unknown errors", () => {
    const failing = createTRPCRouter({
      divide: orgProcedure("settings.update").mutation(async () => systemDb().$queryRawUnsafe("SELECT 1/0")),
      plain: publicProcedure.query(() => {
        throw new Error('relation "secret_table" does not exist');
      }),
    });
    const failingHandler = createTrpcHttpHandler({ getUser: async () => owner, router: failing });

    it("are a 500 with a reference, logged in full with the request's id, path, type, organization and user", async () => {
      const { result: res, entries } = await logsOf(async () => answer(await failingHandler(mutation("divide", undefined))));
      expect(res.status).toBe(500);
      expect(res.requestId).toBeTruthy();
      expect(res.error?.message).toBe(`Something went wrong on our side (reference ${res.requestId}). Please try again; if it keeps happening, quote the reference to support.`);
      expect(res.text).not.toContain("division by zero");
      expect(res.text).not.toMatch(DATA_LAYER_TEXT);
      expect(res.error?.data.stack ?? null).toBeNull();

      const logged = entries.filter((e) => e.requestId === res.requestId && e.level === 50);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ path: "divide", type: "mutation", orgSlug: tenant.slug, userId: owner.id, code: "INTERNAL_SERVER_ERROR" });
      expect((logged[0]?.err as { message: string }).message).toContain("division by zero");
    });

    it("a plain thrown error's text stays on the server", async () => {
      const { result: res, entries } = await logsOf(async () => answer(await failingHandler(query("plain", undefined))));
      expect(res.status).toBe(500);
      expect(res.text).not.toContain("secret_table");
      expect(entries.some((e) => e.requestId === res.requestId && (e.err as { message?: string } | undefined)?.message?.includes("secret_table"))).toBe(true);
    });

    it("a failure before any procedure runs (the session lookup) is logged once by the handler", async () => {
      const brokenSession = createTrpcHttpHandler({
        getUser: async () => {
          throw new Error("connect ECONNREFUSED 127.0.0.1:5432 (database is down)");
        },
      });
      const { result: res, entries } = await logsOf(async () => answer(await brokenSession(query("organization.current", undefined))));
      expect(res.status).toBe(500);
      expect(res.text).not.toContain("ECONNREFUSED");
      expect(res.error?.message).toContain(`reference ${res.requestId}`);
      const logged = entries.filter((e) => e.requestId === res.requestId && e.level === 50);
      expect(logged).toHaveLength(1);
      expect((logged[0]?.err as { message: string }).message).toContain("ECONNREFUSED");
    });
  });

  it("a body that is not JSON is a 400 without the parser's text", async () => {
    const res = await answer(await handler(post("organization.updateSettings", "{not json", { "content-type": "application/json" })));
    expect(res.status).toBe(400);
    expect(res.error?.message).toBe("The request body is not valid JSON.");
  });
});
