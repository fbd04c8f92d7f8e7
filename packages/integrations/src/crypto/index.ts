import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { tokenKeys } from "../env";

/**
 * Secrets at rest (OAuth tokens): AES-256-GCM, `v1.<keyId>.<iv>.<tag>.<ciphertext>`, every part
 * base64url. The key id names the key that encrypted a value, so keys can be rotated: the new key
 * encrypts, former keys (TOKEN_ENCRYPTION_PREVIOUS_KEYS) still decrypt. The header is bound to the
 * ciphertext as associated data, so it cannot be swapped either.
 */
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretDecryptionError";
  }
}

export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(cipher: string): string;
  /** True when the value was encrypted with a previous key (worth re-encrypting). */
  needsRotation(cipher: string): boolean;
  readonly keyId: string;
}

/** A short, non-secret fingerprint of a key. */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update("mg-token-key-id").update(key).digest("base64url").slice(0, 8);
}

export function createSecretBox(options: { key: Buffer; previousKeys?: readonly Buffer[] }): SecretBox {
  if (options.key.length !== 32) throw new Error("The token encryption key must be 32 bytes.");
  const keyId = keyIdOf(options.key);
  const keys = new Map<string, Buffer>();
  for (const previous of options.previousKeys ?? []) keys.set(keyIdOf(previous), previous);
  keys.set(keyId, options.key);

  function parse(cipher: string) {
    const parts = cipher.split(".");
    const [version, id, iv, tag, body] = parts;
    if (parts.length !== 5 || version !== VERSION || !id || !iv || !tag || body === undefined) {
      throw new SecretDecryptionError("Not an encrypted secret (expected v1.<keyId>.<iv>.<tag>.<ciphertext>).");
    }
    return { id, iv: Buffer.from(iv, "base64url"), tag: Buffer.from(tag, "base64url"), body: Buffer.from(body, "base64url") };
  }

  return {
    keyId,
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", options.key, iv);
      cipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, keyId, iv.toString("base64url"), tag.toString("base64url"), body.toString("base64url")].join(".");
    },
    decrypt(value) {
      const { id, iv, tag, body } = parse(value);
      const key = keys.get(id);
      if (!key) {
        throw new SecretDecryptionError(
          `This secret was encrypted with another key (id ${id}). Add that key to TOKEN_ENCRYPTION_PREVIOUS_KEYS, or reconnect the account.`,
        );
      }
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptionError("Encrypted secret is malformed (IV or tag length).");
      const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(`${VERSION}.${id}`));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
      } catch (cause) {
        throw new SecretDecryptionError(`Encrypted secret failed authentication (tampered with, or a different key with the same id): ${String(cause)}`);
      }
    },
    needsRotation(value) {
      return parse(value).id !== keyId;
    },
  };
}

let defaultBox: SecretBox | undefined;

/** The box built from the environment's keys (see env.ts `tokenKeys`). */
export function secretBox(): SecretBox {
  if (!defaultBox) {
    const { current, previous } = tokenKeys();
    defaultBox = createSecretBox({ key: current, previousKeys: previous });
  }
  return defaultBox;
}

/** Tests change the keys in process.env; production code never needs this. */
export function resetSecretBox(): void {
  defaultBox = undefined;
}

export function encryptSecret(plain: string): string {
  return secretBox().encrypt(plain);
}

export function decryptSecret(cipher: string): string {
  return secretBox().decrypt(cipher);
}
