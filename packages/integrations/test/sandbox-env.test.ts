import "./helpers/env";
import { describe, expect, it } from "vitest";
import { integrationsEnv } from "../src/env";
import { sandboxAdapterFromEnv } from "../src/sandbox";

/** The Sandbox's real-network faults can be switched on from the environment, for trying them by hand. */
describe("Sandbox faults from the environment", () => {
  it("are all off by default", () => {
    const adapter = sandboxAdapterFromEnv(integrationsEnv({}));
    expect(adapter.lookupLagMs).toBe(0);
    expect(adapter.supportsIdempotency).toBe(true);
  });

  it("lag, idempotency and the rest follow their variables, and bad values are refused", () => {
    const adapter = sandboxAdapterFromEnv(integrationsEnv({ SANDBOX_LOOKUP_LAG_MS: "60000", SANDBOX_IDEMPOTENCY: "0", SANDBOX_DROP_RATE: "0.2", SANDBOX_REFUSE_DUPLICATES: "1" }));
    expect(adapter.lookupLagMs).toBe(60_000);
    expect(adapter.supportsIdempotency).toBe(false);
    expect(() => integrationsEnv({ SANDBOX_DROP_RATE: "2" })).toThrow(/SANDBOX_DROP_RATE/);
  });
});
