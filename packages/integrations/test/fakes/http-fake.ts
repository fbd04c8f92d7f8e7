import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The plumbing shared by the fake network servers: a real node:http server on port 0, a tiny
 * router, a log of every request, scripted failures ("fail the next N calls with 429 and these
 * headers") and stalls (for timeouts), static media files the adapters download, and a clock the
 * tests move forward (tokens expire and timelines catch up on it, as on the real networks).
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  /** JSON object, urlencoded form or multipart fields (files as their byte length). */
  body: Record<string, unknown>;
  bearer: string | undefined;
}

export interface FakeReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (request: RecordedRequest, params: Record<string, string>) => FakeReply | Promise<FakeReply>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

interface ScriptedFailure extends FakeReply {
  match?: RegExp;
}

export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];
  private readonly failures: ScriptedFailure[] = [];
  private stallMs = 0;
  private readonly files = new Map<string, { bytes: Buffer; type: string }>();
  private readonly server: Server;
  private clockOffsetMs = 0;
  baseUrl = "";

  /** The fake network's "now": real time plus whatever the test has advanced. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Moves the fake network's clock forward (token expiry, timeline lag, daily caps). */
  advance(ms: number): void {
    this.clockOffsetMs += ms;
  }

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        void this.handle(req.method ?? "GET", req.url ?? "/", req.headers, Buffer.concat(chunks)).then(
          async (reply) => {
            if (this.stallMs > 0) {
              const ms = this.stallMs;
              this.stallMs = 0;
              await new Promise((resolve) => setTimeout(resolve, ms));
            }
            if (res.destroyed) return;
            const isBuffer = Buffer.isBuffer(reply.body);
            const headers: Record<string, string> = { ...(reply.body !== undefined && !isBuffer ? { "content-type": "application/json" } : {}), ...reply.headers };
            res.writeHead(reply.status ?? 200, headers);
            res.end(reply.body === undefined ? undefined : isBuffer ? reply.body : JSON.stringify(reply.body));
          },
          (error: unknown) => {
            res.writeHead(500, { "content-type": "text/plain" });
            res.end(String(error));
          },
        );
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** `pattern` like "/v2/tweets/:id"; params match one path segment (URL-decoded). */
  on(method: string, pattern: string, handler: Handler): this {
    const names: string[] = [];
    const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\/:(\w+)/g, (_m, name: string) => {
      names.push(name);
      return "/([^/]+)";
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  /** The next `count` calls (to paths matching `match`, default any API path) answer `reply`. */
  failNext(count: number, reply: FakeReply, match?: RegExp): void {
    for (let i = 0; i < count; i++) this.failures.push({ ...reply, match });
  }

  /** The next answer is held back `ms` milliseconds (after the request was processed). */
  stallNext(ms: number): void {
    this.stallMs = ms;
  }

  /** A public media file the adapters (or the fake network) can fetch. */
  mediaUrl(name: string, bytes: Buffer, type: string): string {
    this.files.set(name, { bytes, type });
    return `${this.baseUrl}/media/${name}`;
  }

  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  reset(): void {
    this.requests.length = 0;
    this.failures.length = 0;
    this.stallMs = 0;
    this.clockOffsetMs = 0;
  }

  private async handle(method: string, rawUrl: string, headers: IncomingHttpHeaders, raw: Buffer): Promise<FakeReply> {
    const url = new URL(rawUrl, "http://fake");
    if ((method === "GET" || method === "HEAD") && url.pathname.startsWith("/media/")) {
      const file = this.files.get(decodeURIComponent(url.pathname.slice("/media/".length)));
      return file ? { body: file.bytes, headers: { "content-type": file.type, "content-length": String(file.bytes.length) } } : { status: 404, body: Buffer.from("not found") };
    }
    const authorization = headers.authorization;
    const request: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers,
      raw,
      body: await parseBody(headers["content-type"], raw),
      bearer: authorization?.startsWith("Bearer ") ? authorization.slice("Bearer ".length) : undefined,
    };
    this.requests.push(request);
    const failureIndex = this.failures.findIndex((f) => !f.match || f.match.test(url.pathname));
    if (failureIndex >= 0) {
      const [failure] = this.failures.splice(failureIndex, 1);
      if (failure) return failure;
    }
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? "")]));
      return route.handler(request, params);
    }
    return { status: 404, body: { message: `No fake route for ${method} ${url.pathname}` } };
  }
}

async function parseBody(contentType: string | undefined, raw: Buffer): Promise<Record<string, unknown>> {
  if (raw.length === 0 || !contentType) return {};
  if (contentType.includes("application/json")) {
    const parsed: unknown = JSON.parse(raw.toString("utf8"));
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  if (contentType.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
  if (contentType.includes("multipart/form-data")) {
    const form = await new Request("http://fake/", { method: "POST", headers: { "content-type": contentType }, body: new Uint8Array(raw) }).formData();
    const fields: Record<string, unknown> = {};
    for (const [key, value] of form.entries()) fields[key] = typeof value === "string" ? value : value.size;
    return fields;
  }
  return { bytes: raw.length };
}

export function json(status: number, body: unknown, headers?: Record<string, string>): FakeReply {
  return { status, body, headers };
}
