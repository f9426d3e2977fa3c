/**
 * The one validated view of the environment. Everything the console reads from `process.env`
 * goes through `parseConfig`, so a bad or missing value stops start-up with a message that names
 * the variable and what is expected, instead of failing later inside a request.
 *
 * This module holds secrets. It is imported by server code and by the launcher script
 * (`scripts/start.ts`); it deliberately does not import "server-only" because that package
 * throws outside the react-server condition (plain Node, Vitest). The browser guard below keeps
 * it out of client bundles all the same.
 */
import path from "node:path";
import { z } from "zod";

if (typeof window !== "undefined") {
  throw new Error("lib/config is server-only and must never be bundled for the browser");
}

export const KORE_DEFAULTS = {
  tokenUrl: "https://api.korewireless.com/api-services/v1/auth/token",
  wirelessBaseUrl: "https://programmable-wireless.api.korewireless.com",
  // KORE documents no Monitor host (sim-api.md §12); this is the Twilio-era host shape on KORE's
  // domain. Override with KORE_MONITOR_BASE_URL once your account manager confirms it.
  monitorBaseUrl: "https://monitor.api.korewireless.com",
  iamBaseUrl: "https://iam.api.korewireless.com",
} as const;

export const SANDBOX_DEFAULTS = {
  port: 4010,
  clientId: "sandbox-parent-client",
  clientSecret: "sandbox-parent-secret",
} as const;

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const httpUrl = (what: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((v) => {
        try {
          const u = new URL(v);
          return u.protocol === "http:" || u.protocol === "https:";
        } catch {
          return false;
        }
      }, `expected an absolute http(s) URL for ${what}`)
      .transform((v) => v.replace(/\/+$/, ""))
      .optional(),
  );

const port = (fallback: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "expected a port number between 1 and 65535" })
      .int("expected a whole port number")
      .min(1, "expected a port number between 1 and 65535")
      .max(65535, "expected a port number between 1 and 65535")
      .default(fallback),
  );

const envSchema = z
  .object({
    NODE_ENV: z.preprocess(
      emptyToUndefined,
      z.enum(["development", "production", "test"]).default("development"),
    ),
    PORT: port(3000),
    HOSTNAME: z.preprocess(emptyToUndefined, z.string().default("0.0.0.0")),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "expected a postgres:// or postgresql:// connection URL")
        .optional(),
    ),
    PGLITE_DIR: optionalString,
    KORE_CLIENT_ID: optionalString,
    KORE_CLIENT_SECRET: optionalString,
    KORE_TOKEN_URL: httpUrl("the KORE token endpoint"),
    KORE_WIRELESS_BASE_URL: httpUrl("the Programmable Wireless host"),
    KORE_MONITOR_BASE_URL: httpUrl("the Monitor host"),
    KORE_IAM_BASE_URL: httpUrl("the IAM host"),
    KORE_TIMEOUT_MS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "expected a number of milliseconds" })
        .int()
        .min(100, "expected at least 100 ms")
        .max(120_000, "expected at most 120000 ms")
        .default(15_000),
    ),
    SANDBOX_PORT: port(SANDBOX_DEFAULTS.port),
    SANDBOX_URL: httpUrl("the sandbox"),
    SANDBOX_CLIENT_ID: z.preprocess(emptyToUndefined, z.string().default(SANDBOX_DEFAULTS.clientId)),
    SANDBOX_CLIENT_SECRET: z.preprocess(emptyToUndefined, z.string().default(SANDBOX_DEFAULTS.clientSecret)),
    BETTER_AUTH_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().min(32, "expected at least 32 characters of random text").optional(),
    ),
    PUBLIC_BASE_URL: httpUrl("the console's public address"),
    SIGN_IN_RATE_LIMIT: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "expected a number of sign-in attempts per minute" })
        .int("expected a whole number of sign-in attempts per minute")
        .min(1, "expected at least 1 sign-in attempt per minute")
        .max(100_000, "expected at most 100000 sign-in attempts per minute")
        .default(30),
    ),
    JOB_CONCURRENCY: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "expected a number of SIMs a bulk job changes at once" })
        .int("expected a whole number of SIMs")
        .min(1, "expected at least 1 SIM at once")
        .max(64, "expected at most 64 SIMs at once")
        .default(8),
    ),
    JOB_RATE_PER_SECOND: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "expected a number of upstream requests per second for bulk jobs" })
        .refine(Number.isFinite, "expected a number of upstream requests per second for bulk jobs")
        .min(0.1, "expected at least 0.1 requests per second")
        .max(1000, "expected at most 1000 requests per second")
        .default(20),
    ),
    RESET_COOLDOWN_SECONDS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "expected a number of seconds between connectivity resets of one SIM" })
        .int("expected a whole number of seconds")
        .min(0, "expected 0 (no cooldown) or more seconds")
        .max(86_400, "expected at most 86400 seconds (one day)")
        .default(300),
    ),
    EVENT_SYNC_INTERVAL_SECONDS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "expected a number of seconds between Monitor event syncs" })
        .int("expected a whole number of seconds")
        .min(0, "expected 0 (background sync off) or more seconds")
        .max(86_400, "expected at most 86400 seconds (one day)")
        .default(60),
    ),
    WEBHOOK_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string().min(24, "expected at least 24 characters of random text").optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.KORE_CLIENT_ID) !== Boolean(env.KORE_CLIENT_SECRET)) {
      const missing = env.KORE_CLIENT_ID ? "KORE_CLIENT_SECRET" : "KORE_CLIENT_ID";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: "expected both KORE_CLIENT_ID and KORE_CLIENT_SECRET, or neither (sandbox mode)",
      });
    }
    if (env.KORE_CLIENT_ID && env.NODE_ENV === "production" && !env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_SECRET"],
        message: "expected a secret of at least 32 characters when connected to a real KORE account",
      });
    }
  });

export type RawEnv = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join("\n")}\n` +
        "Fix the environment variable(s) above and start again.",
    );
    this.name = "ConfigError";
  }
}

export function parseConfig(source: Record<string, string | undefined>) {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "environment"),
        message: issue.message,
      })),
    );
  }
  const env = parsed.data;
  const mode = env.KORE_CLIENT_ID ? ("kore" as const) : ("sandbox" as const);
  // turbopackIgnore: these are runtime paths; without it the build traces the whole project.
  const dataDir = path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR);
  const sandboxUrl = env.SANDBOX_URL ?? `http://127.0.0.1:${env.SANDBOX_PORT}`;
  const upstream =
    mode === "kore"
      ? {
          clientId: env.KORE_CLIENT_ID as string,
          clientSecret: env.KORE_CLIENT_SECRET as string,
          tokenUrl: env.KORE_TOKEN_URL ?? KORE_DEFAULTS.tokenUrl,
          wirelessBaseUrl: env.KORE_WIRELESS_BASE_URL ?? KORE_DEFAULTS.wirelessBaseUrl,
          monitorBaseUrl: env.KORE_MONITOR_BASE_URL ?? KORE_DEFAULTS.monitorBaseUrl,
          iamBaseUrl: env.KORE_IAM_BASE_URL ?? KORE_DEFAULTS.iamBaseUrl,
        }
      : {
          clientId: env.SANDBOX_CLIENT_ID,
          clientSecret: env.SANDBOX_CLIENT_SECRET,
          tokenUrl: `${sandboxUrl}/api-services/v1/auth/token`,
          wirelessBaseUrl: sandboxUrl,
          monitorBaseUrl: sandboxUrl,
          iamBaseUrl: sandboxUrl,
        };
  return {
    nodeEnv: env.NODE_ENV,
    mode,
    port: env.PORT,
    hostname: env.HOSTNAME,
    dataDir,
    database: env.DATABASE_URL
      ? ({ kind: "postgres", url: env.DATABASE_URL } as const)
      : ({
          kind: "pglite",
          dir: path.resolve(/*turbopackIgnore: true*/ env.PGLITE_DIR ?? path.join(dataDir, "pg")),
        } as const),
    upstream: { ...upstream, timeoutMs: env.KORE_TIMEOUT_MS },
    sandbox: { port: env.SANDBOX_PORT, url: sandboxUrl },
    authSecret: env.BETTER_AUTH_SECRET,
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`,
    webhookToken: env.WEBHOOK_TOKEN,
    // Sign-in attempts per minute from one client address (better-auth's rate limiter).
    signInRateLimitPerMinute: env.SIGN_IN_RATE_LIMIT,
    // Seconds before the same SIM may be reset again; repeated resets only keep a device offline.
    resetCooldownSeconds: env.RESET_COOLDOWN_SECONDS,
    // Bulk jobs: SIMs in hand at once, and upstream requests per second across all jobs of this
    // process (a 429 lowers it for a while, lib/jobs/pace.ts).
    jobs: { concurrency: env.JOB_CONCURRENCY, ratePerSecond: env.JOB_RATE_PER_SECOND },
    // Seconds between background syncs of the account's Monitor events into the database (0 = off).
    eventSyncIntervalSeconds: env.EVENT_SYNC_INTERVAL_SECONDS,
  };
}

export type Config = ReturnType<typeof parseConfig>;

let cached: Config | undefined;

/** The configuration of this process, parsed once. Throws `ConfigError` on bad values. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
