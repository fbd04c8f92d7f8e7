import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { integrationsEnv } from "@mg/integrations/env";
import { parseAuthorizationParams } from "../src/app/sandbox/sandbox-consent";
import { POST as decide } from "../src/app/sandbox/authorize/decision/route";

const APP_URL = "https://app.example.com";
const request = (redirectUri: string) => ({ state: "st_123", code_challenge: "challenge", redirect_uri: redirectUri });

describe("the Sandbox consent page redirects only to the app's own callback", () => {
  it("accepts the callback at APP_URL (with or without a trailing slash on APP_URL)", () => {
    expect(parseAuthorizationParams(request(`${APP_URL}/api/integrations/sandbox/callback`), APP_URL)).toMatchObject({ ok: true });
    expect(parseAuthorizationParams(request(`${APP_URL}/api/integrations/sandbox/callback`), `${APP_URL}/`)).toMatchObject({ ok: true });
  });

  it.each([
    ["another host", "https://evil.example/api/integrations/sandbox/callback"],
    ["a look-alike host", "https://app.example.com.evil.example/api/integrations/sandbox/callback"],
    ["another scheme", "http://app.example.com/api/integrations/sandbox/callback"],
    ["another port", "https://app.example.com:8443/api/integrations/sandbox/callback"],
    ["credentials in the URL", "https://attacker@app.example.com/api/integrations/sandbox/callback"],
    ["another path", "https://app.example.com/api/integrations/sandbox/callback/../../../evil"],
    ["a query of its own", "https://app.example.com/api/integrations/sandbox/callback?next=https://evil.example"],
    ["a javascript: URL", "javascript:alert(1)//api/integrations/sandbox/callback"],
  ])("refuses %s", (_, redirectUri) => {
    expect(parseAuthorizationParams(request(redirectUri), APP_URL)).toEqual({ ok: false, reason: "The redirect address is not registered for this app." });
  });

  it("the decision route answers 400 for a foreign redirect and 303 to APP_URL for its own", async () => {
    const appUrl = integrationsEnv().APP_URL;
    const post = (redirectUri: string) =>
      decide(
        new NextRequest(`${appUrl}/sandbox/authorize/decision`, {
          method: "POST",
          body: new URLSearchParams({ ...request(redirectUri), decision: "allow", name: "Northwind", handle: "northwind" }),
        }),
      );
    const foreign = await post("https://evil.example/api/integrations/sandbox/callback");
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get("location")).toBeNull();

    const own = await post(`${appUrl}/api/integrations/sandbox/callback`);
    expect(own.status).toBe(303);
    const location = new URL(own.headers.get("location") ?? "");
    expect(location.origin).toBe(new URL(appUrl).origin);
    expect(location.pathname).toBe("/api/integrations/sandbox/callback");
    expect(location.searchParams.get("state")).toBe("st_123");
    expect(location.searchParams.get("code")).toMatch(/^sbx\./);
  });
});
