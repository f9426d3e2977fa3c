/**
 * The background sync of the account's Monitor events into our database (sim-api.md §12), so a
 * SIM's history outlives KORE's 30-day retention.
 *
 * - One stream per event type (`wireless-sim.updated`, `wireless-sim.connection.updated`): the
 *   upstream refuses `EventType` together with `ResourceSid` (20004), and per-type cursors keep
 *   each stream's position independent.
 * - Resumable: each stream's cursor (the newest event date stored) lives in `event_sync_state`;
 *   a run asks from a little before the cursor (late-indexed events are not missed; the overlap
 *   is deduplicated by event SID), so a restart continues where the last run ended. The first run
 *   takes everything the upstream still has (30 days).
 * - Backs off: after a failed run the next one waits twice as long per consecutive failure (capped),
 *   or longer if KORE asked (Retry-After). The failure is recorded (user-safe text) for /events.
 * - One runner per process (a `globalThis` guard, as Next may load this module more than once).
 *   Several console instances may each run one: inserts are idempotent.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { eventSyncState } from "@/lib/db/schema/timeline";
import { isKoreError } from "@/lib/kore/errors";
import type { EventsApi } from "@/lib/kore/events";
import { storeEvents } from "./event-store";

export const SYNCED_EVENT_TYPES = ["wireless-sim.updated", "wireless-sim.connection.updated"] as const;
export type SyncedEventType = (typeof SYNCED_EVENT_TYPES)[number];

/** How far before the cursor each run starts again, for events the upstream indexes late. */
export const SYNC_OVERLAP_MS = 2 * 60_000;
export const MAX_BACKOFF_MS = 15 * 60_000;
const PAGE_SIZE = 1000;

export type SyncDeps = {
  db: Db;
  events: Pick<EventsApi, "iterateEvents">;
  now?: () => Date;
};

export type StreamResult = { eventType: SyncedEventType; fetched: number; stored: number };

export type SyncRunResult =
  | { ok: true; streams: StreamResult[] }
  | { ok: false; streams: StreamResult[]; error: string; retryAfterMs: number | null };

export type SyncStateRow = typeof eventSyncState.$inferSelect;

export async function readSyncState(db: Db): Promise<SyncStateRow[]> {
  return db.select().from(eventSyncState);
}

/** Brings one stream up to date; throws (after recording the failure) when the upstream fails. */
export async function syncEventType(
  deps: SyncDeps,
  eventType: SyncedEventType,
  signal?: AbortSignal,
): Promise<StreamResult> {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const [state] = await db.select().from(eventSyncState).where(eq(eventSyncState.eventType, eventType));
  const cursor = state?.cursorDate ?? null;
  const startDate = cursor ? new Date(cursor.getTime() - SYNC_OVERLAP_MS) : undefined;
  let newest = cursor;
  let fetched = 0;
  let stored = 0;
  try {
    const pages = deps.events.iterateEvents({ eventType, startDate, pageSize: PAGE_SIZE }, { signal });
    for await (const page of pages) {
      fetched += page.events.length;
      stored += await storeEvents(db, page.events, now());
      for (const event of page.events) {
        const date = event.eventDate ? new Date(event.eventDate) : null;
        if (date && !Number.isNaN(date.getTime()) && (!newest || date > newest)) newest = date;
      }
    }
  } catch (error) {
    await recordRun(db, eventType, now(), { ok: false, error: userSafe(error) });
    throw error;
  }
  await recordRun(db, eventType, now(), { ok: true, cursor: newest });
  return { eventType, fetched, stored };
}

/** One run over every stream; a failing stream does not stop the others. */
export async function runEventSync(deps: SyncDeps, signal?: AbortSignal): Promise<SyncRunResult> {
  const streams: StreamResult[] = [];
  let failure: { error: string; retryAfterMs: number | null } | null = null;
  for (const eventType of SYNCED_EVENT_TYPES) {
    try {
      streams.push(await syncEventType(deps, eventType, signal));
    } catch (error) {
      failure ??= { error: userSafe(error), retryAfterMs: isKoreError(error) ? error.retryAfterMs : null };
      if (!isKoreError(error)) console.error(`[event-sync] ${eventType} failed:`, error);
    }
  }
  return failure ? { ok: false, streams, ...failure } : { ok: true, streams };
}

async function recordRun(
  db: Db,
  eventType: SyncedEventType,
  at: Date,
  outcome: { ok: true; cursor: Date | null } | { ok: false; error: string },
): Promise<void> {
  const values = outcome.ok
    ? {
        cursorDate: outcome.cursor,
        lastRunAt: at,
        lastSuccessAt: at,
        lastError: null,
        consecutiveFailures: 0,
      }
    : { lastRunAt: at, lastError: outcome.error, consecutiveFailures: 1 };
  await db
    .insert(eventSyncState)
    .values({ eventType, ...values, updatedAt: at })
    .onConflictDoUpdate({
      target: eventSyncState.eventType,
      set: outcome.ok
        ? { ...values, updatedAt: at }
        : {
            lastRunAt: at,
            lastError: outcome.error,
            consecutiveFailures: sql`${eventSyncState.consecutiveFailures} + 1`,
            updatedAt: at,
          },
    });
}

function userSafe(error: unknown): string {
  if (isKoreError(error)) return error.userMessage;
  return "The event sync failed inside the console. The server log has the details.";
}

/**
 * The wait before the next run: the interval after a success; after `failures` consecutive
 * failed runs, doubling per failure up to a cap (at most 15 min, at most 32 intervals, never
 * below one interval), with ±10 % jitter so instances do not retry in lockstep, and never less
 * than the upstream's Retry-After.
 */
export function nextSyncDelay(
  intervalMs: number,
  failures: number,
  retryAfterMs: number | null = null,
  random: () => number = Math.random,
): number {
  if (failures <= 0) return intervalMs;
  const cap = Math.max(intervalMs, Math.min(MAX_BACKOFF_MS, intervalMs * 32));
  const base = Math.min(cap, intervalMs * 2 ** failures);
  const jittered = Math.round(base * (0.9 + 0.2 * random()));
  return Math.max(jittered, retryAfterMs ?? 0);
}

// ---------------------------------------------------------------------------------------------
// The runner

export type EventSyncRunner = {
  /** Runs now (or joins the run in progress) and reschedules the next one. */
  runNow: () => Promise<SyncRunResult>;
  stop: () => Promise<void>;
  readonly failures: number;
  readonly lastResult: SyncRunResult | null;
};

export type EventSyncOptions = {
  intervalMs: number;
  /** Before the first run, so start-up (migrations, first page render) is not competing with it. */
  initialDelayMs?: number;
  deps: () => Promise<SyncDeps>;
  random?: () => number;
};

export function createEventSyncRunner(options: EventSyncOptions): EventSyncRunner {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<SyncRunResult> | null = null;
  let stopped = false;
  let failures = 0;
  let lastResult: SyncRunResult | null = null;
  const controller = new AbortController();

  const schedule = (delayMs: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void runNow(), delayMs);
    timer.unref?.();
  };

  const runNow = (): Promise<SyncRunResult> => {
    if (inFlight) return inFlight;
    if (timer) clearTimeout(timer);
    const run = (async (): Promise<SyncRunResult> => {
      try {
        const result = await runEventSync(await options.deps(), controller.signal);
        failures = result.ok ? 0 : failures + 1;
        lastResult = result;
        return result;
      } catch (error) {
        // The database itself failed (or the deps could not be built): back off the same way.
        failures += 1;
        console.error("[event-sync] run failed:", error);
        lastResult = { ok: false, streams: [], error: userSafe(error), retryAfterMs: null };
        return lastResult;
      } finally {
        inFlight = null;
        const retryAfter = lastResult && !lastResult.ok ? lastResult.retryAfterMs : null;
        schedule(nextSyncDelay(options.intervalMs, failures, retryAfter, options.random));
      }
    })();
    inFlight = run;
    return run;
  };

  schedule(options.initialDelayMs ?? 0);

  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller.abort();
      await inFlight?.catch(() => undefined);
    },
    get failures() {
      return failures;
    },
    get lastResult() {
      return lastResult;
    },
  };
}

const RUNNER_KEY = Symbol.for("sim-console.event-sync");
type RunnerHolder = { [RUNNER_KEY]?: EventSyncRunner };

/** Starts this process's one background sync; later calls return the running one. */
export function startEventSync(options: EventSyncOptions): EventSyncRunner {
  const holder = globalThis as RunnerHolder;
  holder[RUNNER_KEY] ??= createEventSyncRunner(options);
  return holder[RUNNER_KEY];
}

/** The running background sync of this process, if one was started. */
export function getEventSyncRunner(): EventSyncRunner | undefined {
  return (globalThis as RunnerHolder)[RUNNER_KEY];
}

/** Stops and forgets this process's background sync (tests, shutdown). */
export async function stopEventSync(): Promise<void> {
  const holder = globalThis as RunnerHolder;
  const runner = holder[RUNNER_KEY];
  holder[RUNNER_KEY] = undefined;
  await runner?.stop();
}
