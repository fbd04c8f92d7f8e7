import { integrationsEnv } from "../env";
import { createLocalMediaStorage } from "./local";
import type { MediaStorage, MediaStorageKind } from "./storage";
import { createUploadthingStorage } from "./uploadthing";

export { MEDIA_LIMITS, mediaKindOf, type MediaMimeType } from "./limits";
export { inspectMedia, sniffMediaType, type MediaInspection } from "./inspect";
export { safeFileName, type MediaStorage, type MediaStorageKind, type PutMediaInput, type StoredMedia } from "./storage";
export { createLocalMediaStorage, isLocalMediaKey } from "./local";
export { createUploadthingStorage } from "./uploadthing";
export { openVerifiedMediaToken, serveVerifiedMedia, verifiedMediaKey, verifiedMediaUrl, verifiedMediaUrlFromEnv, DEFAULT_PROXY_HOSTS, VERIFIED_MEDIA_PATH, type ServeVerifiedMediaOptions } from "./verified";

/** Local disk under MEDIA_DIR; also what serves files that were stored locally before uploadthing was set up. */
export function localMediaStorage(): MediaStorage {
  const env = integrationsEnv();
  return createLocalMediaStorage({ root: env.MEDIA_DIR, appUrl: env.APP_URL });
}

/** Where new uploads go: uploadthing when UPLOADTHING_TOKEN is set, local disk otherwise. */
export function mediaStorage(): MediaStorage {
  const env = integrationsEnv();
  return env.UPLOADTHING_TOKEN ? createUploadthingStorage({ token: env.UPLOADTHING_TOKEN }) : localMediaStorage();
}

/** The storage an existing asset lives in (for deleting it), whatever new uploads use now. */
export function mediaStorageFor(kind: MediaStorageKind): MediaStorage {
  if (kind === "LOCAL") return localMediaStorage();
  const token = integrationsEnv().UPLOADTHING_TOKEN;
  if (!token) throw new Error("This file is stored on uploadthing, but UPLOADTHING_TOKEN is not set.");
  return createUploadthingStorage({ token });
}
