import { z } from "zod";
import { ApiError, errors } from "./errors";
import { createRandom } from "./hash";
import { routeFaultSchema, type SandboxOptions } from "./settings";

/**
 * Fault injection for client tests and demos: latency, random 429/500/503, a queue of forced
 * failures for deterministic tests, and a request-rate limit. Faults are decided before a request
 * is processed, so a faulted write never happened and is always safe to retry. Global rates skip
 * the token endpoint (name it in `routes` to fault it); admin routes are never faulted.
 */
export const faultPatchSchema = z
  .object({
    reset: z.boolean().optional(),
    latencyMs: z.number().min(0).max(120_000).optional(),
    rate429: z.number().min(0).max(1).optional(),
    rate500: z.number().min(0).max(1).optional(),
    rate503: z.number().min(0).max(1).optional(),
    scheduledRate: z.number().min(0).max(1).optional(),
    rateLimitPerSecond: z.number().min(0).max(1_000_000).optional(),
    routes: z.record(z.string().regex(/^(GET|POST|DELETE) \/\S*$/), routeFaultSchema).optional(),
    failNext: z
      .array(
        z.object({
          status: z.union([z.literal(429), z.literal(500), z.literal(503)]),
          route: z.string().optional(),
          count: z.number().int().min(1).max(10_000).optional(),
        }),
      )
      .optional(),
  })
  .strict();

export type FaultPatch = z.infer<typeof faultPatchSchema>;
type Forced = { status: 429 | 500 | 503; route: string | undefined };

export const TOKEN_ROUTE = "POST /api-services/v1/auth/token";

export class Faults {
  latencyMs: number;
  rate429: number;
  rate500: number;
  rate503: number;
  scheduledRate: number;
  rateLimitPerSecond: number;
  routes: SandboxOptions["routeFaults"];
  private forced: Forced[] = [];
  private readonly random: () => number;
  private bucket = { tokens: 0, at: Date.now() };
  counters = { latency: 0, 429: 0, 500: 0, 503: 0, rateLimited: 0 };

  constructor(private readonly defaults: SandboxOptions) {
    this.random = createRandom(defaults.seed ^ 0xfa17);
    this.latencyMs = defaults.latencyMs;
    this.rate429 = defaults.faultRate429;
    this.rate500 = defaults.faultRate500;
    this.rate503 = defaults.faultRate503;
    this.scheduledRate = defaults.scheduledRate;
    this.rateLimitPerSecond = defaults.rateLimitPerSecond;
    this.routes = { ...defaults.routeFaults };
    this.bucket.tokens = this.rateLimitPerSecond;
  }

  apply(patch: FaultPatch): void {
    if (patch.reset) {
      this.latencyMs = this.defaults.latencyMs;
      this.rate429 = this.defaults.faultRate429;
      this.rate500 = this.defaults.faultRate500;
      this.rate503 = this.defaults.faultRate503;
      this.scheduledRate = this.defaults.scheduledRate;
      this.rateLimitPerSecond = this.defaults.rateLimitPerSecond;
      this.routes = { ...this.defaults.routeFaults };
      this.forced = [];
    }
    if (patch.latencyMs !== undefined) this.latencyMs = patch.latencyMs;
    if (patch.rate429 !== undefined) this.rate429 = patch.rate429;
    if (patch.rate500 !== undefined) this.rate500 = patch.rate500;
    if (patch.rate503 !== undefined) this.rate503 = patch.rate503;
    if (patch.scheduledRate !== undefined) this.scheduledRate = patch.scheduledRate;
    if (patch.rateLimitPerSecond !== undefined) {
      this.rateLimitPerSecond = patch.rateLimitPerSecond;
      this.bucket = { tokens: patch.rateLimitPerSecond, at: Date.now() };
    }
    if (patch.routes !== undefined) this.routes = { ...patch.routes };
    for (const entry of patch.failNext ?? []) {
      for (let i = 0; i < (entry.count ?? 1); i++)
        this.forced.push({ status: entry.status, route: entry.route });
    }
  }

  snapshot() {
    return {
      latencyMs: this.latencyMs,
      rate429: this.rate429,
      rate500: this.rate500,
      rate503: this.rate503,
      scheduledRate: this.scheduledRate,
      rateLimitPerSecond: this.rateLimitPerSecond,
      routes: this.routes,
      failNext: this.forced.map((f) => ({ status: f.status, ...(f.route ? { route: f.route } : {}) })),
      counters: { ...this.counters },
    };
  }

  /** What to do to a request on `route` ("GET /v1/Sims/{Sid}"): wait, then maybe fail. */
  decide(route: string): { latencyMs: number; error: ApiError | undefined } {
    const specific = this.routes[route];
    const global = route !== TOKEN_ROUTE;
    const latencyMs = specific?.latencyMs ?? (global ? this.latencyMs : 0);
    if (latencyMs > 0) this.counters.latency++;

    const forcedAt = this.forced.findIndex((f) => (f.route ? f.route === route : global));
    if (forcedAt >= 0) {
      const [forced] = this.forced.splice(forcedAt, 1);
      return { latencyMs, error: this.fail((forced as Forced).status) };
    }
    if (global && this.rateLimitPerSecond > 0 && !this.take()) {
      this.counters.rateLimited++;
      return { latencyMs, error: this.fail(429) };
    }
    const r429 = specific?.rate429 ?? (global ? this.rate429 : 0);
    const r500 = specific?.rate500 ?? (global ? this.rate500 : 0);
    const r503 = specific?.rate503 ?? (global ? this.rate503 : 0);
    if (r429 + r500 + r503 === 0) return { latencyMs, error: undefined };
    const draw = this.random();
    if (draw < r429) return { latencyMs, error: this.fail(429) };
    if (draw < r429 + r500) return { latencyMs, error: this.fail(500) };
    if (draw < r429 + r500 + r503) return { latencyMs, error: this.fail(503) };
    return { latencyMs, error: undefined };
  }

  /** Whether the next asynchronous change should sit in `scheduled` first. */
  drawScheduled(): boolean {
    return this.scheduledRate > 0 && this.random() < this.scheduledRate;
  }

  private fail(status: 429 | 500 | 503): ApiError {
    this.counters[status]++;
    if (status === 429) return errors.tooManyRequests();
    return status === 500 ? errors.internal() : errors.unavailable();
  }

  private take(): boolean {
    const now = Date.now();
    const capacity = Math.max(1, this.rateLimitPerSecond);
    this.bucket.tokens = Math.min(
      capacity,
      this.bucket.tokens + ((now - this.bucket.at) / 1000) * this.rateLimitPerSecond,
    );
    this.bucket.at = now;
    if (this.bucket.tokens < 1) return false;
    this.bucket.tokens -= 1;
    return true;
  }
}
