import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { confirmEmail, PASSWORD, signUp, unique } from "./support";

/**
 * Sessions end on the server (a replayed token after sign-out gets 401), and the client address
 * the app records is the TCP peer — an X-Forwarded-For the client sends is ignored when no proxy
 * is trusted (the default).
 */

test("a token kept after sign-out is refused with 401", async ({ page, context, playwright }) => {
  const email = `${unique("signout")}@e2e.test`;
  await signUp(page, { name: "Sam Signout", email });
  await expect(page).toHaveURL(/\/onboarding$/);
  await confirmEmail(page, email);

  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session, "a session cookie after sign-in").toBeTruthy();
  const me = await page.request.get("/api/trpc/account.me");
  expect(me.status()).toBe(200);

  await page.goto("/account");
  await expect(page.getByTestId("sessions-list").getByTestId("session-row")).toHaveCount(1);
  await page.getByTestId("user-menu").first().click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // Someone who copied the cookie before sign-out replays it.
  const replay = await playwright.request.newContext({ baseURL: "http://localhost:3000", storageState: { cookies: session ? [session] : [], origins: [] } });
  try {
    const after = await replay.get("/api/trpc/account.me");
    expect(after.status()).toBe(401);
    const orgPage = await replay.get("/onboarding", { maxRedirects: 0 });
    expect(orgPage.status()).toBeGreaterThanOrEqual(300);
  } finally {
    await replay.dispose();
  }
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** HTTP from a chosen local address (127.0.0.2), so the server's TCP peer is not the usual 127.0.0.1. */
function raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: 3000, localAddress: "127.0.0.2", method, path, headers: { ...headers, ...(body ? { "content-length": Buffer.byteLength(body).toString() } : {}) } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

function cookieJar(): { header: () => string; take: (res: RawResponse) => void } {
  const jar = new Map<string, string>();
  return {
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
    take(res) {
      const set = res.headers["set-cookie"];
      for (const line of Array.isArray(set) ? set : set ? [set] : []) {
        const [pair] = line.split(";");
        const index = pair?.indexOf("=") ?? -1;
        if (pair && index > 0) jar.set(pair.slice(0, index), pair.slice(index + 1));
      }
    },
  };
}

test("the recorded client address is the TCP peer, not a forged X-Forwarded-For", async ({ page }) => {
  const email = `${unique("peer")}@e2e.test`;
  await signUp(page, { name: "Pat Peer", email });
  await expect(page).toHaveURL(/\/onboarding$/);

  const forged = { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6" };
  const jar = cookieJar();
  const csrf = await raw("GET", "/api/auth/csrf", { ...forged });
  jar.take(csrf);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ email, password: PASSWORD, csrfToken, json: "true", callbackUrl: "http://localhost:3000/" }).toString();
  const signIn = await raw("POST", "/api/auth/callback/credentials", { ...forged, cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" }, form);
  jar.take(signIn);
  expect(signIn.status).toBe(200);

  const sessions = await raw("GET", "/api/trpc/account.sessions", { ...forged, cookie: jar.header() });
  expect(sessions.status).toBe(200);
  const ips = (JSON.parse(sessions.body) as { result: { data: { json: { ip: string | null }[] } } }).result.data.json.map((s) => s.ip);
  expect(ips).toContain("127.0.0.2");
  expect(ips).not.toContain("6.6.6.6");
});
