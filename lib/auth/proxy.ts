/**
 * Request-time helper for the root `proxy.ts` (Next 16's name for middleware). It does two
 * cheap, optimistic things before any page renders:
 *  - passes the requested path to server components in the `x-console-path` header, so
 *    `requirePageUser` can send a signed-out person to `/sign-in?next=<that path>`;
 *  - redirects console pages to the sign-in page at once when no session cookie is present.
 *
 * It never decides access: a cookie may be stale or forged, so pages, route handlers and server
 * actions still check the real session and permission on the server.
 */
import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { CONSOLE_PATH_HEADER, signInPath } from "./safe-next";

/** Paths that work without a session. */
const PUBLIC_PREFIXES = ["/sign-in", "/forbidden", "/api/", "/_next/", "/favicon"];

export function authProxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(prefix));
  if (!isPublic && !getSessionCookie(request)) {
    return NextResponse.redirect(new URL(signInPath(`${pathname}${search}`), request.url));
  }
  const forwarded = new Headers(request.headers);
  forwarded.set(CONSOLE_PATH_HEADER, `${pathname}${search}`);
  return NextResponse.next({ request: { headers: forwarded } });
}
