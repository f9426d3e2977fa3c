/**
 * Where to send someone after signing in. Only same-origin relative paths are accepted, so a
 * crafted `?next=https://evil.example` (or `//evil.example`, `/\evil.example`) cannot turn the
 * sign-in page into an open redirect.
 */
export const DEFAULT_AFTER_SIGN_IN = "/sims";

/** Request header carrying the requested path to server components (set by lib/auth/proxy.ts). */
export const CONSOLE_PATH_HEADER = "x-console-path";

const PROBE_ORIGIN = "http://console.invalid";

export function safeNextPath(next: string | string[] | null | undefined): string {
  const raw = Array.isArray(next) ? next[0] : next;
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\"))
    return DEFAULT_AFTER_SIGN_IN;
  // Browsers drop tabs and newlines from URLs, which can turn "/\t/evil" into "//evil".
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return DEFAULT_AFTER_SIGN_IN;
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== PROBE_ORIGIN) return DEFAULT_AFTER_SIGN_IN;
  // Dot segments can normalise "/..//evil.example" into "//evil.example": check the result too.
  if (url.pathname.startsWith("//")) return DEFAULT_AFTER_SIGN_IN;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Never bounce back to the sign-in page itself (or the auth API).
  if (url.pathname === "/sign-in" || url.pathname.startsWith("/api/")) return DEFAULT_AFTER_SIGN_IN;
  return path;
}

/** The sign-in page URL that returns to `returnTo` afterwards. */
export function signInPath(returnTo?: string | null): string {
  if (!returnTo) return "/sign-in";
  const next = safeNextPath(returnTo);
  return next === DEFAULT_AFTER_SIGN_IN && returnTo !== DEFAULT_AFTER_SIGN_IN
    ? "/sign-in"
    : `/sign-in?next=${encodeURIComponent(next)}`;
}
