import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { session } from "@/lib/db/schema/auth";
import { openTestDatabase } from "@/lib/db/test-database";
import { type Auth, createAuth } from "./auth";
import { lookupSession, type SessionPolicy, verifySessionCookie } from "./session-lookup";
import { createUser, setUserDisabled, setUserRole } from "./user-admin";

const BASE = "http://localhost:3000";
const SECRET = "test-secret-test-secret-test-secret-0123";
const DAY = 24 * 60 * 60;
const POLICY: SessionPolicy = { expiresIn: 7 * DAY, updateAge: DAY };

let handle: DbHandle;
let auth: Auth;

beforeAll(async () => {
  handle = await openTestDatabase("pglite");
  auth = createAuth(handle.db, {
    secret: SECRET,
    baseURL: BASE,
    trustedOrigins: [BASE],
    secureCookies: false,
    signInRateLimitPerMinute: 1000,
  });
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

let userCount = 0;

/** A new user, signed in: their id and the session cookie's value as the browser sends it back. */
async function signedIn(role: "viewer" | "operator" = "operator") {
  const email = `person${++userCount}@example.com`;
  const { user } = await createUser(handle.db, { email, role, password: "correct-horse-battery" });
  const response = await auth.handler(
    new Request(`${BASE}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE },
      body: JSON.stringify({ email, password: "correct-horse-battery" }),
    }),
  );
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith("better-auth.session_token="));
  if (!setCookie) throw new Error(`sign-in failed: ${response.status}`);
  const raw = setCookie.split(";")[0]?.slice("better-auth.session_token=".length) ?? "";
  const cookie = decodeURIComponent(raw);
  return {
    userId: user.id,
    cookie,
    token: cookie.slice(0, cookie.lastIndexOf(".")),
    header: `better-auth.session_token=${raw}`,
  };
}

describe("verifySessionCookie", () => {
  it("accepts the cookie better-auth set and returns its session token", async () => {
    const { cookie, token } = await signedIn();
    expect(verifySessionCookie(cookie, SECRET)).toBe(token);
  });

  it("refuses a changed token, a changed signature, another secret and malformed values", async () => {
    const { cookie, token } = await signedIn();
    const signature = cookie.slice(cookie.lastIndexOf(".") + 1);
    expect(verifySessionCookie(`${token}x.${signature}`, SECRET)).toBeNull();
    expect(
      verifySessionCookie(`${token}.${signature.replace(/^./, (c) => (c === "A" ? "B" : "A"))}`, SECRET),
    ).toBeNull();
    expect(verifySessionCookie(cookie, `${SECRET}-other`)).toBeNull();
    expect(verifySessionCookie(token, SECRET)).toBeNull();
    expect(verifySessionCookie(`.${signature}`, SECRET)).toBeNull();
    expect(verifySessionCookie(`${token}.short=`, SECRET)).toBeNull();
  });

  it("accepts any value signed with the secret the way better-call signs it", () => {
    const signature = createHmac("sha256", SECRET).update("abc").digest("base64");
    expect(verifySessionCookie(`abc.${signature}`, SECRET)).toBe("abc");
  });
});

describe("lookupSession", () => {
  it("finds the session's user in one read, as better-auth's getSession sees them", async () => {
    const { userId, token, header } = await signedIn("viewer");
    const found = await lookupSession(handle.db, token, POLICY);
    const reference = await auth.api.getSession({ headers: new Headers({ cookie: header }) });
    expect(found).toEqual({
      kind: "valid",
      validUntil: expect.any(Number),
      user: {
        id: userId,
        email: reference?.user.email,
        name: reference?.user.name,
        role: "viewer",
        disabled: false,
      },
    });
  });

  it("finds nothing for an unknown token", async () => {
    expect(await lookupSession(handle.db, "no-such-token", POLICY)).toEqual({ kind: "none" });
  });

  it("finds nothing right after sign-out", async () => {
    const { token, header } = await signedIn();
    const response = await auth.handler(
      new Request(`${BASE}/api/auth/sign-out`, { method: "POST", headers: { cookie: header, origin: BASE } }),
    );
    expect(response.status).toBe(200);
    expect(await lookupSession(handle.db, token, POLICY)).toEqual({ kind: "none" });
  });

  it("finds nothing once the user is disabled, and sees a new role on the next read", async () => {
    const first = await signedIn();
    await setUserRole(handle.db, { userId: first.userId, role: "viewer" });
    expect(await lookupSession(handle.db, first.token, POLICY)).toMatchObject({ user: { role: "viewer" } });

    await setUserDisabled(handle.db, { userId: first.userId, disabled: true });
    expect(await lookupSession(handle.db, first.token, POLICY)).toEqual({ kind: "none" });
  });

  it("leaves an expired session, or one due for its refresh, to better-auth", async () => {
    const { token } = await signedIn();
    const now = Date.now();
    const setExpiry = (at: number) =>
      handle.db
        .update(session)
        .set({ expiresAt: new Date(at) })
        .where(eq(session.token, token));

    await setExpiry(now - 1000);
    expect(await lookupSession(handle.db, token, POLICY, now)).toEqual({ kind: "delegate" });

    // Created more than updateAge ago: better-auth would slide the expiry forward now.
    await setExpiry(now + (POLICY.expiresIn - POLICY.updateAge - 60) * 1000);
    expect(await lookupSession(handle.db, token, POLICY, now)).toEqual({ kind: "delegate" });

    // Not yet due: valid until the refresh would be (60 s from now), not until it expires.
    await setExpiry(now + (POLICY.expiresIn - POLICY.updateAge + 60) * 1000);
    expect(await lookupSession(handle.db, token, POLICY, now)).toMatchObject({
      kind: "valid",
      validUntil: now + 60_000,
    });
  });
});
