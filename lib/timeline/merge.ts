/**
 * Merges what the console knows about one SIM into one list, newest first.
 *
 * The same fact seen from two sources — decided as follows:
 * - A data session and the Monitor `connection.updated` event reporting the same attach or detach
 *   (same data session SID, same phase, within a minute) are ONE entry: the session entry, with
 *   both sources listed. They say the same thing and showing both doubles every attach.
 * - A status callback and the Monitor event of the same transition are KEPT AS TWO entries, the
 *   callback linked to the event (`sameAs`). They are different evidence — the event is KORE's
 *   record (who, from where), the callback is KORE telling us (including the intermediate step
 *   of a two-stage change, which has no event of its own) — and a support agent checking "did we
 *   hear about it?" needs to see each. Callbacks redelivered by KORE are already stored once
 *   (the receiver dedupes them).
 * - A console request and the change it caused are two facts (asked vs. done); the event names
 *   the person who asked (`requestedBy`, see correlate.ts).
 *
 * Order: newest first, by when each fact happened as far as the console can tell:
 * - console requests at their millisecond time; Monitor events and data sessions at KORE's
 *   whole-second time, except that a change never sorts before the request that caused it (a
 *   change finishing within the request's second would otherwise appear first);
 * - callbacks at their arrival: the notification follows the change it reports, and KORE's
 *   `DateUpdated` (shown with the callback) is whole seconds too.
 * Ties: request → Monitor event → data session → callback, then the id, so the order is stable
 * between refreshes.
 */
import type { AuditChanges, auditEntries } from "@/lib/db/schema/audit";
import type { simCallbacks } from "@/lib/db/schema/sim-callbacks";
import type { simEvents } from "@/lib/db/schema/timeline";
import type { DataSession } from "@/lib/kore/schemas";
import { matchRequestsToEvents } from "./correlate";
import type {
  AuditEntryItem,
  CallbackEntry,
  EventEntry,
  SessionEntry,
  TimelineChange,
  TimelineEntry,
} from "./entry";

export type StoredEvent = typeof simEvents.$inferSelect;
export type StoredCallback = typeof simCallbacks.$inferSelect;
export type StoredAuditEntry = typeof auditEntries.$inferSelect;

export type MergeInput = {
  events: readonly StoredEvent[];
  callbacks: readonly StoredCallback[];
  audit: readonly StoredAuditEntry[];
  sessions: readonly DataSession[];
};

/** How far apart a data session boundary and its Monitor event may be to count as one fact. */
const SESSION_MATCH_MS = 60_000;
/** How far apart a callback and the Monitor event of the same transition may be. */
const CALLBACK_MATCH_MS = 2 * 60_000;
/** A console request is "in flight" until KORE confirms it, for at most this long. */
export const CONFIRMATION_WINDOW_MS = 10 * 60_000;

const TWO_STAGE_FIRST_STEPS = new Set(["ready", "deactivated"]);

const RANK: Record<TimelineEntry["type"], number> = { audit: 0, event: 1, session: 2, callback: 3 };

export function mergeTimeline(input: MergeInput): TimelineEntry[] {
  const requesters = matchRequestsToEvents(input.events, input.audit);
  const auditById = new Map(input.audit.map((entry) => [entry.id, entry]));

  const sessionEntries = input.sessions.flatMap(sessionToEntries);
  const sessionsByKey = new Map(sessionEntries.map((entry) => [`${entry.sessionSid}:${entry.phase}`, entry]));
  const sessionsBySid = new Map(input.sessions.map((session) => [session.sid, session]));

  const eventEntries: EventEntry[] = [];
  for (const event of input.events) {
    const entry = eventToEntry(event, requesters.get(event.sid), auditById, sessionsBySid);
    const folded = foldIntoSession(entry, event, sessionsByKey);
    if (!folded) eventEntries.push(entry);
  }

  const auditItems = input.audit.map(auditToEntry);
  const callbackEntries = input.callbacks.map((callback) =>
    callbackToEntry(callback, eventEntries, input.audit),
  );

  const requestTimes = new Map(auditItems.map((entry) => [entry.id, Date.parse(entry.at)]));
  const sortTime = (entry: TimelineEntry) => {
    const at = Date.parse(entry.at);
    if (entry.type !== "event" || !entry.requestedBy) return at;
    return Math.max(at, requestTimes.get(entry.requestedBy.entryId) ?? at);
  };
  return sortNewestFirst([...auditItems, ...callbackEntries, ...eventEntries, ...sessionEntries], sortTime);
}

export function sortNewestFirst(
  entries: TimelineEntry[],
  sortTime: (entry: TimelineEntry) => number = (entry) => Date.parse(entry.at),
): TimelineEntry[] {
  const times = new Map(entries.map((entry) => [entry, sortTime(entry)]));
  return entries.sort((a, b) => {
    const byTime = (times.get(b) ?? 0) - (times.get(a) ?? 0);
    if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
    const byRank = RANK[b.type] - RANK[a.type];
    if (byRank !== 0) return byRank;
    return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  });
}

/**
 * Whether a console request of the last few minutes still waits for KORE: it is pending, or it
 * asked for a status / rate plan that no later event or callback has confirmed yet. The Timeline
 * tab keeps polling meanwhile, so the confirmation appears without a reload.
 */
export function awaitingConfirmation(entries: readonly TimelineEntry[], now: number): boolean {
  const confirmed = new Set<string>();
  for (const entry of entries) {
    if (entry.type === "event" && entry.requestedBy) confirmed.add(entry.requestedBy.entryId);
  }
  return entries.some((entry) => {
    if (entry.type !== "audit") return false;
    const asked = Date.parse(entry.at);
    const age = now - asked;
    if (!(age >= 0 && age <= CONFIRMATION_WINDOW_MS)) return false;
    if (entry.outcome === "pending") return true;
    if (entry.outcome !== "ok" || confirmed.has(entry.id)) return false;
    // Upstream dates are whole seconds: a confirmation may be dated just before the request.
    const later = entries.filter((other) => Date.parse(other.at) >= asked - 1000);
    const requested = entry.changes.find((c) => c.field === "status");
    if (requested) {
      return !later.some(
        (other) =>
          (other.type === "callback" && other.status === requested.after) ||
          (other.type === "event" &&
            other.changes.some((c) => c.field === "status" && c.after === requested.after)),
      );
    }
    if (entry.kind === "reset") {
      return !later.some(
        (other) =>
          (other.type === "callback" && other.meaning === "reset" && other.resetStatus !== "resetting") ||
          (other.type !== "audit" && other.kind === "connection"),
      );
    }
    return false;
  });
}

function toChanges(changes: Record<string, { previous: unknown; updated: unknown }>): TimelineChange[] {
  return Object.entries(changes).map(([field, change]) => ({
    field,
    before: change.previous ?? null,
    after: change.updated ?? null,
  }));
}

function auditChanges(changes: AuditChanges | null): TimelineChange[] {
  return Object.entries(changes ?? {}).map(([field, change]) => ({
    field,
    before: change?.before ?? null,
    after: change?.after ?? null,
  }));
}

function isConnection(event: StoredEvent): boolean {
  return (event.eventType ?? "").includes("connection") || "connectionState" in event.changes;
}

function eventToEntry(
  event: StoredEvent,
  requestId: string | undefined,
  auditById: Map<string, StoredAuditEntry>,
  sessionsBySid: Map<string, DataSession>,
): EventEntry {
  const request = requestId ? auditById.get(requestId) : undefined;
  const sessionSid = typeof event.data?.dataSessionSid === "string" ? event.data.dataSessionSid : null;
  const session = sessionSid ? sessionsBySid.get(sessionSid) : undefined;
  return {
    type: "event",
    id: `event-${event.sid}`,
    at: event.eventDate.toISOString(),
    kind: isConnection(event) ? "connection" : "change",
    sources: ["monitor"],
    eventSid: event.sid,
    eventType: event.eventType,
    changes: toChanges(event.changes),
    source: event.source,
    actorSid: event.actorSid,
    actorType: event.actorType,
    sourceIpAddress: event.sourceIpAddress,
    description: event.description,
    requestedBy: request
      ? {
          entryId: `audit-${request.id}`,
          email: request.actorEmail,
          role: request.actorRole,
          reason: request.reason,
        }
      : null,
    dataSession: sessionSid
      ? {
          sid: sessionSid,
          radioLink: session?.radioLink ?? null,
          operatorName: session?.operatorName ?? null,
          operatorCountry: session?.operatorCountry ?? null,
          cellId: session?.cellId ?? null,
          packetsUploaded: session?.packetsUploaded ?? null,
          packetsDownloaded: session?.packetsDownloaded ?? null,
        }
      : null,
  };
}

/** Folds an attach / detach event into the data session entry of the same boundary; true when folded. */
function foldIntoSession(
  entry: EventEntry,
  event: StoredEvent,
  sessions: Map<string, SessionEntry>,
): boolean {
  if (entry.kind !== "connection" || !entry.dataSession) return false;
  const state = event.changes.connectionState?.updated;
  const phase = state === "attached" ? "attach" : state === "detached" ? "detach" : null;
  if (!phase) return false;
  const session = sessions.get(`${entry.dataSession.sid}:${phase}`);
  if (!session || Math.abs(Date.parse(session.at) - event.eventDate.getTime()) > SESSION_MATCH_MS)
    return false;
  if (session.eventSid) return false;
  session.eventSid = event.sid;
  session.sources = ["data-session", "monitor"];
  return true;
}

function sessionToEntries(session: DataSession): SessionEntry[] {
  const common = {
    kind: "connection" as const,
    sources: ["data-session" as const],
    sessionSid: session.sid,
    radioLink: session.radioLink,
    operatorName: session.operatorName,
    operatorCountry: session.operatorCountry,
    cellId: session.cellId,
    imei: session.imei,
    packetsUploaded: session.packetsUploaded,
    packetsDownloaded: session.packetsDownloaded,
    start: session.start,
    end: session.end,
    eventSid: null,
  };
  const out: SessionEntry[] = [];
  const start = isoOrNull(session.start);
  const end = isoOrNull(session.end);
  if (start)
    out.push({ ...common, type: "session", id: `session-${session.sid}-attach`, at: start, phase: "attach" });
  if (end)
    out.push({ ...common, type: "session", id: `session-${session.sid}-detach`, at: end, phase: "detach" });
  return out;
}

function auditToEntry(entry: StoredAuditEntry): AuditEntryItem {
  return {
    type: "audit",
    id: `audit-${entry.id}`,
    at: entry.createdAt.toISOString(),
    kind: entry.action.toLowerCase().includes("reset") ? "reset" : "request",
    sources: ["console"],
    action: entry.action,
    actorEmail: entry.actorEmail,
    actorRole: entry.actorRole,
    reason: entry.reason,
    outcome: entry.outcome,
    changes: auditChanges(entry.changes),
    errorMessage: entry.errorMessage,
    completedAt: entry.completedAt ? entry.completedAt.toISOString() : null,
  };
}

function callbackToEntry(
  callback: StoredCallback,
  events: readonly EventEntry[],
  audit: readonly StoredAuditEntry[],
): CallbackEntry {
  const params = callback.params ?? {};
  const receivedAt = callback.receivedAt.toISOString();
  const dateUpdated = isoOrNull(params.DateUpdated);
  const resetStatus = params.ResetStatus ? params.ResetStatus : null;
  const ratePlanSid = params.RatePlanSid ? params.RatePlanSid : null;
  const previous = callback.previousStatus;
  // KORE's own date of the change, for matching; the entry is placed at its arrival.
  const time = Date.parse(dateUpdated ?? receivedAt);

  let meaning: CallbackEntry["meaning"];
  if (previous && previous !== callback.status) {
    meaning = TWO_STAGE_FIRST_STEPS.has(callback.status) ? "intermediate" : "status";
  } else if (resetStatus === "resetting") {
    meaning = "reset";
  } else {
    meaning = meaningOfUnchanged(callback, time, events, audit);
  }

  const sameAs = events.find((event) => {
    if (event.kind !== "change") return false;
    if (Math.abs(Date.parse(event.at) - time) > CALLBACK_MATCH_MS) return false;
    if (meaning === "plan")
      return event.changes.some((c) => c.field === "ratePlanSid" && c.after === ratePlanSid);
    return event.changes.some(
      (c) => c.field === "status" && c.after === callback.status && (!previous || c.before === previous),
    );
  });

  return {
    type: "callback",
    id: `callback-${callback.id}`,
    at: receivedAt,
    kind: meaning === "reset" ? "reset" : "callback",
    sources: ["callback"],
    status: callback.status,
    previousStatus: previous,
    meaning,
    ratePlanSid,
    resetStatus,
    dateUpdated,
    sameAs: meaning === "reset" || meaning === "unchanged" ? null : (sameAs?.id ?? null),
  };
}

/**
 * A callback whose status did not change reports a reset or a rate-plan change; the callback does
 * not say which. A rate-plan event at the same time settles it; otherwise the console's latest
 * asynchronous request for the SIM before the callback does.
 */
function meaningOfUnchanged(
  callback: StoredCallback,
  time: number,
  events: readonly EventEntry[],
  audit: readonly StoredAuditEntry[],
): CallbackEntry["meaning"] {
  const planEvent = events.some(
    (event) =>
      Math.abs(Date.parse(event.at) - time) <= CALLBACK_MATCH_MS &&
      event.changes.some((c) => c.field === "ratePlanSid"),
  );
  if (planEvent) return "plan";
  const isPlanRequest = (entry: StoredAuditEntry) =>
    Boolean(entry.changes?.ratePlan ?? entry.changes?.ratePlanSid);
  const request = audit
    .filter(
      (entry) =>
        entry.simSid === callback.simSid &&
        entry.createdAt.getTime() <= time + 5_000 &&
        (/reset/i.test(entry.action) || isPlanRequest(entry)),
    )
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  if (!request) return "unchanged";
  return /reset/i.test(request.action) ? "reset" : "plan";
}

function isoOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
