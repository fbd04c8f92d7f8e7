import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local OpenAI-compatible server answering `POST /v1/chat/completions` the way OpenAI (and
 * Ollama, vLLM…) do. `reply` decides each answer: the assistant's text, or an HTTP error.
 */
export interface FakeOpenAi {
  baseURL: string;
  requests: { path: string; authorization: string | undefined; body: Record<string, unknown> }[];
  reply: (body: Record<string, unknown>) => { content: string } | { status: number; error: { message: string; type: string } };
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const fake: Omit<FakeOpenAi, "baseURL" | "close"> = { requests: [], reply: () => ({ content: "{}" }) };
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readJson(req);
      fake.requests.push({ path: req.url ?? "", authorization: req.headers.authorization, body });
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `Unknown endpoint ${req.method} ${req.url}`, type: "invalid_request_error" } }));
        return;
      }
      const answer = fake.reply(body);
      if ("status" in answer) {
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: answer.error }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "chatcmpl-fake",
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: String(body.model ?? "fake"),
          choices: [{ index: 0, message: { role: "assistant", content: answer.content }, finish_reason: "stop" }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        }),
      );
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  });
}
