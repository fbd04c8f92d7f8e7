import "./helpers/env";
import { describe, expect, it } from "vitest";
import { authForAccount, reconnectSoon, refreshTokenForAccount, tokenColumnsFor } from "../src/accounts";
import { decryptSecret } from "../src/crypto";

const DAY = 86_400_000;

describe("account tokens", () => {
  it("encrypts a new token set and decrypts it back for adapters", () => {
    const expiresAt = new Date("2030-01-01T00:00:00Z");
    const columns = tokenColumnsFor({ accessToken: "at-1", refreshToken: "rt-1", expiresAt, refreshTokenExpiresAt: null, scopes: ["publish"] });

    expect(columns.accessTokenEnc).not.toContain("at-1");
    expect(columns.refreshTokenEnc).not.toContain("rt-1");
    expect(columns).toMatchObject({ tokenExpiresAt: expiresAt, refreshTokenExpiresAt: null, scopes: ["publish"] });
    expect(authForAccount({ externalId: "page-1", accessTokenEnc: columns.accessTokenEnc, metadata: { pageId: "p" } })).toEqual({
      accessToken: "at-1",
      externalId: "page-1",
      metadata: { pageId: "p" },
    });
    expect(refreshTokenForAccount(columns)).toBe("rt-1");
  });

  it("never drops the stored refresh token when the new set has none", () => {
    const first = tokenColumnsFor({ accessToken: "at-1", refreshToken: "rt-1", refreshTokenExpiresAt: new Date(Date.now() + 365 * DAY) });
    for (const refreshToken of [undefined, null, ""]) {
      const again = tokenColumnsFor({ accessToken: "at-2", refreshToken }, first);
      expect(again.refreshTokenEnc).toBe(first.refreshTokenEnc);
      expect(again.refreshTokenExpiresAt).toEqual(first.refreshTokenExpiresAt);
      expect(decryptSecret(again.accessTokenEnc)).toBe("at-2");
      // No scopes reported: the column is left alone rather than wiped.
      expect(again).not.toHaveProperty("scopes");
    }
    const rotated = tokenColumnsFor({ accessToken: "at-3", refreshToken: "rt-2" }, first);
    expect(refreshTokenForAccount(rotated)).toBe("rt-2");
    expect(rotated.refreshTokenExpiresAt).toBeNull();
    expect(tokenColumnsFor({ accessToken: "at-4" }).refreshTokenEnc).toBeNull();
  });

  it("refuses to build auth for an account without a token, and tolerates odd metadata", () => {
    expect(() => authForAccount({ externalId: "x", accessTokenEnc: null, metadata: {} })).toThrow(/Reconnect/);
    const { accessTokenEnc } = tokenColumnsFor({ accessToken: "t" });
    expect(authForAccount({ externalId: "x", accessTokenEnc, metadata: ["not", "an", "object"] }).metadata).toEqual({});
  });

  it("asks for a reconnect within seven days of expiry", () => {
    const now = new Date("2030-06-01T12:00:00Z");
    expect(reconnectSoon(null, now)).toBe(false);
    expect(reconnectSoon(new Date(now.getTime() + 8 * DAY), now)).toBe(false);
    expect(reconnectSoon(new Date(now.getTime() + 7 * DAY), now)).toBe(true);
    expect(reconnectSoon(new Date(now.getTime() + DAY), now)).toBe(true);
    expect(reconnectSoon(new Date(now.getTime() - DAY), now)).toBe(true);
  });
});
