import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { integrationsEnv } from "@mg/integrations/env";
import { freshAccount, TINY_PNG, uploadForm } from "../procedure-cases/social";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";
import { GET as serveMedia } from "../../../../apps/web/src/app/api/media/[...key]/route";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant("media");
});
afterAll(async () => {
  await deleteTenant(t);
});

const owner = () => callerFor(t.users.OWNER, t.slug);

function fetchMedia(key: string, headers: Record<string, string> = {}) {
  return serveMedia(new Request(`http://localhost:3000/api/media/${key}`, { headers }), { params: Promise.resolve({ key: key.split("/") }) });
}

async function message(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return `${(error as { code?: string }).code}: ${(error as Error).message}`;
  }
  return "OK";
}

describe("media library", () => {
  it("uploads a real image to local storage, lists it, serves it with its type", async () => {
    const asset = await callerFor(t.users.CONTENT_EDITOR, t.slug).media.upload(uploadForm(TINY_PNG, "pixel.png", "image/png"));
    expect(asset).toMatchObject({ fileName: "pixel.png", mimeType: "image/png", kind: "IMAGE", sizeBytes: TINY_PNG.length, width: 1, height: 1 });
    const row = await systemDb().mediaAsset.findUniqueOrThrow({ where: { id: asset.id } });
    expect(row).toMatchObject({ organizationId: t.id, storage: "LOCAL", uploadedById: t.users.CONTENT_EDITOR.id });
    expect(row.key.startsWith(`${t.id}/`)).toBe(true);
    expect(asset.url).toBe(`${integrationsEnv().APP_URL}/api/media/${row.key}`);
    expect(existsSync(join(integrationsEnv().MEDIA_DIR, row.key))).toBe(true);

    const listed = await callerFor(t.users.VIEWER, t.slug).media.list({ limit: 10 });
    expect(listed.items.map((i) => i.id)).toContain(asset.id);
    expect(listed.usage.limitMb).toBe(50_000);

    const served = await fetchMedia(row.key);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(TINY_PNG);

    const partial = await fetchMedia(row.key, { range: "bytes=0-7" });
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe(`bytes 0-7/${TINY_PNG.length}`);
    expect((await partial.arrayBuffer()).byteLength).toBe(8);
  });

  it("refuses files that are not what they claim, unsupported types and empty files, with the reason", async () => {
    const text = new TextEncoder().encode("definitely not an image");
    expect(await message(owner().media.upload(uploadForm(text, "notes.png", "image/png")))).toMatch(/^BAD_REQUEST: “notes.png”: This file is not a supported image or video/);
    expect(await message(owner().media.upload(uploadForm(TINY_PNG, "photo.jpg", "image/jpeg")))).toMatch(/^BAD_REQUEST: “photo.jpg” says it is image\/jpeg but its content is image\/png/);
    expect(await message(owner().media.upload(uploadForm(new Uint8Array(0), "empty.png", "image/png")))).toMatch(/^BAD_REQUEST: “empty.png” is empty/);
    expect(await message(owner().media.upload(new FormData()))).toBe("BAD_REQUEST: Choose a file to upload.");
    expect(await outcome(callerFor(t.users.VIEWER, t.slug).media.upload(uploadForm()))).toBe("FORBIDDEN");
  });

  it("counts storage against the plan", async () => {
    const small = await createTenant("media-quota");
    try {
      await systemDb().organization.update({ where: { id: small.id }, data: { limitOverrides: { storageMb: 0 } } });
      await expect(callerFor(small.users.OWNER, small.slug).media.upload(uploadForm())).rejects.toMatchObject({ code: "FORBIDDEN", cause: { details: { kind: "quota", key: "storageMb", limit: 0 } } });
      expect(await systemDb().mediaAsset.count({ where: { organizationId: small.id } })).toBe(0);
    } finally {
      await deleteTenant(small);
    }
  });

  it("deletes softly: the file goes, the URL answers 404, the storage is freed; media of scheduled posts is kept", async () => {
    const asset = await owner().media.upload(uploadForm());
    const row = await systemDb().mediaAsset.findUniqueOrThrow({ where: { id: asset.id } });

    const accountId = await freshAccount(t);
    const post = await systemDb().post.create({
      data: { organizationId: t.id, content: "with media", status: "SCHEDULED", mediaIds: [asset.id], scheduledAt: new Date(Date.now() + 86_400_000), targets: { create: { organizationId: t.id, socialAccountId: accountId, network: "SANDBOX", status: "SCHEDULED" } } },
    });
    expect(await message(owner().media.delete({ mediaId: asset.id }))).toMatch(/^BAD_REQUEST: “pixel.png” is used by 1 scheduled post/);
    expect(await outcome(callerFor(t.users.CONTENT_EDITOR, t.slug).media.delete({ mediaId: asset.id }))).toBe("FORBIDDEN");
    await systemDb().post.update({ where: { id: post.id }, data: { status: "DRAFT" } });

    expect(await owner().media.delete({ mediaId: asset.id })).toEqual({ id: asset.id });
    const deleted = await systemDb().mediaAsset.findUniqueOrThrow({ where: { id: asset.id } });
    expect(deleted.deletedAt).not.toBeNull();
    expect(existsSync(join(integrationsEnv().MEDIA_DIR, row.key))).toBe(false);
    expect((await fetchMedia(row.key)).status).toBe(404);
    expect((await owner().media.list({ limit: 100 })).items.map((i) => i.id)).not.toContain(asset.id);
    expect(await outcome(owner().media.delete({ mediaId: asset.id }))).toBe("NOT_FOUND");
  });

  it("the media route serves only storage keys: no traversal, no unknown files", async () => {
    for (const key of ["../../etc/passwd", `${t.id}/../../../etc/passwd`, "..%2F..%2Fetc%2Fpasswd", `${t.id}/not-a-key.png`, `${t.id}/00000000-0000-4000-8000-000000000000-missing.png`]) {
      expect((await fetchMedia(key)).status, key).toBe(404);
    }
  });
});
