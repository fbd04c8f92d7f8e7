import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for uploadthing's two HTTP services, speaking the protocol the server SDK
 * uses: the ingest server takes `PUT /<fileKey>?…&signature=hmac-sha256=<hex>` with a multipart
 * `file` field (URL signed with the API key) and answers the file's URLs; the API server takes
 * `POST /v6/deleteFiles` with the `x-uploadthing-api-key` header.
 */
export interface FakeUploadthing {
  url: string;
  token: string;
  appId: string;
  files: Map<string, { name: string; type: string; bytes: Buffer; identifier: string | null }>;
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(payload));
}

export async function startFakeUploadthing(): Promise<FakeUploadthing> {
  const apiKey = `sk_test_${randomBytes(16).toString("hex")}`;
  const appId = `app${randomBytes(4).toString("hex")}`;
  const files: FakeUploadthing["files"] = new Map();
  const requests: FakeUploadthing["requests"] = [];
  let origin = "";

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", origin);
      requests.push({ method: req.method ?? "", path: url.pathname });
      if (req.method === "POST" && url.pathname === "/v6/deleteFiles") {
        if (req.headers["x-uploadthing-api-key"] !== apiKey) return json(res, 401, { error: "Invalid API key" });
        const { fileKeys } = JSON.parse((await body(req)).toString("utf8")) as { fileKeys: string[] };
        let deletedCount = 0;
        for (const key of fileKeys) if (files.delete(key)) deletedCount += 1;
        return json(res, 200, { success: true, deletedCount });
      }
      if (req.method === "PUT") {
        const full = `${origin}${req.url ?? ""}`;
        const signatureAt = full.lastIndexOf("&signature=");
        const signature = decodeURIComponent(full.slice(signatureAt + "&signature=".length));
        const expected = `hmac-sha256=${createHmac("sha256", apiKey).update(full.slice(0, signatureAt)).digest("hex")}`;
        if (signatureAt < 0 || signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
          return json(res, 403, { error: "Invalid signature" });
        }
        if (Number(url.searchParams.get("expires")) < Date.now()) return json(res, 403, { error: "URL expired" });
        const form = await new Response(new Uint8Array(await body(req)), { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
        const file = form.get("file");
        if (!(file instanceof Blob)) return json(res, 400, { error: "Missing file" });
        const key = url.pathname.slice(1);
        // The SDK sends the name in the signed URL (values URI-encoded once more before signing).
        const name = decodeURIComponent(url.searchParams.get("x-ut-file-name") ?? "");
        files.set(key, { name, type: file.type, bytes: Buffer.from(await file.arrayBuffer()), identifier: url.searchParams.get("x-ut-identifier") });
        const ufsUrl = `https://${appId}.ufs.sh/f/${key}`;
        return json(res, 200, { url: `https://utfs.io/f/${key}`, appUrl: `https://utfs.io/a/${appId}/${key}`, ufsUrl, fileHash: "fakehash", serverData: null });
      }
      json(res, 404, { error: "Not found" });
    })().catch((error: unknown) => json(res, 500, { error: String(error) }));
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = Buffer.from(JSON.stringify({ apiKey, appId, regions: ["fake1"] })).toString("base64");
  return {
    url: origin,
    token,
    appId,
    files,
    requests,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
