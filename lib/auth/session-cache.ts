/**
 * A few seconds of memory for session checks, so a burst of requests from one browser (a page,
 * its API calls, the SIM table's refetches) reads the session from the database once rather
 * than once per request (~2 ms each on PGlite).
 *
 * What it means for revocation:
 * - In this process, a session or user change forgets the affected entries at once: sign-out and
 *   every other session deletion better-auth makes (its `session.delete` hook, lib/auth/auth.ts),
 *   better-auth user updates, and role or status changes (lib/auth/user-admin.ts).
 * - A change made by another process (the `npm run users` CLI, another console instance on the
 *   same PostgreSQL) is seen within `SESSION_CACHE_TTL_MS`.
 * - An entry never outlives the session's expiry or the moment better-auth would refresh it.
 *
 * Process-wide on `globalThis`, as Next may load this module more than once per process. No
 * "server-only": lib/auth/user-admin.ts (also used by the CLI) forgets entries through it.
 */

export const SESSION_CACHE_TTL_MS = 5_000;
/** Far more than the console's users; the oldest entries go first beyond it. */
const MAX_ENTRIES = 5_000;

type Entry = { user: Record<string, unknown>; userId: string; until: number };
type State = { entries: Map<string, Entry>; generation: number };

const KEY = Symbol.for("sim-console.session-cache");
const holder = globalThis as typeof globalThis & { [KEY]?: State };

function state(): State {
  holder[KEY] ??= { entries: new Map(), generation: 0 };
  return holder[KEY];
}

/** The cached user of a verified session token, while fresh. */
export function cachedSessionUser(token: string, now = Date.now()): Record<string, unknown> | null {
  const { entries } = state();
  const entry = entries.get(token);
  if (!entry) return null;
  if (entry.until <= now) {
    entries.delete(token);
    return null;
  }
  return entry.user;
}

/**
 * Take before reading the database, pass to `rememberSessionUser` after: a read that raced with
 * a forget (it may have seen the old row) is then not remembered.
 */
export function sessionCacheGeneration(): number {
  return state().generation;
}

/** Remembers a session's user until `validUntil` (ms), or the TTL if that comes first. */
export function rememberSessionUser(
  token: string,
  user: Record<string, unknown> & { id: string },
  validUntil: number,
  generation: number,
  now = Date.now(),
): void {
  const s = state();
  if (generation !== s.generation) return;
  const until = Math.min(validUntil, now + SESSION_CACHE_TTL_MS);
  if (until <= now) return;
  s.entries.delete(token);
  s.entries.set(token, { user, userId: user.id, until });
  if (s.entries.size > MAX_ENTRIES) {
    const oldest = s.entries.keys().next().value;
    if (oldest !== undefined) s.entries.delete(oldest);
  }
}

/** Forgets one session (signed out, revoked, expired). */
export function forgetSession(token: string): void {
  const s = state();
  s.generation++;
  s.entries.delete(token);
}

/** Forgets every session of a user (role or status changed, sessions deleted). */
export function forgetUserSessions(userId: string): void {
  const s = state();
  s.generation++;
  for (const [token, entry] of s.entries) if (entry.userId === userId) s.entries.delete(token);
}
