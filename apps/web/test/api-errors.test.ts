import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@mg/api";
import { createTrpcHttpHandler } from "@mg/api/trpc-http";
import { apiError } from "../src/lib/errors";

/** The app's client link, talking to the real API handler in-process. */
function clientFor(handler: (req: Request) => Promise<Response>) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: "http://localhost/api/trpc", transformer: superjson, fetch: (url, init) => handler(new Request(url, init as RequestInit)) })],
  });
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("the call was expected to fail");
}

describe("how the web app shows API errors", () => {
  const signedOut = clientFor(createTrpcHttpHandler({ getUser: async () => null }));

  it("an input problem reads as a sentence naming the field, with the field's own message for the form", async () => {
    const info = apiError(await caught(signedOut.auth.signUp.mutate({ name: "Ada", email: "not-an-address", password: "a-long-password" })));
    expect(info.code).toBe("BAD_REQUEST");
    expect(info.message).toBe("Email: Enter a valid email address.");
    expect(info.fieldErrors).toEqual({ email: "Enter a valid email address." });
  });

  it("a character the database cannot store is shown the same way", async () => {
    const info = apiError(await caught(signedOut.auth.signUp.mutate({ name: "A\u0000da", email: `ada-${randomUUID()}@example.com`, password: "a-long-password" })));
    expect(info.message).toBe("Name: Contains a character that cannot be saved (a NUL character, U+0000). Remove it and try again.");
    expect(info.fieldErrors.name).toContain("U+0000");
  });

  it("a server error shows the reference to quote, and nothing of the failure", async () => {
    const broken = clientFor(
      createTrpcHttpHandler({
        getUser: async () => {
          throw new Error('relation "sessions" does not exist');
        },
      }),
    );
    const info = apiError(await caught(broken.organization.listMine.query()));
    expect(info.code).toBe("INTERNAL_SERVER_ERROR");
    expect(info.message).toMatch(/^Something went wrong on our side \(reference [0-9a-f-]{36}\)\./);
    expect(info.message).not.toContain("relation");
  });
});
