/**
 * Who is making this request: the one function pages, route handlers (lib/http/define-route)
 * and server actions (lib/actions/define-action) ask. Cached per request with React `cache`, so a
 * layout and its page share one session lookup.
 *
 * TEST SEAM: tests replace this module, e.g.
 *   vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: vi.fn(async () => someUser) }))
 * and everything built on it (defineAction, defineRoute, requirePageUser) sees that user. The
 * authorization matrix test (test/authz/authz-matrix.test.ts) does exactly this.
 */
import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getAuth } from "./auth";
import { type SessionUser, sessionUserSchema } from "./user-schemas";

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) return null;
  const parsed = sessionUserSchema.safeParse(session.user);
  // A disabled user's sessions are deleted when they are disabled; this covers any race.
  if (!parsed.success || parsed.data.disabled) return null;
  return parsed.data;
});
