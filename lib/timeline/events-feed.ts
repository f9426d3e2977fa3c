/**
 * The fleet-wide events feed from our store. Before answering the first page it makes sure the
 * store is fresh: when the background sync has not run for a few seconds it runs it now (joining a
 * run in progress) and waits a moment, so recent events from KORE are there; a slow or failing
 * upstream only delays the answer by that moment, and the sync state says what went wrong.
 */
import type { Db } from "@/lib/db/client";
import { matchRequestsToEvents } from "./correlate";
import { listEventActorSids, listStoredEvents, readRequestsNear } from "./event-store";
import { type EventSyncRunner, readSyncState, SYNCED_EVENT_TYPES, type SyncStateRow } from "./event-sync";
import type { EventsQuery } from "./events-query";
import type { EventsFeed, FeedEvent } from "./feed";

export type FeedOptions = {
  runner?: EventSyncRunner;
  /** A sync this recent counts as fresh. */
  freshWithinMs?: number;
  /** How long to wait for a sync started on the feed's behalf. */
  waitMs?: number;
  now?: () => number;
};

export async function loadEventsFeed(
  db: Db,
  query: EventsQuery,
  options: FeedOptions = {},
): Promise<EventsFeed> {
  const now = options.now ?? Date.now;
  let states = await readSyncState(db);
  if (options.runner && query.page === 1 && isStale(states, now(), options.freshWithinMs ?? 10_000)) {
    await waitAtMost(options.runner.runNow(), options.waitMs ?? 3_000);
    states = await readSyncState(db);
  }

  const [page, actorSids] = await Promise.all([listStoredEvents(db, query), listEventActorSids(db)]);
  const requests = await readRequestsNear(db, page.events);
  const matches = matchRequestsToEvents(page.events, requests);
  const requestsById = new Map(requests.map((r) => [r.id, r]));

  const events: FeedEvent[] = page.events.map((event) => {
    const request = requestsById.get(matches.get(event.sid) ?? "");
    return {
      sid: event.sid,
      simSid: event.simSid,
      eventType: event.eventType,
      at: event.eventDate.toISOString(),
      changes: Object.entries(event.changes).map(([field, change]) => ({
        field,
        before: change.previous ?? null,
        after: change.updated ?? null,
      })),
      source: event.source,
      actorSid: event.actorSid,
      actorType: event.actorType,
      requestedBy: request
        ? { email: request.actorEmail, role: request.actorRole, reason: request.reason }
        : null,
    };
  });

  return {
    events,
    total: page.total,
    page: page.page,
    pageSize: page.pageSize,
    pageCount: page.pageCount,
    sync: syncSummary(states, Boolean(options.runner)),
    actorSids,
  };
}

function isStale(states: readonly SyncStateRow[], now: number, freshWithinMs: number): boolean {
  return SYNCED_EVENT_TYPES.some((type) => {
    const state = states.find((s) => s.eventType === type);
    return !state?.lastRunAt || now - state.lastRunAt.getTime() > freshWithinMs;
  });
}

function syncSummary(states: readonly SyncStateRow[], running: boolean): EventsFeed["sync"] {
  const relevant = SYNCED_EVENT_TYPES.map((type) => states.find((s) => s.eventType === type));
  const successes = relevant.map((s) => s?.lastSuccessAt ?? null);
  const oldest = successes.includes(null)
    ? null
    : new Date(Math.min(...successes.map((d) => (d as Date).getTime()))).toISOString();
  const failing = relevant.find((s) => s && s.consecutiveFailures > 0 && s.lastError);
  return { lastSuccessAt: oldest, error: failing?.lastError ?? null, running };
}

async function waitAtMost(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    promise.catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  if (timer) clearTimeout(timer);
}
