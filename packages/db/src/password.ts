import { hash, verify } from "@node-rs/argon2";

/** Argon2id with OWASP's recommended minimums (19 MiB, 2 iterations). The one place passwords are hashed. */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
