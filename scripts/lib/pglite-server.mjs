// A PostgreSQL wire-protocol server in front of one PGlite instance, for the embedded default.
//
// PGlite is a single backend session, so connections must take turns. @electric-sql/pglite-socket
// queues individual protocol messages, which lets another connection's Parse land between a
// client's Parse and Bind ("bind message supplies 6 parameters, but prepared statement requires
// 3"). Here a connection owns the database from its first message until PGlite reports
// ReadyForQuery with status Idle — a whole extended-protocol cycle, or a whole transaction — and
// only then may the next connection go. A client that disconnects mid-transaction is rolled back.
//
// Usage: node pglite-server.mjs <dataDir|memory://> <port>
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";

const [dataDir = "memory://", portArg = "54329"] = process.argv.slice(2);
const port = Number(portArg);
const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;

const db = await PGlite.create(dataDir === "memory://" ? undefined : dataDir);

let owner = null;
const waiting = [];
function acquire(conn) {
  if (owner === conn) return Promise.resolve();
  if (owner === null) {
    owner = conn;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push({ conn, resolve }));
}
function release(conn) {
  if (owner !== conn) return;
  owner = null;
  const next = waiting.shift();
  if (next) {
    owner = next.conn;
    next.resolve();
  }
}

/** The transaction status of the last ReadyForQuery ('Z') in a response, or null. */
function readyStatus(bytes) {
  let status = null;
  let offset = 0;
  while (offset + 5 <= bytes.length) {
    const type = bytes[offset];
    const length = (bytes[offset + 1] << 24) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 8) | bytes[offset + 4];
    if (type === 0x5a && length === 5) status = String.fromCharCode(bytes[offset + 5]);
    offset += 1 + length;
  }
  return status;
}

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  const conn = { socket };
  let buffer = Buffer.alloc(0);
  let started = false;
  let chain = Promise.resolve();
  let closed = false;

  const handle = async (message, isStartup) => {
    if (closed) return;
    await acquire(conn);
    if (closed) return release(conn);
    const chunks = [];
    try {
      await db.execProtocolRawStream(new Uint8Array(message), { onRawData: (data) => chunks.push(Buffer.from(data)) });
    } catch (error) {
      console.error("[pglite-server] protocol error:", error);
    }
    const response = Buffer.concat(chunks);
    if (response.length && socket.writable) socket.write(response);
    const status = readyStatus(response);
    // Idle after a Sync or simple Query: this client's cycle is over, let the next one in.
    if (isStartup || status === "I") release(conn);
  };

  socket.on("data", (data) => {
    buffer = Buffer.concat([buffer, data]);
    for (;;) {
      if (!started) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        const code = buffer.readInt32BE(4);
        if (code === SSL_REQUEST) {
          buffer = buffer.subarray(8);
          socket.write("N");
          continue;
        }
        if (code === CANCEL_REQUEST) {
          socket.end();
          return;
        }
        if (buffer.length < length) return;
        const message = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        started = true;
        chain = chain.then(() => handle(message, true));
        continue;
      }
      if (buffer.length < 5) return;
      const length = buffer.readInt32BE(1);
      if (buffer.length < 1 + length) return;
      const message = buffer.subarray(0, 1 + length);
      buffer = buffer.subarray(1 + length);
      if (message[0] === 0x58 /* Terminate */) {
        socket.end();
        return;
      }
      chain = chain.then(() => handle(message, false));
    }
  });

  const cleanup = () => {
    if (closed) return;
    closed = true;
    chain = chain.then(async () => {
      if (owner === conn) {
        if (db.isInTransaction()) await db.exec("ROLLBACK").catch(() => undefined);
        release(conn);
      } else {
        const index = waiting.findIndex((w) => w.conn === conn);
        if (index >= 0) waiting.splice(index, 1);
      }
    });
  };
  socket.on("close", cleanup);
  socket.on("error", cleanup);
});

server.listen(port, "127.0.0.1", () => console.log(`pglite-server listening on 127.0.0.1:${port} (data: ${dataDir})`));

const shutdown = async () => {
  server.close();
  await db.close().catch(() => undefined);
  process.exit(0);
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
