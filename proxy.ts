import type { NextRequest } from "next/server";
import { authProxy } from "@/lib/auth/proxy";

/**
 * Signed-out visits to a console page go to /sign-in?next=<page>, so people land where they were
 * going after signing in. Pages still check the session themselves (lib/auth/page-guard.ts): this
 * is a convenience, never the security boundary. API routes answer 401 on their own.
 */
export function proxy(request: NextRequest) {
  return authProxy(request);
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|api/).*)"] };
