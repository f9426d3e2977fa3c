import { z } from "zod";

/**
 * The sandbox's own view of the environment. It deliberately does not use lib/config.ts: the
 * sandbox stands in for KORE and shares no code with the console (see design.md). The two
 * credential defaults must equal SANDBOX_DEFAULTS in lib/config.ts, which a test checks.
 */
export const SANDBOX_CREDENTIAL_DEFAULTS = {
  clientId: "sandbox-parent-client",
  clientSecret: "sandbox-parent-secret",
} as const;

export const SIM_STATUSES = [
  "new",
  "ready",
  "active",
  "suspended",
  "deactivated",
  "canceled",
  "scheduled",
  "updating",
] as const;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const number = (min: number, max: number, fallback: number, what: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `expected ${what}` })
      .refine(Number.isFinite, `expected ${what}`)
      .min(min, `expected ${what} of at least ${min}`)
      .max(max, `expected ${what} of at most ${max}`)
      .default(fallback),
  );

const integer = (min: number, max: number, fallback: number, what: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `expected ${what}` })
      .int(`expected a whole number for ${what}`)
      .min(min, `expected ${what} of at least ${min}`)
      .max(max, `expected ${what} of at most ${max}`)
      .default(fallback),
  );

const rate = (what: string) => number(0, 1, 0, `a ${what} rate between 0 and 1`);

export const routeFaultSchema = z.object({
  latencyMs: z.number().min(0).max(120_000).optional(),
  rate429: z.number().min(0).max(1).optional(),
  rate500: z.number().min(0).max(1).optional(),
  rate503: z.number().min(0).max(1).optional(),
});

const routeFaults = z.preprocess(
  (v) => {
    const blank = blankToUndefined(v);
    if (typeof blank !== "string") return blank;
    try {
      return JSON.parse(blank);
    } catch {
      return "not JSON";
    }
  },
  z
    .record(
      z.string().regex(/^(GET|POST|DELETE) \/\S*$/, 'expected keys like "GET /v1/Sims"'),
      routeFaultSchema,
      {
        error: 'expected a JSON object such as {"GET /v1/Sims":{"latencyMs":200}}',
      },
    )
    .default({}),
);

const statusList = z.preprocess(
  (v) => {
    const blank = blankToUndefined(v);
    return typeof blank === "string" ? blank.split(",").map((s) => s.trim()) : blank;
  },
  z.array(z.enum(SIM_STATUSES)).default(["new", "deactivated", "canceled"]),
);

const startTime = z.preprocess(
  blankToUndefined,
  z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), "expected an ISO 8601 date-time")
    .transform((v) => Date.parse(v))
    .optional(),
);

const envSchema = z
  .object({
    SANDBOX_PORT: integer(0, 65535, 4010, "a port number"),
    SANDBOX_HOST: z.preprocess(blankToUndefined, z.string().default("127.0.0.1")),
    SANDBOX_CLIENT_ID: z.preprocess(
      blankToUndefined,
      z.string().default(SANDBOX_CREDENTIAL_DEFAULTS.clientId),
    ),
    SANDBOX_CLIENT_SECRET: z.preprocess(
      blankToUndefined,
      z.string().default(SANDBOX_CREDENTIAL_DEFAULTS.clientSecret),
    ),
    SANDBOX_SIMS: integer(0, 5_000_000, 5000, "a fleet size"),
    SANDBOX_SEED: integer(0, 2 ** 31 - 1, 42, "a seed"),
    SANDBOX_START_TIME: startTime,
    SANDBOX_TIME_SCALE: number(0.001, 1_000_000, 1, "a time scale"),
    SANDBOX_TOKEN_TTL: integer(1, 63_072_000, 3600, "a token lifetime in seconds"),
    SANDBOX_UPDATE_DELAY_MS: integer(0, 86_400_000, 2000, "an update delay in ms"),
    SANDBOX_RESET_DELAY_MS: integer(0, 86_400_000, 3000, "a reset delay in ms"),
    SANDBOX_SCHEDULED_RATE: rate("scheduled"),
    SANDBOX_SCHEDULED_DELAY_MS: integer(0, 86_400_000, 30_000, "a scheduled delay in ms"),
    SANDBOX_LATENCY_MS: integer(0, 120_000, 0, "a latency in ms"),
    SANDBOX_FAULT_RATE_429: rate("429"),
    SANDBOX_FAULT_RATE_500: rate("500"),
    SANDBOX_FAULT_RATE_503: rate("503"),
    SANDBOX_ROUTE_FAULTS: routeFaults,
    SANDBOX_RATE_LIMIT: number(0, 1_000_000, 0, "a request rate per second (0 = unlimited)"),
    SANDBOX_DELETABLE_STATUSES: statusList,
    SANDBOX_CALLBACK_RETRY_MS: integer(0, 600_000, 1000, "a callback retry delay in ms"),
    SANDBOX_LOG_REQUESTS: z.preprocess(
      blankToUndefined,
      z.enum(["0", "1", "true", "false"]).default("false"),
    ),
  })
  .transform((env) => ({
    port: env.SANDBOX_PORT,
    host: env.SANDBOX_HOST,
    clientId: env.SANDBOX_CLIENT_ID,
    clientSecret: env.SANDBOX_CLIENT_SECRET,
    sims: env.SANDBOX_SIMS,
    seed: env.SANDBOX_SEED,
    /** Virtual time at start-up (epoch ms); undefined means "now". */
    startTime: env.SANDBOX_START_TIME,
    timeScale: env.SANDBOX_TIME_SCALE,
    tokenTtlSeconds: env.SANDBOX_TOKEN_TTL,
    updateDelayMs: env.SANDBOX_UPDATE_DELAY_MS,
    resetDelayMs: env.SANDBOX_RESET_DELAY_MS,
    scheduledRate: env.SANDBOX_SCHEDULED_RATE,
    scheduledDelayMs: env.SANDBOX_SCHEDULED_DELAY_MS,
    latencyMs: env.SANDBOX_LATENCY_MS,
    faultRate429: env.SANDBOX_FAULT_RATE_429,
    faultRate500: env.SANDBOX_FAULT_RATE_500,
    faultRate503: env.SANDBOX_FAULT_RATE_503,
    routeFaults: env.SANDBOX_ROUTE_FAULTS,
    rateLimitPerSecond: env.SANDBOX_RATE_LIMIT,
    deletableStatuses: env.SANDBOX_DELETABLE_STATUSES,
    callbackRetryMs: env.SANDBOX_CALLBACK_RETRY_MS,
    logRequests: env.SANDBOX_LOG_REQUESTS === "1" || env.SANDBOX_LOG_REQUESTS === "true",
  }));

export class SandboxSettingsError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid sandbox configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join("\n")}`,
    );
    this.name = "SandboxSettingsError";
  }
}

/** Parses SANDBOX_* variables into options; throws `SandboxSettingsError` naming each bad variable. */
export function parseSandboxSettings(source: Record<string, string | undefined>): SandboxOptions {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new SandboxSettingsError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "environment"),
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}

export type SandboxOptions = z.output<typeof envSchema>;
export type RouteFault = z.infer<typeof routeFaultSchema>;
export type SimStatus = (typeof SIM_STATUSES)[number];
