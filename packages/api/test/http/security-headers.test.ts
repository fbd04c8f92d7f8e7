import { describe, expect, it } from "vitest";
import {
  baseSecurityHeaders,
  createNonce,
  nextConfigSecurityHeaders,
  pageCsp,
  pageSecurity,
  resourceCsp,
  securityHeaderOptions,
  type SecurityHeaderOptions,
} from "../../src/security-headers";

const production: SecurityHeaderOptions = securityHeaderOptions({ nodeEnv: "production", frameAncestors: "'none'" });
const development: SecurityHeaderOptions = securityHeaderOptions({ nodeEnv: "development", frameAncestors: "'none'" });

/** A policy as directive → sources, the way a browser reads it. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name ?? "", sources]),
  );
}

describe("createNonce", () => {
  it("is 16 random bytes in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 200 }, createNonce));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(atob(nonce)).toHaveLength(16);
    }
  });
});

describe("pageCsp", () => {
  it("production: scripts only by this nonce (and what they load), never inline or eval", () => {
    const csp = directives(pageCsp("abc123", production));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("img-src")).toEqual(expect.arrayContaining(["'self'", "blob:", "data:"]));
    expect(pageCsp("abc123", production)).not.toContain("unsafe-eval");
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it("styles allow inline (React style attributes, runtime <style> tags) and carry no nonce, which would switch that off", () => {
    const styles = directives(pageCsp("abc123", production)).get("style-src") ?? [];
    expect(styles).toContain("'unsafe-inline'");
    expect(styles.some((source) => source.startsWith("'nonce-"))).toBe(false);
  });

  it("next dev adds only 'unsafe-eval' (React's dev error stacks)", () => {
    const dev = directives(pageCsp("n", development));
    const prod = directives(pageCsp("n", production));
    expect(dev.get("script-src")).toEqual([...(prod.get("script-src") ?? []), "'unsafe-eval'"]);
    for (const [name, sources] of prod) if (name !== "script-src") expect(dev.get(name)).toEqual(sources);
  });

  it("upgrades insecure subresources only for pages served over https", () => {
    expect(directives(pageCsp("n", { ...production, https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("takes the frame-ancestors it is given", () => {
    expect(directives(pageCsp("n", { ...production, frameAncestors: "'self'" })).get("frame-ancestors")).toEqual(["'self'"]);
  });
});

describe("resourceCsp", () => {
  it("lets API responses and static files run, load or frame nothing", () => {
    expect(directives(resourceCsp(production))).toEqual(
      new Map([
        ["default-src", ["'none'"]],
        ["frame-ancestors", ["'none'"]],
        ["base-uri", ["'none'"]],
        ["form-action", ["'none'"]],
      ]),
    );
  });
});

describe("baseSecurityHeaders", () => {
  const byKey = (headers: { key: string; value: string }[]) => Object.fromEntries(headers.map((h) => [h.key, h.value]));

  it("production builds send HSTS with nosniff, a referrer policy and no framing", () => {
    expect(byKey(baseSecurityHeaders(production))).toEqual({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Permissions-Policy": expect.stringContaining("camera=()"),
      "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    });
  });

  it("next dev and tests send no HSTS (a developer's localhost must not be pinned to https)", () => {
    expect(byKey(baseSecurityHeaders(development))).not.toHaveProperty("Strict-Transport-Security");
    expect(byKey(baseSecurityHeaders(securityHeaderOptions({ nodeEnv: "test", frameAncestors: "'none'" })))).not.toHaveProperty("Strict-Transport-Security");
  });

  it("X-Frame-Options follows frame-ancestors", () => {
    expect(byKey(baseSecurityHeaders({ ...production, frameAncestors: "'self'" }))["X-Frame-Options"]).toBe("SAMEORIGIN");
  });
});

describe("nextConfigSecurityHeaders", () => {
  it("base headers on every path, the resource CSP only where the proxy does not run", () => {
    const rules = nextConfigSecurityHeaders(production, ["/api/:path+", "/icon.svg"]);
    expect(rules[0]).toEqual({ source: "/:path*", headers: baseSecurityHeaders(production) });
    expect(rules[0]?.headers.some((h) => h.key === "Content-Security-Policy")).toBe(false);
    expect(rules.slice(1)).toEqual([
      { source: "/api/:path+", headers: [{ key: "Content-Security-Policy", value: resourceCsp(production) }] },
      { source: "/icon.svg", headers: [{ key: "Content-Security-Policy", value: resourceCsp(production) }] },
    ]);
  });
});

describe("pageSecurity (what each proxy does)", () => {
  it("puts the same fresh nonce in the request's CSP (for Next.js), in x-nonce and in the response policy", () => {
    const incoming = new Headers({ cookie: "a=b", "content-security-policy": "script-src *" });
    const { nonce, csp, requestHeaders } = pageSecurity(new URL("http://localhost:3000/brightwave"), incoming, production);
    expect(requestHeaders.get("content-security-policy")).toBe(csp);
    expect(requestHeaders.get("x-nonce")).toBe(nonce);
    expect(requestHeaders.get("cookie")).toBe("a=b");
    expect(directives(csp).get("script-src")).toContain(`'nonce-${nonce}'`);
    // The incoming headers are not changed, and a client's own CSP header is replaced.
    expect(incoming.get("x-nonce")).toBeNull();
    expect(csp).not.toContain("script-src *");
    expect(pageSecurity(new URL("http://localhost:3000/"), new Headers(), production).nonce).not.toBe(nonce);
  });

  it("upgrade-insecure-requests when the page came over https, directly or through a TLS proxy", () => {
    const has = (url: string, headers: Record<string, string> = {}) => directives(pageSecurity(new URL(url), new Headers(headers), production).csp).has("upgrade-insecure-requests");
    expect(has("https://app.example.com/")).toBe(true);
    expect(has("http://10.0.0.5:3000/", { "x-forwarded-proto": "https" })).toBe(true);
    expect(has("http://localhost:3000/")).toBe(false);
  });
});
