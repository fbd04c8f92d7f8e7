import { expect } from "vitest";
import { NetworkError, type NetworkErrorCode, type PublishMedia, type PublishRequest } from "../../src/types";

/** Shared helpers for the network adapter tests. */

export function image(url: string, extra: Partial<PublishMedia> = {}): PublishMedia {
  return { url, mimeType: "image/jpeg", kind: "IMAGE", sizeBytes: 200_000, width: 1080, height: 1080, ...extra };
}

export function video(url: string, extra: Partial<PublishMedia> = {}): PublishMedia {
  return { url, mimeType: "video/mp4", kind: "VIDEO", sizeBytes: 5_000_000, durationSeconds: 30, ...extra };
}

let counter = 0;

export function request(text: string, media: PublishMedia[] = [], firstComment?: string): PublishRequest {
  return { text, media, firstComment: firstComment ?? null, idempotencyKey: `key-${++counter}` };
}

export interface ExpectedError {
  code: NetworkErrorCode;
  retryable?: boolean;
  status?: number | undefined;
  retryAfterSeconds?: number;
  message?: string | RegExp;
}

/** Awaits a rejection and checks it is the NetworkError the publisher relies on. */
export async function expectNetworkError(promise: Promise<unknown>, expected: ExpectedError): Promise<NetworkError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NetworkError);
  const networkError = error as NetworkError;
  expect(networkError.code).toBe(expected.code);
  if (expected.retryable !== undefined) expect(networkError.retryable).toBe(expected.retryable);
  if ("status" in expected) expect(networkError.status).toBe(expected.status);
  if (expected.retryAfterSeconds !== undefined) expect(networkError.retryAfterSeconds).toBe(expected.retryAfterSeconds);
  if (typeof expected.message === "string") expect(networkError.message).toBe(expected.message);
  else if (expected.message) expect(networkError.message).toMatch(expected.message);
  return networkError;
}
