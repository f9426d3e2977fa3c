import { describe, expect, it } from "vitest";
import { entryTitle } from "./describe";
import type { TimelineEntry } from "./entry";
import { countByKind, filterByKinds, groupByDay } from "./group";
import { awaitingConfirmation, mergeTimeline } from "./merge";
import { auditEntry, connectionEvent, dataSession, storedCallback, storedEvent } from "./testing/fixtures";

const none = { events: [], callbacks: [], audit: [], sessions: [] };
const ids = (entries: TimelineEntry[]) => entries.map((e) => e.id);
const types = (entries: TimelineEntry[]) => entries.map((e) => e.type);

describe("mergeTimeline: one suspension seen from every source", () => {
  const request = auditEntry("2026-11-29T10:00:00.900Z");
  const event = storedEvent("2026-11-29T10:00:02Z");
  const callback = storedCallback("2026-11-29T10:00:02Z", { Status: "suspended", PreviousStatus: "active" });
  const entries = mergeTimeline({ ...none, events: [event], callbacks: [callback], audit: [request] });

  it("lists newest first: the callback (which follows the change) above the Monitor event above the request", () => {
    expect(types(entries)).toEqual(["callback", "event", "audit"]);
  });

  it("names the person, role and reason of the request on the change it caused", () => {
    const change = entries[1];
    expect(change?.type === "event" && change.requestedBy).toEqual({
      entryId: `audit-${request.id}`,
      email: "olga@example.test",
      role: "operator",
      reason: "Customer reported the device stolen",
    });
    expect(entryTitle(change as TimelineEntry)).toBe("Status changed from Active to Suspended");
  });

  it("keeps the callback as its own entry, linked to the event of the same transition", () => {
    const confirmation = entries[0];
    expect(confirmation).toMatchObject({
      type: "callback",
      kind: "callback",
      meaning: "status",
      sameAs: `event-${event.sid}`,
      sources: ["callback"],
    });
    expect(entryTitle(confirmation as TimelineEntry)).toBe("KORE confirmed Suspended (was Active)");
  });

  it("describes the request with its outcome", () => {
    expect(entries[2]).toMatchObject({ kind: "request", actorEmail: "olga@example.test", outcome: "ok" });
    expect(entryTitle(entries[2] as TimelineEntry)).toBe("Suspension requested: accepted by KORE");
  });
});

describe("mergeTimeline: ordering", () => {
  it("orders by time across sources and breaks ties by source, then id, identically every time", () => {
    const a = storedEvent("2026-11-29T09:00:00Z");
    const b = storedEvent("2026-11-29T09:00:00Z");
    const input = {
      ...none,
      events: [a, b, storedEvent("2026-11-30T00:00:01Z")],
      audit: [
        auditEntry("2026-11-29T09:00:00Z", { changes: null }),
        auditEntry("2026-11-28T23:59:59Z", { changes: null }),
      ],
      callbacks: [storedCallback("2026-11-29T09:00:00Z", { Status: "active", PreviousStatus: "suspended" })],
      sessions: [dataSession("2026-11-29T09:00:00Z", null)],
    };
    const first = mergeTimeline(input);
    expect(types(first)).toEqual(["event", "callback", "session", "event", "event", "audit", "audit"]);
    expect(ids(mergeTimeline({ ...input, events: [...input.events].reverse() }))).toEqual(ids(first));
    const times = first.map((e) => Date.parse(e.at));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
  });
});

describe("mergeTimeline: data sessions and attach / detach events", () => {
  it("folds the Monitor event of the same attach or detach into the session entry", () => {
    const session = dataSession("2026-11-29T08:00:00Z", "2026-11-29T09:00:00Z");
    const entries = mergeTimeline({
      ...none,
      sessions: [session],
      events: [
        connectionEvent("2026-11-29T08:00:00Z", "attached", session.sid),
        connectionEvent("2026-11-29T09:00:01Z", "detached", session.sid),
      ],
    });
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => e.type === "session" && e.phase)).toEqual(["detach", "attach"]);
    expect(entries.every((e) => e.sources.join() === "data-session,monitor")).toBe(true);
    expect(entryTitle(entries[0] as TimelineEntry)).toBe("Detached: data session ended");
  });

  it("keeps an attach event whose session KORE no longer lists (older than 30 days)", () => {
    const entries = mergeTimeline({
      ...none,
      events: [connectionEvent("2026-09-01T08:00:00Z", "attached", "WN00000000000000000000000000000abc")],
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ type: "event", kind: "connection", sources: ["monitor"] });
    expect(entryTitle(entries[0] as TimelineEntry)).toBe("Attached to the network");
  });

  it("does not fold an event far from the session boundary (a reset detaching mid-session)", () => {
    const session = dataSession("2026-11-29T08:00:00Z", null);
    const entries = mergeTimeline({
      ...none,
      sessions: [session],
      events: [connectionEvent("2026-11-29T08:30:00Z", "attached", session.sid)],
    });
    expect(types(entries)).toEqual(["event", "session"]);
  });
});

describe("mergeTimeline: callbacks", () => {
  it("marks the first step of a two-stage change as intermediate and the second as final", () => {
    const entries = mergeTimeline({
      ...none,
      callbacks: [
        storedCallback("2026-11-29T10:00:00Z", { Status: "deactivated", PreviousStatus: "active" }),
        storedCallback("2026-12-02T10:00:00Z", { Status: "canceled", PreviousStatus: "deactivated" }),
      ],
    });
    expect(entries.map((e) => e.type === "callback" && e.meaning)).toEqual(["status", "intermediate"]);
    expect(entryTitle(entries[1] as TimelineEntry)).toBe(
      "KORE reported Deactivated, the first of two steps (was Active)",
    );
  });

  it("reads an unchanged status as a finished reset when the last request was a reset", () => {
    const entries = mergeTimeline({
      ...none,
      audit: [auditEntry("2026-11-29T10:00:00Z", { action: "sims.reset", changes: null })],
      callbacks: [
        storedCallback("2026-11-29T10:00:03Z", {
          Status: "active",
          PreviousStatus: "active",
          ResetStatus: "",
        }),
      ],
    });
    expect(entries[0]).toMatchObject({ type: "callback", kind: "reset", meaning: "reset", sameAs: null });
    expect(entryTitle(entries[0] as TimelineEntry)).toBe("Connectivity reset finished");
    expect(entries[1]).toMatchObject({ type: "audit", kind: "reset" });
  });

  it("reads an unchanged status as a rate-plan change when a plan event has the same time", () => {
    const plan = storedEvent("2026-11-29T10:00:02Z", {
      changes: { ratePlanSid: { previous: "WP1", updated: "WP2" } },
    });
    const entries = mergeTimeline({
      ...none,
      events: [plan],
      callbacks: [
        storedCallback("2026-11-29T10:00:02Z", {
          Status: "active",
          PreviousStatus: "active",
          RatePlanSid: "WP2",
        }),
      ],
    });
    const callback = entries.find((e) => e.type === "callback");
    expect(callback).toMatchObject({ meaning: "plan", sameAs: `event-${plan.sid}` });
  });

  it("reads an unchanged status as a rate-plan change when the last request changed the plan", () => {
    const entries = mergeTimeline({
      ...none,
      audit: [
        auditEntry("2026-11-29T10:00:00Z", {
          action: "sims.update",
          changes: { ratePlan: { before: "WP1", after: "WP2" } },
        }),
      ],
      callbacks: [
        storedCallback("2026-11-29T10:00:03Z", {
          Status: "active",
          PreviousStatus: "active",
          RatePlanSid: "WP2",
        }),
      ],
    });
    expect(entries[0]).toMatchObject({ type: "callback", meaning: "plan" });
    expect(entryTitle(entries[1] as TimelineEntry)).toBe("Rate plan change requested: accepted by KORE");
  });

  it("places a callback at its arrival and keeps KORE's date of the change beside it", () => {
    const entries = mergeTimeline({
      ...none,
      callbacks: [
        storedCallback("2026-11-29T10:00:00Z", { Status: "active", PreviousStatus: "suspended" }),
        storedCallback("2026-11-29T09:00:00Z", {
          Status: "active",
          PreviousStatus: "suspended",
          DateUpdated: "yesterday",
        }),
      ],
    });
    expect(entries.map((e) => [e.at, e.type === "callback" && e.dateUpdated])).toEqual([
      ["2026-11-29T10:00:00.150Z", "2026-11-29T10:00:00.000Z"],
      ["2026-11-29T09:00:00.150Z", null],
    ]);
  });

  it("never sorts a change before the request that caused it, though KORE dates it to the whole second", () => {
    const request = auditEntry("2026-11-29T10:00:00.700Z");
    const entries = mergeTimeline({
      ...none,
      audit: [request],
      events: [storedEvent("2026-11-29T10:00:00Z")],
    });
    expect(types(entries)).toEqual(["event", "audit"]);
    expect(entries[0]?.at).toBe("2026-11-29T10:00:00.000Z");
  });
});

describe("mergeTimeline: attribution", () => {
  it("never pins an automatic change or a failed request on a person", () => {
    const entries = mergeTimeline({
      ...none,
      audit: [
        auditEntry("2026-11-29T10:00:00Z", {
          outcome: "error",
          changes: { status: { before: "active", after: "suspended" } },
        }),
        auditEntry("2026-11-29T10:00:00Z", {
          changes: { status: { before: "deactivated", after: "canceled" } },
        }),
      ],
      events: [
        storedEvent("2026-11-29T10:00:02Z"),
        storedEvent("2026-11-29T10:00:03Z", {
          source: "twilio",
          actorSid: null,
          changes: { status: { previous: "deactivated", updated: "canceled" } },
        }),
      ],
    });
    expect(entries.filter((e) => e.type === "event").every((e) => e.type === "event" && !e.requestedBy)).toBe(
      true,
    );
  });

  it("gives one request to one change: a later change to the same value is not attributed again", () => {
    const request = auditEntry("2026-11-29T10:00:00Z");
    const entries = mergeTimeline({
      ...none,
      audit: [request],
      events: [storedEvent("2026-11-29T10:00:02Z"), storedEvent("2026-11-29T10:30:00Z")],
    });
    const events = entries.filter((e) => e.type === "event");
    expect(events.map((e) => (e.type === "event" ? (e.requestedBy?.entryId ?? null) : "?"))).toEqual([
      null,
      `audit-${request.id}`,
    ]);
  });
});

describe("awaitingConfirmation", () => {
  const now = Date.parse("2026-11-29T10:01:00Z");

  it("is true while a recent request has no confirming callback or event, false once one arrives", () => {
    const request = auditEntry("2026-11-29T10:00:00Z");
    const pending = mergeTimeline({ ...none, audit: [request] });
    expect(awaitingConfirmation(pending, now)).toBe(true);
    const confirmed = mergeTimeline({
      ...none,
      audit: [request],
      callbacks: [storedCallback("2026-11-29T10:00:02Z", { Status: "suspended", PreviousStatus: "active" })],
    });
    expect(awaitingConfirmation(confirmed, now)).toBe(false);
  });

  it("is true for a pending request and false for old or failed ones", () => {
    expect(
      awaitingConfirmation(
        mergeTimeline({ ...none, audit: [auditEntry("2026-11-29T10:00:59Z", { outcome: "pending" })] }),
        now,
      ),
    ).toBe(true);
    expect(
      awaitingConfirmation(mergeTimeline({ ...none, audit: [auditEntry("2026-11-29T09:00:00Z")] }), now),
    ).toBe(false);
    expect(
      awaitingConfirmation(
        mergeTimeline({ ...none, audit: [auditEntry("2026-11-29T10:00:00Z", { outcome: "error" })] }),
        now,
      ),
    ).toBe(false);
  });
});

describe("groupByDay, filterByKinds, countByKind", () => {
  const entries = mergeTimeline({
    ...none,
    events: [storedEvent("2026-11-30T00:00:01Z"), storedEvent("2026-11-29T23:59:59Z")],
    audit: [auditEntry("2026-11-29T23:00:00Z")],
    sessions: [dataSession("2026-11-28T12:00:00Z", null)],
  });

  it("groups newest first by UTC day with a readable label", () => {
    const days = groupByDay(entries);
    expect(days.map((d) => [d.day, d.entries.length])).toEqual([
      ["2026-11-30", 1],
      ["2026-11-29", 2],
      ["2026-11-28", 1],
    ]);
    expect(days[0]?.label).toBe("Mon, Nov 30, 2026");
  });

  it("filters by kind and counts each kind", () => {
    expect(countByKind(entries)).toEqual({ change: 2, request: 1, callback: 0, reset: 0, connection: 1 });
    expect(filterByKinds(entries, new Set(["request", "connection"])).map((e) => e.type)).toEqual([
      "audit",
      "session",
    ]);
  });
});
