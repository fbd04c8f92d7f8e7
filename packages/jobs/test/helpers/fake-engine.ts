import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedEvent {
  name: string;
  id?: string;
  data: Record<string, unknown>;
  ts?: number;
}

export interface FakeEngine {
  url: string;
  /** Every event received, in order. */
  events: ReceivedEvent[];
  /** Request paths, e.g. /e/<event key>. */
  paths: string[];
  close(): Promise<void>;
}

/**
 * Just enough of Inngest's event API for the SDK's `send()`: POST /e/<event key> with a JSON
 * array (or one object) of events, answered with `{ ids, status: 200 }` (the shape the SDK's
 * sendEventResponseSchema parses).
 */
export async function startFakeEngine(): Promise<FakeEngine> {
  const events: ReceivedEvent[] = [];
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "";
      if (req.method !== "POST" || !/^\/e\/[^/]+$/.test(path)) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found", status: 404 }));
        return;
      }
      paths.push(path);
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const batch = (Array.isArray(body) ? body : [body]) as ReceivedEvent[];
      events.push(...batch);
      const ids = batch.map((_, index) => `01FAKEENGINE${String(events.length - batch.length + index).padStart(14, "0")}`);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids, status: 200 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    paths,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** A localhost port with nothing listening: connections are refused at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Keeps the SDK's warnings out of the test output. */
export const silentLogger = { info() {}, warn() {}, error() {}, debug() {} };

/** Accepts connections and never answers: a black-holed engine. */
export async function startHangingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
