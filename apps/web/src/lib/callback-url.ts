/**
 * Where to go after signing in. Whatever arrives ("/x", "https://host/x", "//evil/x"), only its
 * path is kept, so a crafted link can never bounce a user to another site.
 */
export function safeCallbackUrl(value: string | string[] | undefined | null, fallback = "/"): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return fallback;
  try {
    const url = new URL(raw, "http://local.invalid");
    const path = `${url.pathname}${url.search}${url.hash}`;
    if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/api/auth")) return fallback;
    return path;
  } catch {
    return fallback;
  }
}

/**
 * `path` (e.g. "/sign-in") that comes back to `callbackUrl` afterwards (omitted when it is "/"),
 * with any further query parameters (`{ email }`); empty values are left out.
 */
export function withCallback(path: string, callbackUrl: string | null | undefined, params: Record<string, string | null | undefined> = {}): string {
  const query = Object.entries({ callbackUrl: callbackUrl === "/" ? null : callbackUrl, ...params })
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join("&");
  return query ? `${path}?${query}` : path;
}
