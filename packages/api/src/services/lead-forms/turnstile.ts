import { z } from "zod";
import { apiEnv } from "../../env";

/**
 * Cloudflare Turnstile, verified on the server (https://developers.cloudflare.com/turnstile/get-started/server-side-validation/):
 * POST secret, response and remoteip as a form to siteverify; `success` decides. A network error
 * or an unreadable answer is a failed check (the visitor may retry), never a pass.
 */
const answer = z.object({ success: z.boolean(), "error-codes": z.array(z.string()).optional() });

export interface TurnstileResult {
  success: boolean;
  errorCodes: string[];
}

export async function verifyTurnstile(input: { secret: string; response: string; remoteIp: string | null; idempotencyKey?: string }, options: { endpoint?: string; timeoutMs?: number } = {}): Promise<TurnstileResult> {
  if (input.response === "" || input.response.length > 2_048) return { success: false, errorCodes: ["missing-input-response"] };
  const body = new URLSearchParams({ secret: input.secret, response: input.response });
  if (input.remoteIp) body.set("remoteip", input.remoteIp);
  if (input.idempotencyKey) body.set("idempotency_key", input.idempotencyKey);
  try {
    const response = await fetch(options.endpoint ?? apiEnv().TURNSTILE_VERIFY_URL, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
    if (!response.ok) return { success: false, errorCodes: [`http-${response.status}`] };
    const parsed = answer.safeParse(await response.json());
    if (!parsed.success) return { success: false, errorCodes: ["bad-answer"] };
    return { success: parsed.data.success, errorCodes: parsed.data["error-codes"] ?? [] };
  } catch {
    return { success: false, errorCodes: ["unreachable"] };
  }
}
