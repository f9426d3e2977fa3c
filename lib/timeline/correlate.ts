/**
 * Which console request explains which upstream change. An upstream Monitor event names only the
 * API client that made a change (the console's own account SID); the audit trail knows the person,
 * their role and their reason. A request explains an event when it is for the same SIM, asked for
 * the value the event reports (`status` → after, or the rate plan), was made before the event
 * (allowing for the upstream's whole-second dates) and not longer ago than a `scheduled` change
 * can plausibly wait. Automatic changes (source `twilio`) are never attributed to a person.
 *
 * Pure: the timeline merge and the /events feed use it, and the SQL filter of the feed
 * (event-store.ts) encodes the same window and targets.
 */

/** How long before an event a request may have been made (a `scheduled` change can wait a while). */
export const REQUEST_MATCH_WINDOW_MS = 60 * 60_000;
/** Upstream dates are whole seconds; a request may carry a later millisecond time than its event. */
export const CLOCK_SKEW_MS = 5_000;

export type CorrelationRequest = {
  id: string;
  simSid: string | null;
  createdAt: Date;
  outcome: string;
  changes: Record<string, { before: unknown; after: unknown }> | null;
};

export type CorrelationEvent = {
  sid: string;
  simSid: string | null;
  eventDate: Date;
  source: string | null;
  changes: Record<string, { previous: unknown; updated: unknown }>;
};

/** The request's target for each event property it can explain. */
function targetsOf(request: CorrelationRequest): Map<string, unknown> {
  const targets = new Map<string, unknown>();
  const changes = request.changes ?? {};
  if (changes.status && changes.status.after !== undefined) targets.set("status", changes.status.after);
  const plan = changes.ratePlanSid ?? changes.ratePlan;
  if (plan && plan.after !== undefined) targets.set("ratePlanSid", plan.after);
  return targets;
}

function explains(request: CorrelationRequest, event: CorrelationEvent): boolean {
  if (request.outcome !== "ok" && request.outcome !== "pending") return false;
  if (!event.simSid || request.simSid !== event.simSid) return false;
  if (event.source === "twilio") return false;
  const lag = event.eventDate.getTime() - request.createdAt.getTime();
  if (lag < -CLOCK_SKEW_MS || lag > REQUEST_MATCH_WINDOW_MS) return false;
  const targets = targetsOf(request);
  for (const [field, change] of Object.entries(event.changes)) {
    if (targets.has(field) && targets.get(field) === change.updated) return true;
  }
  return false;
}

/**
 * Event SID → the id of the request that explains it. Each event takes the latest request that
 * explains it; a request explains at most one event (the earliest one claiming it), so a later
 * change to the same value is not pinned on an old request.
 */
export function matchRequestsToEvents(
  events: readonly CorrelationEvent[],
  requests: readonly CorrelationRequest[],
): Map<string, string> {
  const newestFirst = [...requests].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const oldestEventsFirst = [...events].sort((a, b) => a.eventDate.getTime() - b.eventDate.getTime());
  const claimed = new Set<string>();
  const matches = new Map<string, string>();
  for (const event of oldestEventsFirst) {
    const request = newestFirst.find((r) => !claimed.has(r.id) && explains(r, event));
    if (!request) continue;
    claimed.add(request.id);
    matches.set(event.sid, request.id);
  }
  return matches;
}
