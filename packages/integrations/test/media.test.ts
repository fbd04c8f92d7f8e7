import "./helpers/env";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetIntegrationsEnv } from "../src/env";
import {
  createLocalMediaStorage,
  createUploadthingStorage,
  inspectMedia,
  MEDIA_LIMITS,
  mediaStorage,
  mediaStorageFor,
  safeFileName,
  sniffMediaType,
} from "../src/media";
import { startFakeUploadthing } from "./helpers/fake-uploadthing";

afterEach(() => {
  vi.unstubAllEnvs();
  resetIntegrationsEnv();
});

// --- Minimal but well-formed file headers -------------------------------------------------------

const u32 = (n: number) => Buffer.from([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const u16 = (n: number) => Buffer.from([(n >>> 8) & 255, n & 255]);
const le16 = (n: number) => Buffer.from([n & 255, (n >>> 8) & 255]);
const le24 = (n: number) => Buffer.from([n & 255, (n >>> 8) & 255, (n >>> 16) & 255]);
const le32 = (n: number) => Buffer.from([n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255]);

function png(width: number, height: number): Buffer {
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([8, 6, 0, 0, 0])]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), u32(13), Buffer.from("IHDR"), ihdr, u32(0), Buffer.alloc(32)]);
}

function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.concat([Buffer.from([0xff, 0xe0]), u16(16), Buffer.from("JFIF\0"), Buffer.alloc(9)]);
  const sof2 = Buffer.concat([Buffer.from([0xff, 0xc2]), u16(17), Buffer.from([8]), u16(height), u16(width), Buffer.alloc(10)]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof2, Buffer.from([0xff, 0xd9])]);
}

const gif = (width: number, height: number) => Buffer.concat([Buffer.from("GIF89a"), le16(width), le16(height), Buffer.alloc(20)]);

function webp(chunk: "VP8X" | "VP8L" | "VP8 ", width: number, height: number): Buffer {
  let payload: Buffer;
  if (chunk === "VP8X") payload = Buffer.concat([Buffer.alloc(4), le24(width - 1), le24(height - 1)]);
  else if (chunk === "VP8L") payload = Buffer.concat([Buffer.from([0x2f]), le32(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14)), Buffer.alloc(4)]);
  else payload = Buffer.concat([Buffer.from([0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a]), le16(width), le16(height), Buffer.alloc(4)]);
  const body = Buffer.concat([Buffer.from("WEBP"), Buffer.from(chunk), le32(payload.length), payload]);
  return Buffer.concat([Buffer.from("RIFF"), le32(body.length), body]);
}

const box = (type: string, ...children: Buffer[]) => {
  const body = Buffer.concat(children);
  return Buffer.concat([u32(body.length + 8), Buffer.from(type), body]);
};

function tkhd(width: number, height: number): Buffer {
  return box("tkhd", Buffer.alloc(76), u32(width * 65536), u32(height * 65536));
}

function mp4(brand: string, width: number, height: number, seconds: number): Buffer {
  const mvhd = box("mvhd", Buffer.alloc(12), u32(1000), u32(seconds * 1000), Buffer.alloc(80));
  // An audio track (no size) before the video track, as real files often have.
  const moov = box("moov", mvhd, box("trak", tkhd(0, 0)), box("trak", tkhd(width, height)));
  return Buffer.concat([box("ftyp", Buffer.from(brand), u32(0), Buffer.from(brand)), box("free"), moov, box("mdat", Buffer.alloc(64))]);
}

const webm = () => Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(40)]);

describe("inspectMedia", () => {
  it("sniffs the real type and reads image sizes from the headers", () => {
    const cases: [Buffer, string, number | null, number | null][] = [
      [png(1200, 630), "image/png", 1200, 630],
      [jpeg(1080, 1350), "image/jpeg", 1080, 1350],
      [gif(320, 240), "image/gif", 320, 240],
      [webp("VP8X", 3000, 2000), "image/webp", 3000, 2000],
      [webp("VP8L", 640, 480), "image/webp", 640, 480],
      [webp("VP8 ", 800, 600), "image/webp", 800, 600],
    ];
    for (const [bytes, mimeType, width, height] of cases) {
      expect(inspectMedia(bytes, mimeType)).toEqual({ ok: true, mimeType, kind: "IMAGE", sizeBytes: bytes.length, width, height, durationSeconds: null, claimedTypeMismatch: false });
    }
  });

  it("recognises MP4, QuickTime and WebM videos, with size and duration where the container says", () => {
    expect(inspectMedia(mp4("isom", 1920, 1080, 42), "video/mp4")).toMatchObject({ ok: true, mimeType: "video/mp4", kind: "VIDEO", width: 1920, height: 1080, durationSeconds: 42 });
    expect(inspectMedia(mp4("qt  ", 1280, 720, 7), "video/quicktime")).toMatchObject({ ok: true, mimeType: "video/quicktime", width: 1280, height: 720, durationSeconds: 7 });
    expect(inspectMedia(webm(), "video/webm")).toMatchObject({ ok: true, mimeType: "video/webm", kind: "VIDEO", width: null, height: null, durationSeconds: null });
  });

  it("trusts the bytes, not the claimed type, and refuses what is not media", () => {
    expect(inspectMedia(png(10, 10), "image/jpeg")).toMatchObject({ ok: true, mimeType: "image/png", claimedTypeMismatch: true });
    const html = Buffer.from("<html><script>alert(1)</script></html>");
    expect(inspectMedia(html, "image/png")).toEqual({ ok: false, mimeType: null, error: expect.stringMatching(/not a supported image or video/) });
    expect(sniffMediaType(Buffer.from("%PDF-1.7"))).toBeNull();
    expect(sniffMediaType(new Uint8Array())).toBeNull();
    // A truncated header still identifies the type; the size is simply unknown.
    expect(inspectMedia(png(10, 10).subarray(0, 12))).toMatchObject({ ok: true, mimeType: "image/png", width: null, height: null });
  });

  it("enforces 10 MB for images and 200 MB for videos", () => {
    const bigImage = Buffer.concat([png(10, 10), Buffer.alloc(MEDIA_LIMITS.maxImageBytes)]);
    expect(inspectMedia(bigImage)).toMatchObject({ ok: false, mimeType: "image/png", error: expect.stringMatching(/^Images may be up to 10 MB; this one is 10\.0 MB\.$/) });
    const okVideo = Buffer.concat([mp4("isom", 10, 10, 1), Buffer.alloc(MEDIA_LIMITS.maxImageBytes)]);
    expect(inspectMedia(okVideo)).toMatchObject({ ok: true, kind: "VIDEO" });
    expect(MEDIA_LIMITS.maxVideoBytes).toBe(200 * 1024 * 1024);
  });
});

describe("local media storage", () => {
  const orgId = randomUUID();

  it("stores files under <org>/<uuid>-<safe name>, serves them back and deletes them", async () => {
    const root = await mkdtemp(join(tmpdir(), "mg-media-test-"));
    const storage = createLocalMediaStorage({ root, appUrl: "http://app.test:3000/" });
    const bytes = png(4, 4);

    const stored = await storage.put({ organizationId: orgId, fileName: "../../Ünïcødé café (1).PNG", mimeType: "image/png", bytes });

    expect(stored.storage).toBe("LOCAL");
    expect(stored.key).toMatch(new RegExp(`^${orgId}/[0-9a-f-]{36}-Unic-de-cafe-1-\\.PNG$`));
    expect(stored.url).toBe(`http://app.test:3000/api/media/${stored.key}`);
    expect(readFileSync(join(root, stored.key)).equals(bytes)).toBe(true);
    expect(Buffer.from((await storage.read(stored.key)) ?? []).equals(bytes)).toBe(true);

    await storage.delete(stored.key);
    await storage.delete(stored.key);
    expect(existsSync(join(root, stored.key))).toBe(false);
    expect(await storage.read(stored.key)).toBeNull();
  });

  it("cannot be made to read or delete outside its directory", async () => {
    const parent = await mkdtemp(join(tmpdir(), "mg-media-escape-"));
    const root = join(parent, "media");
    await writeFile(join(parent, "secret.txt"), "top secret");
    const storage = createLocalMediaStorage({ root, appUrl: "http://app.test" });
    const escapes = ["../secret.txt", `${orgId}/../../secret.txt`, "/etc/passwd", `${orgId}/${randomUUID()}-x/../../../secret.txt`, `${orgId}\\..\\..\\secret.txt`, "", `${orgId}/${randomUUID()}-..`];

    for (const key of escapes) {
      expect(await storage.read(key)).toBeNull();
      await expect(storage.delete(key)).rejects.toThrow(/Invalid media key/);
    }
    await expect(storage.put({ organizationId: "../..", fileName: "a.png", mimeType: "image/png", bytes: png(1, 1) })).rejects.toThrow(/UUID/);
    expect(readFileSync(join(parent, "secret.txt"), "utf8")).toBe("top secret");
  });

  it("makes any file name safe", () => {
    expect(safeFileName("C:\\Users\\me\\photo.jpg")).toBe("photo.jpg");
    expect(safeFileName("..")).toBe("file");
    expect(safeFileName("what is this?!.mp4")).toBe("what-is-this-.mp4");
    expect(safeFileName("🎉🎉")).toBe("file");
  });
});

describe("media storage selection", () => {
  it("uses MEDIA_DIR on local disk without UPLOADTHING_TOKEN, uploadthing with it", async () => {
    const root = await mkdtemp(join(tmpdir(), "mg-media-env-"));
    vi.stubEnv("MEDIA_DIR", root);
    const local = mediaStorage();
    expect(local.kind).toBe("LOCAL");
    const stored = await local.put({ organizationId: randomUUID(), fileName: "a.gif", mimeType: "image/gif", bytes: gif(1, 1) });
    expect(existsSync(join(root, stored.key))).toBe(true);
    expect(stored.url.startsWith("http://app.test:3000/api/media/")).toBe(true);
    expect(() => mediaStorageFor("UPLOADTHING")).toThrow(/UPLOADTHING_TOKEN is not set/);

    resetIntegrationsEnv();
    vi.stubEnv("UPLOADTHING_TOKEN", Buffer.from(JSON.stringify({ apiKey: "sk_x", appId: "a", regions: ["r"] })).toString("base64"));
    expect(mediaStorage().kind).toBe("UPLOADTHING");
    expect(mediaStorageFor("LOCAL").kind).toBe("LOCAL");
  });
});

describe("uploadthing media storage", () => {
  it("uploads through a signed ingest URL and deletes through the API, against a local fake", async () => {
    const fake = await startFakeUploadthing();
    try {
      const storage = createUploadthingStorage({ token: fake.token, apiUrl: fake.url, ingestUrl: fake.url });
      const bytes = jpeg(100, 50);

      const stored = await storage.put({ organizationId: randomUUID(), fileName: "Summer sale (draft).jpg", mimeType: "image/jpeg", bytes });

      expect(stored.storage).toBe("UPLOADTHING");
      expect(stored.url).toBe(`https://${fake.appId}.ufs.sh/f/${stored.key}`);
      const file = fake.files.get(stored.key);
      expect(file).toMatchObject({ name: "Summer-sale-draft-.jpg", type: "image/jpeg", identifier: fake.appId });
      expect(file?.bytes.equals(bytes)).toBe(true);
      expect(await storage.read(stored.key)).toBeNull();

      await storage.delete(stored.key);
      expect(fake.files.size).toBe(0);
      expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /${stored.key}`, "POST /v6/deleteFiles"]);
    } finally {
      await fake.close();
    }
  });

  it("reports a refused upload (bad credentials) as an error", async () => {
    const fake = await startFakeUploadthing();
    try {
      const wrongKey = Buffer.from(JSON.stringify({ apiKey: "sk_wrong", appId: fake.appId, regions: ["fake1"] })).toString("base64");
      const storage = createUploadthingStorage({ token: wrongKey, apiUrl: fake.url, ingestUrl: fake.url });
      await expect(storage.put({ organizationId: randomUUID(), fileName: "a.png", mimeType: "image/png", bytes: png(1, 1) })).rejects.toThrow(/uploadthing refused the upload/);
      expect(fake.files.size).toBe(0);
    } finally {
      await fake.close();
    }
  });
});
