/**
 * Builds one SIM's timeline: refreshes its Monitor events from KORE into our store (ResourceSid
 * filter, both event types), reads its current status and data sessions, and merges them with
 * the stored events, the callbacks and the audit trail (merge.ts).
 *
 * The Timeline tab polls while a SIM is in flight, so upstream reads are throttled per SIM: the
 * first open (or one after a quiet spell) asks for all 30 days, polls in between ask only from the
 * newest stored event on, and data sessions are reused for a few seconds. A KORE failure never
 * hides what the console already has: the answer carries a notice instead.
 */
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema/audit";
import type { KoreClient } from "@/lib/kore/client";
import { isKoreError } from "@/lib/kore/errors";
import type { DataSession } from "@/lib/kore/schemas";
import { isSimTransient } from "@/lib/sims/status-info";
import { readSimCallbacks } from "./callback-store";
import type { SimTimeline, TimelineNotice } from "./entry";
import { newestSimEventDate, readSimEvents, storeEvents } from "./event-store";
import { awaitingConfirmation, mergeTimeline } from "./merge";

/** What the service needs from the KORE client. */
export type TimelineKore = Pick<KoreClient, "getSim" | "iterateEvents" | "listDataSessions">;

export type TimelineLoaderOptions = {
  /** Polls closer together than this reuse the last event refresh. */
  eventsRefreshMs?: number;
  /** After this long without a full refresh, the next one asks for all 30 days again. */
  fullRefreshMs?: number;
  sessionsTtlMs?: number;
  now?: () => number;
};

export type LoadTimelineOptions = { includeAudit: boolean; signal?: AbortSignal };

// Overlap for the incremental refresh: upstream dates are whole seconds and may be indexed late.
const INCREMENTAL_OVERLAP_MS = 60_000;
const MAX_TRACKED_SIMS = 2000;

type Freshness = { eventsAt: number; fullAt: number; refreshing?: Promise<void> };
type CachedSessions = { at: number; value: Promise<DataSession[]> };

export function createSimTimelineLoader(options: TimelineLoaderOptions = {}) {
  const eventsRefreshMs = options.eventsRefreshMs ?? 2_000;
  const fullRefreshMs = options.fullRefreshMs ?? 5 * 60_000;
  const sessionsTtlMs = options.sessionsTtlMs ?? 15_000;
  const now = options.now ?? Date.now;
  const freshness = new Map<string, Freshness>();
  const sessions = new Map<string, CachedSessions>();

  async function refreshEvents(db: Db, kore: TimelineKore, sid: string): Promise<void> {
    const state = freshness.get(sid) ?? { eventsAt: 0, fullAt: 0 };
    if (state.refreshing) return state.refreshing;
    const started = now();
    if (started - state.eventsAt < eventsRefreshMs) return;
    const full = started - state.fullAt >= fullRefreshMs;
    const refreshing = (async () => {
      const newest = full ? null : await newestSimEventDate(db, sid);
      const startDate = newest ? new Date(newest.getTime() - INCREMENTAL_OVERLAP_MS) : undefined;
      for await (const page of kore.iterateEvents({ resourceSid: sid, startDate, pageSize: 1000 })) {
        await storeEvents(db, page.events);
      }
      remember(freshness, sid, { eventsAt: started, fullAt: full ? started : state.fullAt });
    })();
    remember(freshness, sid, { ...state, refreshing });
    try {
      await refreshing;
    } finally {
      const current = freshness.get(sid);
      if (current?.refreshing === refreshing) remember(freshness, sid, { ...current, refreshing: undefined });
    }
  }

  function dataSessions(kore: TimelineKore, sid: string): Promise<DataSession[]> {
    const cached = sessions.get(sid);
    if (cached && now() - cached.at < sessionsTtlMs) return cached.value;
    const value = kore.listDataSessions(sid);
    remember(sessions, sid, { at: now(), value });
    // A failure must not be served from the cache.
    value.catch(() => {
      if (sessions.get(sid)?.value === value) sessions.delete(sid);
    });
    return value;
  }

  return async function loadSimTimeline(
    deps: { db: Db; kore: TimelineKore },
    sid: string,
    load: LoadTimelineOptions,
  ): Promise<SimTimeline> {
    const { db, kore } = deps;
    const [simResult, eventsResult, sessionsResult] = await Promise.allSettled([
      kore.getSim(sid, { signal: load.signal }),
      // Shared between concurrent viewers of one SIM, so not tied to this request's signal.
      refreshEvents(db, kore, sid),
      dataSessions(kore, sid),
    ]);

    const [events, callbacks, audit] = await Promise.all([
      readSimEvents(db, sid),
      readSimCallbacks(db, sid),
      load.includeAudit ? readSimAudit(db, sid) : Promise.resolve([]),
    ]);
    const entries = mergeTimeline({
      events,
      callbacks,
      audit,
      sessions: sessionsResult.status === "fulfilled" ? sessionsResult.value : [],
    });

    const notices: TimelineNotice[] = [];
    if (simResult.status === "rejected") notices.push(simNotice(simResult.reason));
    if (eventsResult.status === "rejected") {
      notices.push({
        source: "monitor",
        message: `KORE's recent events could not be loaded (${reasonOf(eventsResult.reason)}). Events stored earlier are shown.`,
      });
    }
    if (sessionsResult.status === "rejected") {
      notices.push({
        source: "data-sessions",
        message: `Data sessions could not be loaded (${reasonOf(sessionsResult.reason)}). Attach and detach events stored earlier are shown.`,
      });
    }

    const sim =
      simResult.status === "fulfilled"
        ? { status: simResult.value.status, resetStatus: simResult.value.resetStatus }
        : null;
    const at = now();
    return {
      sid,
      sim,
      live: (sim !== null && isSimTransient(sim)) || awaitingConfirmation(entries, at),
      entries,
      notices,
      generatedAt: new Date(at).toISOString(),
    };
  };
}

async function readSimAudit(db: Db, sid: string, limit = 1000) {
  return db
    .select()
    .from(auditEntries)
    .where(eq(auditEntries.simSid, sid))
    .orderBy(desc(auditEntries.createdAt))
    .limit(limit);
}

function simNotice(reason: unknown): TimelineNotice {
  if (isKoreError(reason) && reason.httpStatus === 404) {
    return {
      source: "sim",
      message: "KORE no longer knows this SIM. The history the console kept is shown.",
    };
  }
  return { source: "sim", message: `The SIM's current status could not be read (${reasonOf(reason)}).` };
}

function reasonOf(reason: unknown): string {
  if (isKoreError(reason)) return reason.userMessage.replace(/\.$/, "");
  console.error("[timeline] an upstream read failed unexpectedly:", reason);
  return "an unexpected error; the server log has the details";
}

/** Map insertion order is age order: dropping the first key keeps the map bounded. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_TRACKED_SIMS) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}

/** The process's loader, shared by every request so the throttles apply across viewers. */
export const loadSimTimeline = createSimTimelineLoader();
