import "./helpers/env";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSecretBox, decryptSecret, encryptSecret, resetSecretBox, SecretDecryptionError } from "../src/crypto";
import { integrationsEnv, resetIntegrationsEnv, tokenKeys, tokenKeySource } from "../src/env";

afterEach(() => {
  vi.unstubAllEnvs();
  resetIntegrationsEnv();
  resetSecretBox();
});

const key = () => randomBytes(32);

describe("token encryption", () => {
  it("round-trips text, including unicode and empty strings, with a fresh IV each time", () => {
    const box = createSecretBox({ key: key() });
    for (const plain of ["EAAB-token-ünïcødé-🔑", "", "x".repeat(5_000)]) {
      expect(box.decrypt(box.encrypt(plain))).toBe(plain);
    }
    const a = box.encrypt("same");
    const b = box.encrypt("same");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a.split(".")[1]).toBe(box.keyId);
  });

  it("detects tampering with the ciphertext, the tag, the IV or the header", () => {
    const box = createSecretBox({ key: key() });
    const [version, id, iv, tag, body] = box.encrypt("access-token-123").split(".") as [string, string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      return bytes.toString("base64url");
    };
    expect(() => box.decrypt([version, id, iv, tag, flip(body)].join("."))).toThrow(/failed authentication/);
    expect(() => box.decrypt([version, id, iv, flip(tag), body].join("."))).toThrow(SecretDecryptionError);
    expect(() => box.decrypt([version, id, flip(iv), tag, body].join("."))).toThrow(/failed authentication/);
    expect(() => box.decrypt(["v2", id, iv, tag, body].join("."))).toThrow(/Not an encrypted secret/);
    expect(() => box.decrypt("plain-text-token")).toThrow(/Not an encrypted secret/);
  });

  it("refuses a value encrypted with a key it does not know, naming the key id", () => {
    const other = createSecretBox({ key: key() });
    const box = createSecretBox({ key: key() });
    expect(() => box.decrypt(other.encrypt("secret"))).toThrow(new RegExp(`another key \\(id ${other.keyId}\\).*TOKEN_ENCRYPTION_PREVIOUS_KEYS`));
  });

  it("decrypts with a previous key after rotation and encrypts with the new one", () => {
    const oldKey = key();
    const before = createSecretBox({ key: oldKey }).encrypt("refresh-token");
    const rotated = createSecretBox({ key: key(), previousKeys: [oldKey] });

    expect(rotated.decrypt(before)).toBe("refresh-token");
    expect(rotated.needsRotation(before)).toBe(true);
    const after = rotated.encrypt("refresh-token");
    expect(rotated.needsRotation(after)).toBe(false);
    expect(() => createSecretBox({ key: oldKey }).decrypt(after)).toThrow(SecretDecryptionError);
  });

  it("uses TOKEN_ENCRYPTION_KEY (base64 or hex) and TOKEN_ENCRYPTION_PREVIOUS_KEYS from the environment", () => {
    const oldKey = key();
    const oldValue = createSecretBox({ key: oldKey }).encrypt("from-before");
    const current = key();
    vi.stubEnv("TOKEN_ENCRYPTION_KEY", current.toString("hex"));
    vi.stubEnv("TOKEN_ENCRYPTION_PREVIOUS_KEYS", ` ${randomBytes(32).toString("base64")}, ${oldKey.toString("base64url")} `);

    expect(tokenKeySource()).toBe("env");
    expect(tokenKeys().current.equals(current)).toBe(true);
    expect(decryptSecret(oldValue)).toBe("from-before");
    expect(createSecretBox({ key: current }).decrypt(encryptSecret("now"))).toBe("now");
  });

  it("outside production falls back to a key derived from AUTH_SECRET, else a dev constant, and says so", () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("AUTH_SECRET", "a".repeat(40));
    const fromSecret = tokenKeys();
    expect(fromSecret.source).toBe("auth-secret");

    resetIntegrationsEnv();
    vi.stubEnv("AUTH_SECRET", "");
    vi.stubEnv("NEXTAUTH_SECRET", "");
    const dev = tokenKeys();
    expect(dev.source).toBe("dev-constant");
    expect(dev.current.equals(fromSecret.current)).toBe(false);
    // Derived, not random: tokens stay readable across restarts.
    resetIntegrationsEnv();
    expect(tokenKeys().current.equals(dev.current)).toBe(true);
  });

  it("requires TOKEN_ENCRYPTION_KEY in production and rejects malformed keys", () => {
    expect(() => integrationsEnv({ NODE_ENV: "production", AUTH_SECRET: "b".repeat(40) })).toThrow(/TOKEN_ENCRYPTION_KEY: required in production/);
    expect(() => integrationsEnv({ TOKEN_ENCRYPTION_KEY: "too-short" })).toThrow(/TOKEN_ENCRYPTION_KEY must be 32 bytes/);
    expect(() => integrationsEnv({ TOKEN_ENCRYPTION_KEY: randomBytes(16).toString("hex") })).toThrow(/32 bytes/);
    expect(() => integrationsEnv({ TOKEN_ENCRYPTION_PREVIOUS_KEYS: `${randomBytes(32).toString("hex")},nope` })).toThrow(/TOKEN_ENCRYPTION_PREVIOUS_KEYS/);
    expect(integrationsEnv({ NODE_ENV: "production", TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64") }).TOKEN_ENCRYPTION_KEY).toBeDefined();
  });
});

describe("integrations env", () => {
  it("treats FOO= as unset and applies the defaults", () => {
    const env = integrationsEnv({ SANDBOX_ENABLED: "", SANDBOX_FAILURE_RATE: "", SANDBOX_LATENCY_MS: " ", APP_URL: "", NEXTAUTH_URL: "https://app.example.com/", AI_MODEL: "" });
    expect(env.SANDBOX_ENABLED).toBe(true);
    expect(env.SANDBOX_FAILURE_RATE).toBe(0.05);
    expect(env.SANDBOX_LATENCY_MS).toEqual({ minMs: 100, maxMs: 400 });
    expect(env.APP_URL).toBe("https://app.example.com");
    expect(env.AI_MODEL).toBe("gpt-4o-mini");
    expect(env.MEDIA_DIR).toMatch(/[/\\]\.data[/\\]media$/);
  });

  it("parses latency, flags and rates, and lists every invalid variable at once", () => {
    expect(integrationsEnv({ SANDBOX_LATENCY_MS: "0", SANDBOX_ENABLED: "off" })).toMatchObject({ SANDBOX_LATENCY_MS: { minMs: 0, maxMs: 0 }, SANDBOX_ENABLED: false });
    expect(integrationsEnv({ SANDBOX_LATENCY_MS: "250" }).SANDBOX_LATENCY_MS).toEqual({ minMs: 250, maxMs: 250 });
    let message = "";
    try {
      integrationsEnv({ SANDBOX_LATENCY_MS: "400-100", SANDBOX_FAILURE_RATE: "2", OPENAI_BASE_URL: "localhost:11434" });
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain("SANDBOX_LATENCY_MS");
    expect(message).toContain("SANDBOX_FAILURE_RATE");
    expect(message).toContain("OPENAI_BASE_URL must be an http(s) URL");
  });
});
