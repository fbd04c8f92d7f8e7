import type { Adapter, AdapterAccount, AdapterUser, VerificationToken } from "next-auth/adapters";
import { Prisma } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { proveEmailOwnership } from "./accounts";

/**
 * The narrow next-auth adapter: exactly what JWT sessions with email links and OAuth need,
 * through the system path (auth tables are out of the app role's reach). Marking an address
 * verified goes through `proveEmailOwnership`, which discards a password an impostor set.
 * Database-session methods are absent: sessions are ./sessions.ts, checked on every request.
 */
const USER = { id: true, email: true, name: true, image: true, emailVerified: true } as const;

function toAdapterUser(user: { id: string; email: string; name: string | null; image: string | null; emailVerified: Date | null }): AdapterUser {
  return { id: user.id, email: user.email, name: user.name, image: user.image, emailVerified: user.emailVerified };
}

export function createAuthAdapter(): Adapter {
  const db = () => systemDb();
  return {
    async createUser(user: Omit<AdapterUser, "id">) {
      // Email links create verified users; OAuth users start unverified and are verified by the
      // linkAccount event only when the provider vouches for the address.
      const created = await db().user.create({
        data: { email: user.email.toLowerCase(), name: user.name ?? null, image: user.image ?? null, emailVerified: user.emailVerified ?? null },
        select: USER,
      });
      return toAdapterUser(created);
    },
    async getUser(id) {
      const user = await db().user.findUnique({ where: { id }, select: USER });
      return user ? toAdapterUser(user) : null;
    },
    async getUserByEmail(email) {
      const user = await db().user.findUnique({ where: { email: email.toLowerCase() }, select: USER });
      return user ? toAdapterUser(user) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const account = await db().account.findUnique({ where: { provider_providerAccountId: { provider, providerAccountId } }, select: { user: { select: USER } } });
      return account ? toAdapterUser(account.user) : null;
    },
    async updateUser(user) {
      // next-auth calls this only to stamp `emailVerified` after an email-link sign-in.
      if (user.emailVerified) await proveEmailOwnership(user.id);
      const updated = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: USER });
      return toAdapterUser(updated);
    },
    async linkAccount(account: AdapterAccount) {
      await db().account.create({
        data: {
          userId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          refresh_token: account.refresh_token ?? null,
          access_token: account.access_token ?? null,
          expires_at: account.expires_at ?? null,
          token_type: account.token_type ?? null,
          scope: account.scope ?? null,
          id_token: account.id_token ?? null,
          session_state: account.session_state ?? null,
        },
      });
    },
    async createVerificationToken(token: VerificationToken) {
      await db().verificationToken.create({ data: token });
      return token;
    },
    async useVerificationToken({ identifier, token }) {
      try {
        return await db().verificationToken.delete({ where: { identifier_token: { identifier, token } } });
      } catch (error) {
        // Already used or never issued: next-auth shows "invalid or expired link".
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return null;
        throw error;
      }
    },
  };
}
