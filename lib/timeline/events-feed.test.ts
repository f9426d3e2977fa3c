import { beforeAll, expect, it, vi } from "vitest";
import { auditEntries } from "@/lib/db/schema/audit";
import { eventSyncState, simEvents } from "@/lib/db/schema/timeline";
import { describeEachDatabase } from "@/lib/db/test-database";
import type { EventSyncRunner } from "./event-sync";
import { loadEventsFeed } from "./events-feed";
import { eventsQuerySchema } from "./events-query";
import { ACCOUNT, auditEntry, connectionEvent, SIM, storedEvent } from "./testing/fixtures";

const OTHER_SIM = "DEffffffffffffffffffffffffffffffff";
const USER_ACTOR = "US00000000000000000000000000000001";

const q = (input: Record<string, unknown> = {}) => eventsQuerySchema.parse(input);

const suspended = storedEvent("2026-11-29T10:00:02Z");
const byKoreConsole = storedEvent("2026-11-20T08:00:00Z", {
  simSid: OTHER_SIM,
  source: "web",
  actorSid: USER_ACTOR,
  actorType: "user",
  changes: { status: { previous: "suspended", updated: "active" } },
});
const canceled = storedEvent("2026-11-25T00:00:00Z", {
  source: "twilio",
  actorSid: null,
  actorType: "system",
  changes: { status: { previous: "deactivated", updated: "canceled" } },
});
const attach = connectionEvent("2026-11-28T07:00:00Z", "attached", null);

const sids = (feed: Awaited<ReturnType<typeof loadEventsFeed>>) => feed.events.map((e) => e.sid);

describeEachDatabase("loadEventsFeed", (handle) => {
  const db = () => handle().db;

  beforeAll(async () => {
    await db().insert(simEvents).values([suspended, byKoreConsole, canceled, attach]);
    await db()
      .insert(auditEntries)
      .values([
        auditEntry("2026-11-29T10:00:00.500Z"),
        // Same person, other SIM, wrong target: explains nothing.
        auditEntry("2026-11-20T07:59:00Z", {
          simSid: OTHER_SIM,
          changes: { status: { before: "active", after: "suspended" } },
        }),
      ]);
  });

  it("lists stored events newest first with the console person behind each change", async () => {
    const feed = await loadEventsFeed(db(), q());
    expect(sids(feed)).toEqual([suspended.sid, attach.sid, canceled.sid, byKoreConsole.sid]);
    expect(feed.total).toBe(4);
    expect(feed.events[0]).toMatchObject({
      simSid: SIM,
      changes: [{ field: "status", before: "active", after: "suspended" }],
      requestedBy: {
        email: "olga@example.test",
        role: "operator",
        reason: "Customer reported the device stolen",
      },
    });
    expect(feed.events.slice(1).every((e) => e.requestedBy === null)).toBe(true);
    expect(feed.actorSids.sort()).toEqual([ACCOUNT, USER_ACTOR].sort());
  });

  it("filters by type, date range and SIM", async () => {
    expect(sids(await loadEventsFeed(db(), q({ type: "wireless-sim.connection.updated" })))).toEqual([
      attach.sid,
    ]);
    expect(sids(await loadEventsFeed(db(), q({ from: "2026-11-25", to: "2026-11-28" })))).toEqual([
      attach.sid,
      canceled.sid,
    ]);
    expect(sids(await loadEventsFeed(db(), q({ sim: OTHER_SIM })))).toEqual([byKoreConsole.sid]);
  });

  it("filters by actor: a console person's email, an actor SID, or automatic changes", async () => {
    expect(sids(await loadEventsFeed(db(), q({ actor: "OLGA@example" })))).toEqual([suspended.sid]);
    expect(sids(await loadEventsFeed(db(), q({ actor: USER_ACTOR })))).toEqual([byKoreConsole.sid]);
    expect(sids(await loadEventsFeed(db(), q({ actor: "automatic" })))).toEqual([attach.sid, canceled.sid]);
    expect(sids(await loadEventsFeed(db(), q({ actor: "100%_match" })))).toEqual([]);
  });

  it("pages with a total", async () => {
    const second = await loadEventsFeed(db(), q({ pageSize: 25, page: 2 }));
    expect(second).toMatchObject({ events: [], total: 4, page: 2, pageCount: 1 });
  });

  it("nudges a stale background sync before the first page, and reports its health", async () => {
    const runNow = vi.fn(async () => ({ ok: true as const, streams: [] }));
    const runner = { runNow } as unknown as EventSyncRunner;
    const first = await loadEventsFeed(db(), q(), { runner });
    expect(runNow).toHaveBeenCalledTimes(1);
    expect(first.sync).toEqual({ lastSuccessAt: null, error: null, running: true });

    const at = new Date();
    await db()
      .insert(eventSyncState)
      .values([
        { eventType: "wireless-sim.updated", lastRunAt: at, lastSuccessAt: at, cursorDate: at },
        {
          eventType: "wireless-sim.connection.updated",
          lastRunAt: at,
          lastSuccessAt: new Date(at.getTime() - 60_000),
          lastError: "KORE is temporarily unavailable. Try again shortly.",
          consecutiveFailures: 2,
        },
      ]);
    const fresh = await loadEventsFeed(db(), q(), { runner });
    expect(runNow).toHaveBeenCalledTimes(1);
    expect(fresh.sync).toEqual({
      lastSuccessAt: new Date(at.getTime() - 60_000).toISOString(),
      error: "KORE is temporarily unavailable. Try again shortly.",
      running: true,
    });
    await loadEventsFeed(db(), q({ page: 2 }), { runner, now: () => at.getTime() + 3_600_000 });
    expect(runNow).toHaveBeenCalledTimes(1);
  });
});
