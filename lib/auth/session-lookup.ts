/**
 * The session check behind `getCurrentUser`, made on every page, route and action: the signed
 * session cookie is verified here and the session and its user are read in ONE indexed query,
 * instead of going through better-auth's get-session endpoint (cookie parsing, WebCrypto key
 * import, endpoint hooks, two adapter calls), which cost a 1000-row /api/sims about 3–8 ms.
 *
 * This always reads the database; `getCurrentUser` keeps the answer for a few seconds
 * (./session-cache.ts, which says what that means for revocation).
 *
 * better-auth stays in charge of everything that writes. A session that has expired, or is due
 * for its sliding refresh (older than `updateAge`), is answered `delegate`: the caller then asks
 * better-auth's `getSession`, which extends or deletes it exactly as it always has. That happens
 * about once a day per session.
 */
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { session, user } from "@/lib/db/schema/auth";

/** better-call's signed cookie value: `<token>.<base64 HMAC-SHA256(secret, token)>`. */
const SIGNATURE_LENGTH = 44;

/**
 * The session token of a signed cookie value (as Next's `cookies()` gives it, URL-decoded), or
 * null when it is malformed or not signed with `secret`. Same rules as better-call's
 * `getSignedCookie`, with node:crypto's synchronous HMAC instead of a WebCrypto key import.
 */
export function verifySessionCookie(value: string, secret: string): string | null {
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (signature.length !== SIGNATURE_LENGTH || !signature.endsWith("=")) return null;
  const expected = createHmac("sha256", secret).update(token).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

export type SessionPolicy = {
  /** Seconds a session lives (better-auth `session.expiresIn`). */
  expiresIn: number;
  /** Seconds after which better-auth slides the expiry forward (`session.updateAge`). */
  updateAge: number;
};

export type SessionLookup =
  /** No session has this token: signed out, revoked, or the user's sessions were deleted. */
  | { kind: "none" }
  /**
   * A live session that needs no write until `validUntil` (ms: its expiry, or when better-auth
   * would refresh it, whichever is first); `user` is the raw row, for `sessionUserSchema`.
   */
  | { kind: "valid"; user: Record<string, unknown> & { id: string }; validUntil: number }
  /** Expired or due for refresh: let better-auth's `getSession` decide and write. */
  | { kind: "delegate" };

type Prepared = ReturnType<typeof prepare>;
const prepared = new WeakMap<Db, Prepared>();

function prepare(db: Db) {
  return db
    .select({
      expiresAt: session.expiresAt,
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      disabled: user.disabled,
    })
    .from(session)
    .innerJoin(user, eq(user.id, session.userId))
    .where(eq(session.token, sql.placeholder("token")))
    .limit(1)
    .prepare("console_session_user");
}

/** The session with this token and its user, read in one query. */
export async function lookupSession(
  db: Db,
  token: string,
  policy: SessionPolicy,
  now: number = Date.now(),
): Promise<SessionLookup> {
  let query = prepared.get(db);
  if (!query) {
    query = prepare(db);
    prepared.set(db, query);
  }
  const [row] = await query.execute({ token });
  if (!row) return { kind: "none" };
  const expiresAt = row.expiresAt.getTime();
  // better-auth's own test (routes/session.ts): refresh once the session is updateAge old.
  const refreshAt = expiresAt - policy.expiresIn * 1000 + policy.updateAge * 1000;
  if (expiresAt <= now || refreshAt <= now) return { kind: "delegate" };
  const { expiresAt: _, ...sessionUser } = row;
  return { kind: "valid", user: sessionUser, validUntil: Math.min(expiresAt, refreshAt) };
}
