import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { integrationsEnv, tokenKeys, type IntegrationsEnv } from "../env";

/**
 * Media URLs on the app's own domain for networks that pull media only from URL prefixes the app
 * has verified with them (TikTok's PULL_FROM_URL). Files stored locally are served there already
 * (`<APP_URL>/api/media/<key>`); files elsewhere (uploadthing's CDN, whose domain no deployment
 * can verify) get a signed, expiring URL under `<APP_URL>/api/media/verified/`, which the web app
 * answers by streaming the file from its store. Only this server can mint such a URL (HMAC with a
 * key derived from the token encryption key), and only storage hosts are ever fetched.
 */

export const VERIFIED_MEDIA_PATH = "/api/media/verified/";

/** Long enough for a scheduled publish and the network's pull; a leaked link dies within a day. */
const DEFAULT_TTL_SECONDS = 24 * 3600;

/** uploadthing's file hosts: the only upstreams the route fetches from. */
export const DEFAULT_PROXY_HOSTS: readonly RegExp[] = [/^utfs\.io$/, /^[a-z0-9-]+\.ufs\.sh$/, /^[a-z0-9-]+\.utfs\.io$/];

export interface VerifiedMediaOptions {
  appUrl: string;
  key: Buffer;
  now?: Date;
  ttlSeconds?: number;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

function sign(key: Buffer, payload: string): Buffer {
  return createHmac("sha256", key).update(payload).digest();
}

/** A URL on the app's own media route for `url` (unchanged when the app serves it already). */
export function verifiedMediaUrl(url: string, options: VerifiedMediaOptions): string {
  const appUrl = options.appUrl.replace(/\/+$/, "");
  if (url.startsWith(`${appUrl}/api/media/`)) return url;
  const expires = Math.floor((options.now ?? new Date()).getTime() / 1000) + (options.ttlSeconds ?? DEFAULT_TTL_SECONDS);
  const payload = base64url(JSON.stringify({ u: url, e: expires }));
  return `${appUrl}${VERIFIED_MEDIA_PATH}${payload}.${base64url(sign(options.key, payload))}`;
}

/** The upstream URL a token stands for, or null when it is forged, altered or expired. */
export function openVerifiedMediaToken(token: string, options: { key: Buffer; now?: Date }): string | null {
  const match = /^([A-Za-z0-9_-]{1,4000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) return null;
  const expected = sign(options.key, match[1]);
  const given = Buffer.from(match[2], "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof claims !== "object" || claims === null || !("u" in claims) || !("e" in claims)) return null;
  const { u, e } = claims;
  if (typeof u !== "string" || typeof e !== "number") return null;
  return e * 1000 > (options.now ?? new Date()).getTime() ? u : null;
}

/** The signing key: its own derivation of the token key, so neither can stand in for the other. */
export function verifiedMediaKey(env: IntegrationsEnv = integrationsEnv()): Buffer {
  return Buffer.from(hkdfSync("sha256", tokenKeys(env).current, "marketing-genius/verified-media", "hmac-sha256 v1", 32));
}

/** Minted with this deployment's APP_URL and key (what the TikTok adapter gets from the registry). */
export function verifiedMediaUrlFromEnv(url: string, env: IntegrationsEnv = integrationsEnv()): string {
  return verifiedMediaUrl(url, { appUrl: env.APP_URL, key: verifiedMediaKey(env) });
}

export interface ServeVerifiedMediaOptions {
  key?: Buffer;
  now?: Date;
  /** Hosts the upstream URL may be on (default: uploadthing's). */
  hosts?: readonly RegExp[];
  /** Whether plain http upstreams are allowed (tests' local stand-ins only). */
  allowHttp?: boolean;
  fetch?: typeof fetch;
}

/**
 * The web route's handler: checks the token, fetches the file from its store and streams it.
 * Anything wrong answers 404 (no hint which part was), and only images and videos are passed on.
 */
export async function serveVerifiedMedia(request: Request, token: string, options: ServeVerifiedMediaOptions = {}): Promise<Response> {
  const upstream = openVerifiedMediaToken(token, { key: options.key ?? verifiedMediaKey(), now: options.now });
  if (!upstream) return notFound();
  let url: URL;
  try {
    url = new URL(upstream);
  } catch {
    return notFound();
  }
  const allowed = (target: URL) =>
    (target.protocol === "https:" || (options.allowHttp === true && target.protocol === "http:")) && (options.hosts ?? DEFAULT_PROXY_HOSTS).some((host) => host.test(target.hostname));
  if (!allowed(url)) return notFound();

  const range = request.headers.get("range");
  let answer: Response | undefined;
  try {
    // A store may redirect (utfs.io → <app>.ufs.sh): each hop must stay on a storage host.
    for (let hop = 0; hop < 3; hop++) {
      answer = await (options.fetch ?? fetch)(url, { method: request.method === "HEAD" ? "HEAD" : "GET", headers: range ? { range } : {}, redirect: "manual", signal: AbortSignal.timeout(60_000) });
      const location = answer.status >= 300 && answer.status < 400 ? answer.headers.get("location") : null;
      if (!location) break;
      await answer.body?.cancel();
      url = new URL(location, url);
      if (!allowed(url)) return notFound();
    }
  } catch {
    return new Response("The file could not be fetched", { status: 502, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  if (!answer) return notFound();
  const type = answer.headers.get("content-type") ?? "";
  if ((answer.status !== 200 && answer.status !== 206) || !/^(image|video)\//.test(type)) {
    await answer.body?.cancel();
    return notFound();
  }
  const headers = new Headers({
    "content-type": type,
    "cache-control": "public, max-age=300",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
  });
  for (const name of ["content-length", "content-range", "accept-ranges", "etag", "last-modified"]) {
    const value = answer.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(request.method === "HEAD" ? null : answer.body, { status: answer.status, headers });
}

function notFound(): Response {
  return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
