import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import { safeFileName, type MediaStorage } from "./storage";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** `<orgId>/<uuid>-<safe name>`: nothing else is ever a valid key, so no key can escape the root. */
const KEY_PATTERN = new RegExp(`^${UUID}/${UUID}-[A-Za-z0-9_-][A-Za-z0-9._-]*$`);

export function isLocalMediaKey(key: string): boolean {
  return KEY_PATTERN.test(key) && !key.includes("..");
}

/** Files under `root`, served by the web app at `${appUrl}/api/media/<key>`. */
export function createLocalMediaStorage(options: { root: string; appUrl: string }): MediaStorage {
  const root = resolve(options.root);
  const appUrl = options.appUrl.replace(/\/+$/, "");

  function pathOf(key: string): string {
    if (!isLocalMediaKey(key)) throw new Error(`Invalid media key: ${JSON.stringify(key)}`);
    const path = resolve(root, key);
    // Belt and braces: the pattern already rules out traversal.
    if (!path.startsWith(root + sep)) throw new Error(`Invalid media key: ${JSON.stringify(key)}`);
    return path;
  }

  return {
    kind: "LOCAL",
    async put({ organizationId, fileName, bytes }) {
      const orgId = organizationId.toLowerCase();
      if (!new RegExp(`^${UUID}$`).test(orgId)) throw new Error("organizationId must be a UUID");
      const key = `${orgId}/${randomUUID()}-${safeFileName(fileName)}`;
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes, { flag: "wx" });
      return { storage: "LOCAL", key, url: `${appUrl}/api/media/${key.split("/").map(encodeURIComponent).join("/")}` };
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async read(key) {
      if (!isLocalMediaKey(key)) return null;
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if (error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "EISDIR")) return null;
        throw error;
      }
    },
  };
}
