import { afterEach, describe, expect, it } from "vitest";
import { createLogger, logger, redirectLogs, requestLogger } from "../src";
import { loggerEnv, resetLoggerEnv } from "../src/env";
import { prettyLines } from "../src/pretty";

function collector() {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line), entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const savedEnv = { LOG_LEVEL: process.env.LOG_LEVEL, LOG_FORMAT: process.env.LOG_FORMAT, NODE_ENV: process.env.NODE_ENV };
afterEach(() => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetLoggerEnv();
});

describe("configuration", () => {
  it("is silent under NODE_ENV=test unless LOG_LEVEL says otherwise", () => {
    delete process.env.LOG_LEVEL;
    process.env.NODE_ENV = "test";
    expect(loggerEnv().level).toBe("silent");
    resetLoggerEnv();
    process.env.LOG_LEVEL = "warn";
    expect(loggerEnv().level).toBe("warn");
  });

  it("writes JSON in production and readable lines in development", () => {
    delete process.env.LOG_FORMAT;
    process.env.NODE_ENV = "production";
    expect(loggerEnv()).toEqual({ level: "info", format: "json" });
    resetLoggerEnv();
    process.env.NODE_ENV = "development";
    expect(loggerEnv().format).toBe("pretty");
  });

  it("refuses a level it does not know, naming the variable", () => {
    process.env.LOG_LEVEL = "loud";
    expect(() => loggerEnv()).toThrow(/LOG_LEVEL must be one of/);
  });
});

describe("request loggers", () => {
  it("every line of a request carries its id, path, type, organization and user", () => {
    const out = collector();
    const restore = redirectLogs(out, { level: "info" });
    try {
      const log = requestLogger({ requestId: "req-1", path: "posts.create", type: "mutation", orgSlug: "northwind", userId: "user-1" });
      log.info("first");
      log.warn({ extra: 42 }, "second");
    } finally {
      restore();
    }
    const entries = out.entries();
    expect(entries).toHaveLength(2);
    for (const entry of entries) expect(entry).toMatchObject({ requestId: "req-1", path: "posts.create", type: "mutation", orgSlug: "northwind", userId: "user-1" });
    expect(entries[1]).toMatchObject({ msg: "second", extra: 42, level: 40 });
  });

  it("logs an error with its type, message, stack and causes", () => {
    const out = collector();
    const restore = redirectLogs(out, { level: "error" });
    try {
      const cause = new Error('invalid byte sequence for encoding "UTF8": 0x00');
      logger.error({ err: new Error("insert failed", { cause }) }, "procedure failed");
    } finally {
      restore();
    }
    const [entry] = out.entries();
    const err = entry?.err as { type: string; message: string; stack: string };
    expect(err.type).toBe("Error");
    expect(err.message).toContain("insert failed");
    expect(err.message).toContain("0x00");
    expect(err.stack).toContain("caused by");
  });

  it("stops writing to the redirected destination once restored, and keeps the level it had", () => {
    const out = collector();
    const before = logger.level;
    const restore = redirectLogs(out, { level: "info" });
    restore();
    logger.child({ requestId: "after" }).info("not captured");
    expect(out.lines).toEqual([]);
    expect(logger.level).toBe(before);
  });

  it("redacts passwords and tokens in logged objects", () => {
    const out = collector();
    const log = createLogger({ level: "info", format: "json", destination: out });
    log.info({ input: { email: "a@b.test", password: "hunter22-secret" }, token: "abc" }, "sign-up");
    const text = out.lines.join("");
    expect(text).not.toContain("hunter22-secret");
    expect(text).not.toContain('"abc"');
    expect(text).toContain("a@b.test");
  });
});

describe("readable format", () => {
  it("prints time, level, message and fields on one line, the stack indented below", () => {
    const out = collector();
    const log = createLogger({ level: "info", format: "pretty", destination: out });
    log.error({ err: new Error("boom"), requestId: "req-9" }, "procedure failed");
    const [text] = out.lines;
    expect(text).toMatch(/^\d\d:\d\d:\d\d\.\d{3} ERROR procedure failed requestId=req-9\n {4}Error: boom\n {4}\s*at /);
  });

  it("passes through a line that is not JSON", () => {
    expect(prettyLines("plain text")).toBe("plain text\n");
  });
});
