import { MEDIA_LIMITS, type MediaMimeType, mediaKindOf } from "./limits";
import { formatBytes } from "../validation";

/**
 * What a file really is, from its bytes — never from the name or the browser's claimed type —
 * plus the dimensions the networks' rules need. Pure parsing of headers, no native modules.
 */
export type MediaInspection =
  | {
      ok: true;
      mimeType: MediaMimeType;
      kind: "IMAGE" | "VIDEO";
      sizeBytes: number;
      width: number | null;
      height: number | null;
      durationSeconds: number | null;
      /** The claimed type differed from the real one (the real one is used). */
      claimedTypeMismatch: boolean;
    }
  | { ok: false; error: string; mimeType: MediaMimeType | null };

export function inspectMedia(bytes: Uint8Array, claimedMimeType?: string | null): MediaInspection {
  const mimeType = sniffMediaType(bytes);
  if (!mimeType) {
    return { ok: false, mimeType: null, error: "This file is not a supported image or video (JPEG, PNG, GIF, WebP, MP4, MOV or WebM)." };
  }
  const kind = mediaKindOf(mimeType) ?? "IMAGE";
  const maxBytes = kind === "IMAGE" ? MEDIA_LIMITS.maxImageBytes : MEDIA_LIMITS.maxVideoBytes;
  if (bytes.length > maxBytes) {
    return { ok: false, mimeType, error: `${kind === "IMAGE" ? "Images" : "Videos"} may be up to ${formatBytes(maxBytes)}; this one is ${formatBytes(bytes.length)}.` };
  }
  const info: VideoInfo | null = kind === "IMAGE" ? { ...imageDimensions(bytes, mimeType), durationSeconds: null } : isoBmff(mimeType) ? isoBmffInfo(bytes) : null;
  return {
    ok: true,
    mimeType,
    kind,
    sizeBytes: bytes.length,
    width: info?.width ?? null,
    height: info?.height ?? null,
    durationSeconds: info?.durationSeconds ?? null,
    claimedTypeMismatch: claimedMimeType != null && claimedMimeType !== "" && claimedMimeType.toLowerCase() !== mimeType,
  };
}

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/** The real type from magic bytes, or null when it is none of the accepted types. */
export function sniffMediaType(bytes: Uint8Array): MediaMimeType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") return "image/gif";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "image/webp";
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return "video/webm";
  if (ascii(bytes, 4, 4) === "ftyp") {
    const brand = ascii(bytes, 8, 4);
    return brand === "qt  " ? "video/quicktime" : "video/mp4";
  }
  // Old QuickTime files start with a bare moov/mdat/wide box instead of ftyp.
  if (["moov", "mdat", "wide", "free", "skip"].includes(ascii(bytes, 4, 4)) && bytes.length >= 16) return "video/quicktime";
  return null;
}

const isoBmff = (mimeType: MediaMimeType) => mimeType === "video/mp4" || mimeType === "video/quicktime";

interface Dimensions {
  width: number;
  height: number;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function imageDimensions(bytes: Uint8Array, mimeType: MediaMimeType): Dimensions | null {
  const dv = view(bytes);
  try {
    switch (mimeType) {
      case "image/png":
        // IHDR is the first chunk: width and height big-endian at 16 and 20.
        return ascii(bytes, 12, 4) === "IHDR" ? { width: dv.getUint32(16), height: dv.getUint32(20) } : null;
      case "image/gif":
        return { width: dv.getUint16(6, true), height: dv.getUint16(8, true) };
      case "image/webp":
        return webpDimensions(bytes, dv);
      case "image/jpeg":
        return jpegDimensions(bytes, dv);
      default:
        return null;
    }
  } catch {
    // A truncated header: the type is known, the size is not.
    return null;
  }
}

function webpDimensions(bytes: Uint8Array, dv: DataView): Dimensions | null {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === "VP8X") {
    const w = 1 + (dv.getUint16(24, true) | (dv.getUint8(26) << 16));
    const h = 1 + (dv.getUint16(27, true) | (dv.getUint8(29) << 16));
    return { width: w, height: h };
  }
  if (chunk === "VP8L") {
    const b = dv.getUint32(21, true);
    return { width: 1 + (b & 0x3fff), height: 1 + ((b >> 14) & 0x3fff) };
  }
  if (chunk === "VP8 ") {
    // Key frame start code 9d 01 2a at 23, then 14-bit width and height.
    if (!startsWith(bytes, [0x9d, 0x01, 0x2a], 23)) return null;
    return { width: dv.getUint16(26, true) & 0x3fff, height: dv.getUint16(28, true) & 0x3fff };
  }
  return null;
}

/** Walks JPEG segments to the first start-of-frame marker (SOF0–SOF15 except DHT/JPG/DAC). */
function jpegDimensions(bytes: Uint8Array, dv: DataView): Dimensions | null {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    const length = dv.getUint16(offset + 2);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return { height: dv.getUint16(offset + 5), width: dv.getUint16(offset + 7) };
    if (marker === 0xda || marker === 0xd9) return null;
    offset += 2 + length;
  }
  return null;
}

interface Box {
  type: string;
  start: number;
  end: number;
}

function* boxes(bytes: Uint8Array, dv: DataView, start: number, end: number): Generator<Box> {
  let offset = start;
  while (offset + 8 <= end) {
    let size = dv.getUint32(offset);
    const type = ascii(bytes, offset + 4, 4);
    let header = 8;
    if (size === 1) {
      if (offset + 16 > end) return;
      size = Number(dv.getBigUint64(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < header) return;
    yield { type, start: offset + header, end: Math.min(offset + size, end) };
    offset += size;
  }
}

/** MP4/MOV: duration from `mvhd`, frame size from the first `tkhd` with a non-zero size. */
interface VideoInfo {
  width?: number | null;
  height?: number | null;
  durationSeconds: number | null;
}

function isoBmffInfo(bytes: Uint8Array): VideoInfo | null {
  const dv = view(bytes);
  try {
    const moov = [...boxes(bytes, dv, 0, bytes.length)].find((b) => b.type === "moov");
    if (!moov) return null;
    let durationSeconds: number | null = null;
    let size: Dimensions | null = null;
    for (const box of boxes(bytes, dv, moov.start, moov.end)) {
      if (box.type === "mvhd") {
        const version = dv.getUint8(box.start);
        const timescale = dv.getUint32(box.start + (version === 1 ? 20 : 12));
        const duration = version === 1 ? Number(dv.getBigUint64(box.start + 24)) : dv.getUint32(box.start + 16);
        if (timescale > 0) durationSeconds = duration / timescale;
      }
      if (box.type === "trak" && !size) {
        const tkhd = [...boxes(bytes, dv, box.start, box.end)].find((b) => b.type === "tkhd");
        if (tkhd) {
          const version = dv.getUint8(tkhd.start);
          // Width and height are the last 8 bytes of tkhd, 16.16 fixed point.
          const at = tkhd.start + (version === 1 ? 88 : 76);
          const width = dv.getUint32(at) >>> 16;
          const height = dv.getUint32(at + 4) >>> 16;
          if (width > 0 && height > 0) size = { width, height };
        }
      }
    }
    return { ...size, durationSeconds };
  } catch {
    return null;
  }
}
