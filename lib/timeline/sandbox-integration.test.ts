/**
 * The timeline against the embedded sandbox on a random port and a PGlite database: the
 * background event sync (resume, backoff), the per-SIM timeline with a real callback delivered to
 * the receiver over HTTP, and the point of storing events at all — after the sandbox clock moves
 * past KORE's 30-day retention, the upstream no longer returns them but the timeline still does.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beginAuditEntry } from "@/lib/audit/writer";
import type { DbHandle } from "@/lib/db/client";
import { simCallbacks } from "@/lib/db/schema/sim-callbacks";
import { eventSyncState, simEvents } from "@/lib/db/schema/timeline";
import { openTestDatabase } from "@/lib/db/test-database";
import { createKoreClient, type KoreClient } from "@/lib/kore/client";
import { type RunningSandbox, startSandbox } from "@/lib/sandbox/server";
import { createSimStatusReceiver } from "./callback-receiver";
import { readSimEvents } from "./event-store";
import { runEventSync, SYNC_OVERLAP_MS, type SyncDeps } from "./event-sync";
import { createSimTimelineLoader } from "./sim-timeline-service";

const TOKEN = "integration-webhook-token-0123456789";
const DAY_SECONDS = 86_400;

let sandbox: RunningSandbox;
let handle: DbHandle;
let kore: KoreClient;
let callbacks: { url: string; server: Server };

beforeAll(async () => {
  [sandbox, handle] = await Promise.all([
    startSandbox({
      port: 0,
      sims: 200,
      seed: 7117,
      updateDelayMs: 300,
      resetDelayMs: 300,
      callbackRetryMs: 50,
    }),
    openTestDatabase("pglite"),
  ]);
  kore = client();
  callbacks = await startReceiverServer();
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  await new Promise((resolve) => callbacks?.server.close(resolve));
  await handle?.close();
});

function client(): KoreClient {
  const parent = sandbox.credentials[0];
  if (!parent) throw new Error("sandbox has no parent account");
  return createKoreClient(
    {
      clientId: parent.clientId,
      clientSecret: parent.clientSecret,
      tokenUrl: `${sandbox.url}/api-services/v1/auth/token`,
      wirelessBaseUrl: sandbox.url,
      monitorBaseUrl: sandbox.url,
      iamBaseUrl: sandbox.url,
      timeoutMs: 5_000,
    },
    { retry: { baseDelayMs: 5, maxAttempts: 2 } },
  );
}

/** Our receiver behind a real HTTP port, so the sandbox delivers callbacks exactly as KORE would. */
async function startReceiverServer() {
  const receive = createSimStatusReceiver({ getDb: async () => handle.db, getToken: () => TOKEN });
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(key, value);
    }
    const response = await receive(
      new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers,
        body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
      }),
    );
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/api/webhooks/sim-status?token=${TOKEN}` };
}

async function admin(path: string, body: unknown) {
  const res = await fetch(`${sandbox.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`);
  return res.json();
}

async function storedEventCount(): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(simEvents);
  return row?.n ?? 0;
}

async function activeSim(offset = 0): Promise<string> {
  const page = await kore.listSimsPage({ status: "active", pageSize: 10 });
  const sim = page.sims[offset];
  if (!sim) throw new Error("the seeded fleet has no active SIM");
  return sim.sid;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("background event sync", () => {
  it("stores both event types and records where each stream stopped", async () => {
    const result = await runEventSync({ db: handle.db, events: kore });
    expect(result.ok).toBe(true);
    const streams = result.streams;
    expect(streams.map((s) => s.eventType).sort()).toEqual([
      "wireless-sim.connection.updated",
      "wireless-sim.updated",
    ]);
    expect(streams.every((s) => s.fetched > 0 && s.stored === s.fetched)).toBe(true);
    expect(await storedEventCount()).toBe(streams.reduce((sum, s) => sum + s.stored, 0));

    const states = await handle.db.select().from(eventSyncState);
    for (const state of states) {
      const [newest] = await handle.db
        .select({ date: simEvents.eventDate })
        .from(simEvents)
        .where(eq(simEvents.eventType, state.eventType))
        .orderBy(desc(simEvents.eventDate))
        .limit(1);
      expect(state.cursorDate?.toISOString()).toBe(newest?.date.toISOString());
      expect(state).toMatchObject({ consecutiveFailures: 0, lastError: null });
    }
  });

  it("resumes from the stored cursor after a restart and picks up only what is new", async () => {
    const before = await storedEventCount();
    const cursors = new Map(
      (await handle.db.select().from(eventSyncState)).map((s) => [s.eventType, s.cursorDate]),
    );

    // A "restarted" process: new client, new deps; only the database remembers.
    const fresh = client();
    const asked: { eventType?: string; startDate?: Date | string }[] = [];
    const deps: SyncDeps = {
      db: handle.db,
      events: {
        iterateEvents: (params, options) => {
          asked.push({ eventType: params?.eventType, startDate: params?.startDate });
          return fresh.iterateEvents(params, options);
        },
      },
    };

    const sid = await activeSim();
    await fresh.updateSim(sid, { status: "suspended" });
    await until("the suspension to complete", async () =>
      (await fresh.getSim(sid)).status === "suspended" ? true : undefined,
    );

    const result = await runEventSync(deps);
    expect(result.ok).toBe(true);
    for (const request of asked) {
      const cursor = cursors.get(request.eventType ?? "");
      expect(cursor).toBeInstanceOf(Date);
      expect(new Date(request.startDate as Date).getTime()).toBe(
        (cursor as Date).getTime() - SYNC_OVERLAP_MS,
      );
    }
    const updated = result.streams.find((s) => s.eventType === "wireless-sim.updated");
    expect(updated?.stored).toBeGreaterThanOrEqual(1);
    expect(await storedEventCount()).toBe(before + result.streams.reduce((sum, s) => sum + s.stored, 0));
    const events = await readSimEvents(handle.db, sid);
    expect(events.some((e) => e.changes.status?.updated === "suspended")).toBe(true);
  });

  it("records upstream failures, counts them for the backoff, and recovers", async () => {
    await admin("/_sandbox/faults", {
      reset: true,
      failNext: [{ status: 503, route: "GET /v1/Events", count: 100 }],
    });
    const failed = await runEventSync({ db: handle.db, events: kore });
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.error).toBe("KORE is temporarily unavailable. Try again shortly.");
    await runEventSync({ db: handle.db, events: kore });
    let states = await handle.db.select().from(eventSyncState);
    expect(states.map((s) => s.consecutiveFailures)).toEqual([2, 2]);
    expect(states.every((s) => s.lastError === "KORE is temporarily unavailable. Try again shortly.")).toBe(
      true,
    );

    await admin("/_sandbox/faults", { reset: true });
    expect((await runEventSync({ db: handle.db, events: kore })).ok).toBe(true);
    states = await handle.db.select().from(eventSyncState);
    expect(states.map((s) => [s.consecutiveFailures, s.lastError])).toEqual([
      [0, null],
      [0, null],
    ]);
  });
});

describe("a SIM's timeline against the sandbox", () => {
  let sid: string;
  let requestId: string;
  const loader = createSimTimelineLoader({ eventsRefreshMs: 0 });

  it("shows the request at once and is live while KORE works on it", async () => {
    sid = await activeSim(3);
    const audit = await beginAuditEntry(handle.db, {
      requestId: "req-suspend",
      actor: { id: "u-olga", email: "olga@example.test", role: "operator" },
      action: "sims.status",
      simSid: sid,
      changes: { status: { before: "active", after: "suspended" } },
      reason: "Device reported stolen",
    });
    requestId = `audit-${audit.id}`;
    await kore.updateSim(sid, { status: "suspended", callbackUrl: callbacks.url, callbackMethod: "POST" });
    await audit.complete({ ok: true });

    const timeline = await loader({ db: handle.db, kore }, sid, { includeAudit: true });
    expect(timeline.sim?.status).toBe("updating");
    expect(timeline.live).toBe(true);
    expect(timeline.entries[0]).toMatchObject({
      id: requestId,
      type: "audit",
      actorEmail: "olga@example.test",
    });
  });

  it("then shows the Monitor event and the callback after the request, with who asked and why", async () => {
    await until("the status callback", async () => {
      const rows = await handle.db.select().from(simCallbacks).where(eq(simCallbacks.simSid, sid));
      return rows.length > 0 ? rows : undefined;
    });
    const timeline = await loader({ db: handle.db, kore }, sid, { includeAudit: true });
    expect(timeline.sim?.status).toBe("suspended");
    expect(timeline.live).toBe(false);
    expect(timeline.notices).toEqual([]);

    const requestAt = timeline.entries.findIndex((e) => e.id === requestId);
    const recent = timeline.entries.slice(0, requestAt + 1).filter((e) => e.kind !== "connection");
    // Newest first: the callback (the notification follows the change), the change, the request.
    expect(recent.map((e) => e.type)).toEqual(["callback", "event", "audit"]);
    const [callback, event] = recent;
    expect(event).toMatchObject({
      type: "event",
      changes: [{ field: "status", before: "active", after: "suspended" }],
      requestedBy: {
        entryId: requestId,
        email: "olga@example.test",
        role: "operator",
        reason: "Device reported stolen",
      },
    });
    expect(callback).toMatchObject({
      type: "callback",
      meaning: "status",
      status: "suspended",
      sameAs: event?.id,
    });
    // Suspending closes network access: the detach is on the timeline too.
    expect(timeline.entries.some((e) => e.kind === "connection")).toBe(true);
  });

  it("still shows the events after KORE's 30-day retention has dropped them", async () => {
    const stored = await readSimEvents(handle.db, sid);
    expect(stored.length).toBeGreaterThan(0);

    await admin("/_sandbox/clock/advance", { seconds: 31 * DAY_SECONDS });
    const upstream = await kore.listEventsPage({ resourceSid: sid, pageSize: 1000 });
    const upstreamSids = new Set(upstream.events.map((e) => e.sid));
    expect(stored.every((e) => !upstreamSids.has(e.sid))).toBe(true);

    expect((await runEventSync({ db: handle.db, events: kore })).ok).toBe(true);
    const timeline = await createSimTimelineLoader()({ db: handle.db, kore }, sid, { includeAudit: true });
    const shown = new Set(timeline.entries.flatMap((e) => (e.type === "event" ? [e.eventSid] : [])));
    const sessionsShown = timeline.entries.flatMap((e) =>
      e.type === "session" && e.eventSid ? [e.eventSid] : [],
    );
    for (const event of stored) expect(shown.has(event.sid) || sessionsShown.includes(event.sid)).toBe(true);
    expect(
      timeline.entries.find((e) => e.type === "event" && e.requestedBy?.entryId === requestId),
    ).toBeDefined();
  });
});
