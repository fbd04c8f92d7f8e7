import { isIP } from "node:net";
import { apiEnv } from "./env";

/**
 * The TCP peer of a request, stamped by `installPeerAddressHeader` on every incoming request.
 * Next.js does not expose the socket to route handlers, and it keeps a client's own
 * X-Forwarded-For untouched, so without this stamp the only "IP" available would be one the
 * client chose.
 */
export const PEER_ADDRESS_HEADER = "x-mg-peer-address";

type HeaderSource = Headers | Record<string, unknown> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  if (Array.isArray(value)) return value.join(",");
  return typeof value === "string" ? value : undefined;
}

function normalize(address: string): string | null {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  const unmapped = trimmed.toLowerCase().startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
  return isIP(unmapped) ? unmapped : null;
}

/**
 * The client's IP: walk the chain [X-Forwarded-For entries…, TCP peer] from the right, skipping
 * `trustedProxies` hops (each trusted proxy appends the address it received from). With no
 * trusted proxy the peer itself is the client, so a forged X-Forwarded-For changes nothing.
 * Null when the peer is unknown (the stamp is missing): callers key limits on that, never on a
 * header the client controls.
 */
export function clientIpFrom(headers: HeaderSource, trustedProxies: number = apiEnv().TRUSTED_PROXY_COUNT): string | null {
  const peer = header(headers, PEER_ADDRESS_HEADER);
  if (!peer) return null;
  const forwarded = (header(headers, "x-forwarded-for") ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  // A chain shorter than the configured proxies means a proxy did not append: the leftmost hop is the best we know.
  const hop = chain[Math.max(0, chain.length - 1 - trustedProxies)];
  return hop ? normalize(hop) : null;
}

interface PeerStampedRequest {
  headers: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string };
}

const INSTALLED = Symbol.for("mg.peer-address-header");

/**
 * Stamps every incoming HTTP request of this process with its TCP peer address, overwriting any
 * value the client sent. Called once from each app's instrumentation (Node runtime) before the
 * first request is handled; Next's server emits "request" on a node:http Server.
 */
export async function installPeerAddressHeader(): Promise<void> {
  const http = await import("node:http");
  const proto = http.Server.prototype as typeof http.Server.prototype & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function emitWithPeer(this: unknown, event: string | symbol, ...rest: unknown[]): boolean {
    if (event === "request") {
      const req = rest[0] as PeerStampedRequest;
      req.headers[PEER_ADDRESS_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return Reflect.apply(emit, this, [event, ...rest]) as boolean;
  } as typeof proto.emit;
}
