/**
 * Sign-in with better-auth: email + password, sessions in our database, httpOnly SameSite=Lax
 * cookies (Secure when the console is served over https), password hashing and sign-in rate
 * limiting (shared through the database, per client address) as better-auth provides them.
 *
 * Public sign-up is disabled: admins create users (Users page, `npm run users`). Disabled users
 * cannot start a session (the hook below answers exactly like a wrong password, so the sign-in
 * page reveals nothing), and `getCurrentUser` ignores any session they still hold.
 */
import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import { type Config, getConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/get-db";
import { authTables, user } from "@/lib/db/schema/auth";
import { resolveAuthSecret } from "./auth-secret";
import { seedDemoUsers } from "./demo-seed";
import { ROLES } from "./permissions";
import { forgetSession, forgetUserSessions } from "./session-cache";
import { PASSWORD_MAX, PASSWORD_MIN } from "./user-schemas";

export const INVALID_CREDENTIALS_MESSAGE = "Invalid email or password";

export type AuthOptions = {
  secret: string;
  baseURL: string;
  trustedOrigins: string[];
  secureCookies: boolean;
  signInRateLimitPerMinute: number;
};

export function createAuth(db: Db, options: AuthOptions) {
  return betterAuth({
    appName: "SIM Console",
    baseURL: options.baseURL,
    basePath: "/api/auth",
    secret: options.secret,
    trustedOrigins: options.trustedOrigins,
    database: drizzleAdapter(db, { provider: "pg", schema: authTables }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
    },
    user: {
      additionalFields: {
        // `input: false`: nobody can set their own role or status through the auth API.
        role: { type: [...ROLES], required: true, defaultValue: "viewer", input: false },
        disabled: { type: "boolean", required: true, defaultValue: false, input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      // better-auth enables it only in production by default; sign-in is guarded everywhere.
      enabled: true,
      storage: "database",
      customRules: { "/sign-in/email": { window: 60, max: options.signInRateLimitPerMinute } },
    },
    advanced: {
      // Explicit, because better-auth turns origin/CSRF checks off under NODE_ENV=test: tests
      // must exercise the same checks production runs.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      useSecureCookies: options.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: options.secureCookies },
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const [row] = await db
              .select({ disabled: user.disabled })
              .from(user)
              .where(eq(user.id, session.userId));
            if (!row || row.disabled)
              throw new APIError("UNAUTHORIZED", { message: INVALID_CREDENTIALS_MESSAGE });
          },
        },
        // Sign-out, revocation, expiry clean-up: getCurrentUser's cache forgets it at once.
        delete: { after: async (deleted) => forgetSession(deleted.token) },
      },
      user: {
        update: { after: async (updated) => forgetUserSessions(updated.id) },
      },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** Auth options for this process: base URL and trusted origins from the public address and port. */
export function authOptionsFrom(config: Config, secret: string): AuthOptions {
  const publicOrigin = new URL(config.publicBaseUrl).origin;
  return {
    secret,
    baseURL: config.publicBaseUrl,
    // Local use and e2e reach the console as localhost or 127.0.0.1, whatever PUBLIC_BASE_URL says.
    trustedOrigins: [
      ...new Set([publicOrigin, `http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`]),
    ],
    secureCookies: publicOrigin.startsWith("https:"),
    signInRateLimitPerMinute: config.signInRateLimitPerMinute,
  };
}

type Slot = { auth?: Promise<Auth> };
const SLOT_KEY = Symbol.for("sim-console.auth");
const globalSlot = globalThis as typeof globalThis & { [SLOT_KEY]?: Slot };

/**
 * The process-wide auth instance. First use opens the database (migrated by getDb) and, in
 * sandbox mode, seeds the demo users: this is the one place that seeding happens.
 */
export function getAuth(): Promise<Auth> {
  const slot = (globalSlot[SLOT_KEY] ??= {});
  if (!slot.auth) {
    const opening = (async () => {
      const config = getConfig();
      const db = await getDb();
      const auth = createAuth(db, authOptionsFrom(config, resolveAuthSecret(config)));
      if (config.mode === "sandbox") await seedDemoUsers(db);
      return auth;
    })();
    slot.auth = opening;
    opening.catch(() => {
      if (slot.auth === opening) slot.auth = undefined;
    });
  }
  return slot.auth;
}
