/**
 * Rendered HTML of published pages, in process, least recently used first out. Keyed by what the
 * page shows (published version id + branding + organization name and zone): a publish or a
 * rollback makes a new version id, so the next request renders fresh — "revalidated on
 * publish" — and an entry for a version no longer published is never asked for again and ages out.
 */
export class HtmlCache {
  private readonly entries = new Map<string, CachedPage>();
  constructor(private readonly maxEntries: number) {}

  get(key: string): CachedPage | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, page: CachedPage): void {
    this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(key, page);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface CachedPage {
  html: string;
  /** Forms on the page (id, revision): their per-request token placeholders in `html`. */
  forms: { id: string; revision: number }[];
  /** Inline script bodies, hashed into the CSP. */
  scriptHashes: string[];
  hasVideo: boolean;
  hasForm: boolean;
  /** The thank-you redirect's origin, allowed as a form-action. */
  thankYouOrigin: string | null;
  etag: string;
}

const holder = globalThis as unknown as { __mgPageHtmlCache?: HtmlCache };
/** About 1,000 pages × ~30 KB of HTML: a few tens of MB at most. */
export const pageHtmlCache = (holder.__mgPageHtmlCache ??= new HtmlCache(1_000));
