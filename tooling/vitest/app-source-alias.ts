import { resolve } from "node:path";
import type { Plugin } from "vitest/config";

/**
 * The apps import their own source as `~/…` (tsconfig `paths`). Each app's `~` is its own
 * `src/`, so the alias depends on who imports: `apps/<app>/…` resolves `~/x` to `apps/<app>/src/x`.
 */
export function appSourceAlias(root: string): Plugin {
  return {
    name: "mg-app-source-alias",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (!source.startsWith("~/") || !importer) return null;
      const app = /[\\/]apps[\\/]([^\\/]+)[\\/]/.exec(importer)?.[1];
      if (!app) return null;
      return this.resolve(resolve(root, "apps", app, "src", source.slice(2)), importer, { ...options, skipSelf: true });
    },
  };
}
