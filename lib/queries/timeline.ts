/**
 * React Query options for a SIM's lifecycle timeline (`GET /api/timeline/[sid]`).
 *
 * Live freshness: while the server says the SIM is in flight (`live`: updating, scheduled,
 * resetting, or a console request still waiting), the tab polls, starting every 2 s and backing
 * off the longer nothing new arrives (a `scheduled` change can last a while); otherwise it
 * re-reads at a slow idle pace. New entries reset the backoff.
 *
 * After a mutation on a SIM, invalidate `timelineKeys.sim(sid)` so the tab picks up the request
 * and goes live at once.
 */
import { type Query, queryOptions } from "@tanstack/react-query";
import type { SimTimeline } from "@/lib/timeline/entry";
import { fetchJson, retryUnreachableOnce } from "./fetch-json";

export const timelineKeys = {
  all: ["timeline"] as const,
  sim: (sid: string) => [...timelineKeys.all, sid] as const,
};

export const LIVE_POLL_MIN_MS = 2_000;
export const LIVE_POLL_MAX_MS = 15_000;
export const IDLE_POLL_MS = 30_000;
// Each 20 s without anything new doubles the live interval.
const BACKOFF_STEP_MS = 20_000;

/** How long to wait before the next poll, given how long the SIM has been live with nothing new. */
export function nextPollDelay(live: boolean, quietForMs: number): number {
  if (!live) return IDLE_POLL_MS;
  const steps = Math.max(0, Math.floor(quietForMs / BACKOFF_STEP_MS));
  return Math.min(LIVE_POLL_MAX_MS, LIVE_POLL_MIN_MS * 2 ** steps);
}

type PollState = { quietSince: number; entryCount: number; newestId: string | undefined };

// Keyed by the cached Query object, which lives exactly as long as its cache entry.
const pollStates = new WeakMap<object, PollState>();

function refetchInterval(query: Query<SimTimeline, Error, SimTimeline, readonly unknown[]>): number | false {
  const data = query.state.data;
  if (!data) return false;
  const now = Date.now();
  const newestId = data.entries[0]?.id;
  const previous = pollStates.get(query);
  if (!previous || previous.entryCount !== data.entries.length || previous.newestId !== newestId) {
    pollStates.set(query, { quietSince: now, entryCount: data.entries.length, newestId });
    return nextPollDelay(data.live, 0);
  }
  return nextPollDelay(data.live, now - previous.quietSince);
}

export function simTimelineQueryOptions(sid: string) {
  return queryOptions({
    queryKey: timelineKeys.sim(sid),
    queryFn: ({ signal }) => fetchJson<SimTimeline>(`/api/timeline/${encodeURIComponent(sid)}`, signal),
    refetchInterval,
    // A timeline is read while something is happening: always fetch fresh when it opens.
    staleTime: 0,
    retry: retryUnreachableOnce,
  });
}
