import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import type { DbHandle } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/db/test-database";
import { type Auth, authOptionsFrom, createAuth, INVALID_CREDENTIALS_MESSAGE } from "./auth";
import { seedDemoUsers } from "./demo-seed";
import { DEMO_USERS } from "./demo-users";
import { createUser, setUserDisabled } from "./user-admin";

const BASE = "http://localhost:3000";
const SECRET = "test-secret-test-secret-test-secret-0123";

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
  await createUser(handle.db, {
    email: "ops@example.com",
    role: "operator",
    password: "correct-horse-battery",
  });
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

function post(instance: Auth, path: string, body: unknown, ip = "203.0.113.7") {
  return instance.handler(
    new Request(`${BASE}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, "x-forwarded-for": ip },
      body: JSON.stringify(body),
    }),
  );
}

function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.includes("session_token="));
  if (!cookie) throw new Error("no session cookie was set");
  return cookie;
}

async function sessionFor(cookieHeader: string) {
  return auth.api.getSession({ headers: new Headers({ cookie: cookieHeader.split(";")[0] ?? "" }) });
}

describe("sign-in", () => {
  it("signs in with email and password and sets an httpOnly SameSite=Lax session cookie", async () => {
    const response = await post(auth, "/sign-in/email", {
      email: "OPS@example.com",
      password: "correct-horse-battery",
    });
    expect(response.status).toBe(200);
    const cookie = sessionCookie(response);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const session = await sessionFor(cookie);
    expect(session?.user).toMatchObject({ email: "ops@example.com", role: "operator", disabled: false });
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    for (const body of [
      { email: "ops@example.com", password: "wrong-password-123" },
      { email: "nobody@example.com", password: "correct-horse-battery" },
    ]) {
      const response = await post(auth, "/sign-in/email", body);
      expect(response.status).toBe(401);
      expect(
        response.headers.getSetCookie().some((c) => c.includes("session_token=") && !c.includes("Max-Age=0")),
      ).toBe(false);
      expect(((await response.json()) as { message: string }).message).toBe(INVALID_CREDENTIALS_MESSAGE);
    }
  });

  it("has public sign-up disabled", async () => {
    const response = await post(auth, "/sign-up/email", {
      email: "self@example.com",
      password: "self-signed-up-123",
      name: "Self",
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    const again = await post(auth, "/sign-in/email", {
      email: "self@example.com",
      password: "self-signed-up-123",
    });
    expect(again.status).toBe(401);
  });

  it("does not let anyone pick their own role through the auth API", async () => {
    const response = await post(auth, "/sign-up/email", {
      email: "sneaky@example.com",
      password: "sneaky-password-123",
      name: "S",
      role: "admin",
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
  });

  it("refuses a disabled user like a wrong password, and ends their open sessions", async () => {
    const { user } = await createUser(handle.db, {
      email: "leaver@example.com",
      role: "viewer",
      password: "leaver-password-1",
    });
    const before = await post(auth, "/sign-in/email", {
      email: "leaver@example.com",
      password: "leaver-password-1",
    });
    const cookie = sessionCookie(before);
    expect(await sessionFor(cookie)).not.toBeNull();

    await setUserDisabled(handle.db, { userId: user.id, disabled: true });
    expect(await sessionFor(cookie)).toBeNull();

    const after = await post(auth, "/sign-in/email", {
      email: "leaver@example.com",
      password: "leaver-password-1",
    });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { message: string }).message).toBe(INVALID_CREDENTIALS_MESSAGE);
  });

  it("rate-limits sign-in attempts per client address", async () => {
    const strict = createAuth(handle.db, {
      secret: SECRET,
      baseURL: BASE,
      trustedOrigins: [BASE],
      secureCookies: false,
      signInRateLimitPerMinute: 2,
    });
    const attempt = (ip: string) =>
      post(strict, "/sign-in/email", { email: "ops@example.com", password: "wrong-password-123" }, ip);
    expect((await attempt("198.51.100.1")).status).toBe(401);
    expect((await attempt("198.51.100.1")).status).toBe(401);
    const limited = await attempt("198.51.100.1");
    expect(limited.status).toBe(429);
    // Another address has its own budget.
    expect((await attempt("198.51.100.2")).status).toBe(401);
  });

  it("marks cookies Secure when the console is served over https", async () => {
    const httpsBase = "https://console.example.com";
    const secure = createAuth(handle.db, {
      secret: SECRET,
      baseURL: httpsBase,
      trustedOrigins: [httpsBase],
      secureCookies: true,
      signInRateLimitPerMinute: 1000,
    });
    const response = await secure.handler(
      new Request(`${httpsBase}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: httpsBase, "x-forwarded-for": "192.0.2.9" },
        body: JSON.stringify({ email: "ops@example.com", password: "correct-horse-battery" }),
      }),
    );
    expect(response.status).toBe(200);
    expect(sessionCookie(response)).toMatch(/; Secure/i);
  });

  it("refuses a sign-in posted from an untrusted origin", async () => {
    const response = await auth.handler(
      new Request(`${BASE}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://evil.example", cookie: "x=1" },
        body: JSON.stringify({ email: "ops@example.com", password: "correct-horse-battery" }),
      }),
    );
    expect(response.status).toBe(403);
  });
});

describe("demo users", () => {
  it("seeds one user per role, idempotently, and each can sign in", async () => {
    const first = await seedDemoUsers(handle.db);
    expect(first.created).toEqual(DEMO_USERS.map((u) => u.email));
    expect((await seedDemoUsers(handle.db)).created).toEqual([]);
    for (const demo of DEMO_USERS) {
      const response = await post(auth, "/sign-in/email", { email: demo.email, password: demo.password });
      expect(response.status, demo.email).toBe(200);
      expect((await sessionFor(sessionCookie(response)))?.user).toMatchObject({ role: demo.role });
    }
  });
});

describe("authOptionsFrom", () => {
  it("trusts the public origin plus localhost and 127.0.0.1 on the console's port", () => {
    const options = authOptionsFrom(
      parseConfig({ PORT: "3100", PUBLIC_BASE_URL: "http://127.0.0.1:3100" }),
      SECRET,
    );
    expect(options.trustedOrigins).toEqual(["http://127.0.0.1:3100", "http://localhost:3100"]);
    expect(options.secureCookies).toBe(false);
    expect(options.signInRateLimitPerMinute).toBe(30);
  });

  it("uses Secure cookies behind an https public address", () => {
    const options = authOptionsFrom(parseConfig({ PUBLIC_BASE_URL: "https://sims.example.com/" }), SECRET);
    expect(options.secureCookies).toBe(true);
    expect(options.baseURL).toBe("https://sims.example.com");
    expect(options.trustedOrigins[0]).toBe("https://sims.example.com");
  });
});
