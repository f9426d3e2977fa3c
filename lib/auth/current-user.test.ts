import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { session, user } from "@/lib/db/schema/auth";
import { openTestDatabase } from "@/lib/db/test-database";
import type { Auth } from "./auth";

const BASE = "http://localhost:3000";
const request = vi.hoisted(() => ({ cookie: "" }));
const state = vi.hoisted(() => ({ db: undefined as unknown, auth: undefined as unknown }));

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ cookie: request.cookie }),
  cookies: async () => {
    const values = new Map(
      request.cookie
        .split("; ")
        .filter(Boolean)
        .map((pair) => {
          const at = pair.indexOf("=");
          return [pair.slice(0, at), decodeURIComponent(pair.slice(at + 1))] as const;
        }),
    );
    return { get: (name: string) => (values.has(name) ? { name, value: values.get(name) } : undefined) };
  },
}));
vi.mock("@/lib/db/get-db", () => ({ getDb: async () => state.db }));
vi.mock("./auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./auth")>()),
  getAuth: async () => state.auth,
}));

const { createAuth } = await import("./auth");
const { createUser, setUserDisabled, setUserRole } = await import("./user-admin");
const { SESSION_CACHE_TTL_MS } = await import("./session-cache");
const { getCurrentUser } = await import("./current-user");

let handle: DbHandle;
let auth: Auth;

beforeAll(async () => {
  handle = await openTestDatabase("pglite");
  auth = createAuth(handle.db, {
    secret: "test-secret-test-secret-test-secret-0123",
    baseURL: BASE,
    trustedOrigins: [BASE],
    secureCookies: false,
    signInRateLimitPerMinute: 1000,
  });
  state.db = handle.db;
  state.auth = auth;
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

beforeEach(() => {
  request.cookie = "";
});

afterEach(() => {
  vi.useRealTimers();
});

let userCount = 0;

async function signIn() {
  const email = `someone${++userCount}@example.com`;
  const { user } = await createUser(handle.db, { email, role: "support", password: "correct-horse-battery" });
  const response = await auth.handler(
    new Request(`${BASE}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE },
      body: JSON.stringify({ email, password: "correct-horse-battery" }),
    }),
  );
  const pair = response.headers
    .getSetCookie()
    .find((c) => c.startsWith("better-auth.session_token="))
    ?.split(";")[0];
  if (!pair) throw new Error(`sign-in failed: ${response.status}`);
  request.cookie = pair;
  const token = decodeURIComponent(pair.slice(pair.indexOf("=") + 1)).split(".")[0] ?? "";
  return { userId: user.id, email, token };
}

describe("getCurrentUser", () => {
  it("is the signed-in person, with their role", async () => {
    const { userId, email } = await signIn();
    expect(await getCurrentUser()).toMatchObject({ id: userId, email, role: "support", disabled: false });
  });

  it("is nobody without a cookie, with a forged one, or once the user is disabled", async () => {
    expect(await getCurrentUser()).toBeNull();

    const { userId, token } = await signIn();
    const signed = request.cookie;
    request.cookie = `better-auth.session_token=${encodeURIComponent(`${token}.${"A".repeat(43)}=`)}`;
    expect(await getCurrentUser()).toBeNull();

    request.cookie = signed;
    await setUserDisabled(handle.db, { userId, disabled: true });
    expect(await getCurrentUser()).toBeNull();
  });

  it("lets better-auth refresh a session that is a day old, as its getSession always did", async () => {
    const { userId, token } = await signIn();
    const stale = new Date(Date.now() + 5 * 24 * 60 * 60 * 1000);
    await handle.db.update(session).set({ expiresAt: stale }).where(eq(session.token, token));

    expect(await getCurrentUser()).toMatchObject({ id: userId });
    const [row] = await handle.db.select().from(session).where(eq(session.token, token));
    expect(row?.expiresAt.getTime()).toBeGreaterThan(stale.getTime() + 24 * 60 * 60 * 1000);
  });

  it("is nobody for an expired session, which better-auth then deletes", async () => {
    const { token } = await signIn();
    await handle.db
      .update(session)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(session.token, token));

    expect(await getCurrentUser()).toBeNull();
    expect(await handle.db.select().from(session).where(eq(session.token, token))).toEqual([]);
  });

  it("sees a sign-out at once, even right after a check", async () => {
    const { userId } = await signIn();
    expect(await getCurrentUser()).toMatchObject({ id: userId });
    const signedOut = await auth.handler(
      new Request(`${BASE}/api/auth/sign-out`, {
        method: "POST",
        headers: { cookie: request.cookie, origin: BASE },
      }),
    );
    expect(signedOut.status).toBe(200);
    expect(await getCurrentUser()).toBeNull();
  });

  it("sees a new role and a disabled user at once, even right after a check", async () => {
    const { userId } = await signIn();
    expect(await getCurrentUser()).toMatchObject({ role: "support" });
    await setUserRole(handle.db, { userId, role: "viewer" });
    expect(await getCurrentUser()).toMatchObject({ role: "viewer" });
    await setUserDisabled(handle.db, { userId, disabled: true });
    expect(await getCurrentUser()).toBeNull();
  });

  it("sees a change made by another process within the cache's few seconds", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { userId } = await signIn();
    expect(await getCurrentUser()).toMatchObject({ role: "support" });
    // As the `npm run users` CLI would: straight to the database, nothing to tell this process.
    await handle.db.update(user).set({ role: "operator" }).where(eq(user.id, userId));
    expect(await getCurrentUser()).toMatchObject({ role: "support" });
    vi.setSystemTime(Date.now() + SESSION_CACHE_TTL_MS);
    expect(await getCurrentUser()).toMatchObject({ role: "operator" });
  });
});
