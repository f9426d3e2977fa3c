/**
 * Who is making this request: the one function pages, route handlers (lib/http/define-route)
 * and server actions (lib/actions/define-action) ask. Cached per request with React `cache`, so a
 * layout and its page share one session lookup.
 *
 * The common case is a verified cookie and one indexed query (./session-lookup.ts), remembered
 * for a few seconds (./session-cache.ts: sign-out, disabling and role changes made in this
 * process count at once, others within 5 s). better-auth's `getSession` only runs for a session
 * that has expired or is due for its daily refresh, so it can write.
 *
 * TEST SEAM: tests replace this module, e.g.
 *   vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: vi.fn(async () => someUser) }))
 * and everything built on it (defineAction, defineRoute, requirePageUser) sees that user. The
 * authorization matrix test (test/authz/authz-matrix.test.ts) does exactly this.
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/lib/db/get-db";
import { type Auth, getAuth } from "./auth";
import { cachedSessionUser, rememberSessionUser, sessionCacheGeneration } from "./session-cache";
import { lookupSession, verifySessionCookie } from "./session-lookup";
import { type SessionUser, sessionUserSchema } from "./user-schemas";

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const auth = await getAuth();
  const candidate = await findSessionUser(auth);
  if (!candidate) return null;
  const parsed = sessionUserSchema.safeParse(candidate);
  // A disabled user's sessions are deleted when they are disabled; this covers any race.
  if (!parsed.success || parsed.data.disabled) return null;
  return parsed.data;
});

async function findSessionUser(auth: Auth): Promise<unknown> {
  const context = await auth.$context;
  const cookie = (await cookies()).get(context.authCookies.sessionToken.name)?.value;
  if (!cookie) return null;
  const token = verifySessionCookie(cookie, context.secret);
  if (!token) return null;
  const cached = cachedSessionUser(token);
  if (cached) return cached;
  const generation = sessionCacheGeneration();
  const found = await lookupSession(await getDb(), token, context.sessionConfig);
  if (found.kind === "none") return null;
  if (found.kind === "valid") {
    rememberSessionUser(token, found.user, found.validUntil, generation);
    return found.user;
  }
  const session = await auth.api.getSession({ headers: await headers() });
  return session?.user ?? null;
}
