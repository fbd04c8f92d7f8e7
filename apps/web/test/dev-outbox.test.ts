import { afterEach, describe, expect, it, vi } from "vitest";
import { devOutboxEnabled } from "../src/env";

/** The dev outbox shows every captured mail, sign-in links included: on only when asked for. */
describe("the dev outbox switch", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is off in development, test and production unless MG_DEV_OUTBOX=1", () => {
    for (const nodeEnv of ["development", "test", "production"]) {
      vi.stubEnv("NODE_ENV", nodeEnv);
      vi.stubEnv("MG_DEV_OUTBOX", "");
      expect(devOutboxEnabled(), nodeEnv).toBe(false);
      vi.stubEnv("MG_DEV_OUTBOX", "0");
      expect(devOutboxEnabled(), `${nodeEnv} with 0`).toBe(false);
    }
  });

  it("is on with MG_DEV_OUTBOX=1 (pnpm dev, the end-to-end tests)", () => {
    for (const nodeEnv of ["development", "production"]) {
      vi.stubEnv("NODE_ENV", nodeEnv);
      vi.stubEnv("MG_DEV_OUTBOX", "1");
      expect(devOutboxEnabled(), nodeEnv).toBe(true);
    }
  });
});
