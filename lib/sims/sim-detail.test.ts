/** The detail page's reads against a sandbox on a random port. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema/audit";
import { openTestDatabase } from "@/lib/db/test-database";
import { createKoreClient, type KoreClient } from "@/lib/kore/client";
import { createKoreHttp, type KoreHttp } from "@/lib/kore/http";
import { type RunningSandbox, startSandbox } from "@/lib/sandbox/server";

const state = vi.hoisted(() => {
  process.env.RESET_COOLDOWN_SECONDS = "300";
  return { http: null as KoreHttp | null };
});
vi.mock("@/lib/kore/instance", () => ({
  getDefaultKoreHttp: () => {
    if (!state.http) throw new Error("sandbox not started");
    return state.http;
  },
}));

const { loadAccountOptions, loadResetCheck, loadSimDetail, loadSimSessions, loadSimUsage } = await import(
  "./sim-detail"
);

let sandbox: RunningSandbox;
let kore: KoreClient;
let handle: DbHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, sims: 300, seed: 77, updateDelayMs: 10, resetDelayMs: 10 });
  const parent = sandbox.credentials[0];
  if (!parent) throw new Error("no parent account");
  const upstream = {
    clientId: parent.clientId,
    clientSecret: parent.clientSecret,
    tokenUrl: `${sandbox.url}/api-services/v1/auth/token`,
    wirelessBaseUrl: sandbox.url,
    monitorBaseUrl: sandbox.url,
    iamBaseUrl: sandbox.url,
    timeoutMs: 5000,
  };
  state.http = createKoreHttp(upstream);
  kore = createKoreClient(upstream);
  handle = await openTestDatabase("pglite");
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  await handle?.close();
});

async function firstIn(status: "active" | "suspended") {
  const sim = (await kore.listSimsPage({ status, pageSize: 5 })).sims[0];
  if (!sim) throw new Error(`no ${status} SIM`);
  return sim;
}

describe("loadSimDetail", () => {
  it("finds a SIM by unique name too, with no countdown start for an active SIM", async () => {
    const sim = (await kore.listSimsPage({ status: "active", pageSize: 50 })).sims.find((s) => s.uniqueName);
    if (!sim?.uniqueName) throw new Error("no SIM with a unique name");
    const detail = await loadSimDetail(sim.uniqueName);
    expect(detail.sim.sid).toBe(sim.sid);
    expect(detail.statusSince).toBeNull();
  });

  it("dates a deactivation from its Monitor event, not from a later edit", async () => {
    const sim = await firstIn("suspended");
    await kore.updateSim(sim.sid, { status: "deactivated" });
    sandbox.clock.advance(1000);
    const deactivatedAt = (await kore.getSim(sim.sid)).dateUpdated;
    sandbox.clock.advance(3_600_000);
    await kore.updateSim(sim.sid, { friendlyName: "renamed after deactivation" });
    const detail = await loadSimDetail(sim.sid);
    expect(detail.sim.status).toBe("deactivated");
    expect(detail.sim.dateUpdated).not.toBe(deactivatedAt);
    expect(detail.statusSince).toBe(deactivatedAt);
  });

  it("passes the upstream's 404 on", async () => {
    await expect(loadSimDetail("DE00000000000000000000000000000000")).rejects.toMatchObject({ code: 20404 });
  });
});

describe("other reads", () => {
  it("lists the account tree parent first, subaccounts below it, each with its AC SID", async () => {
    const accounts = await loadAccountOptions();
    const [parent, ...subs] = sandbox.credentials;
    expect(accounts[0]).toEqual({
      sid: parent?.accountSid,
      name: parent?.friendlyName,
      parentSid: null,
      depth: 0,
    });
    expect(accounts.slice(1).map((a) => a.name)).toEqual(subs.map((s) => s.friendlyName).sort());
    expect(accounts.slice(1).every((a) => a.depth === 1 && a.parentSid === parent?.accountSid)).toBe(true);
  });

  it("summarises usage per day over 7 days", async () => {
    const sim = await firstIn("active");
    const usage = await loadSimUsage(sim.sid, { range: "7d" });
    expect(usage.granularity).toBe("daily");
    expect(usage.points.length).toBeGreaterThan(0);
    expect(usage.points.length).toBeLessThanOrEqual(8);
    expect(usage.data.total).toBe(usage.data.upload + usage.data.download);
  });

  it("lists sessions newest first and pre-checks a reset with the cooldown from the audit trail", async () => {
    const sim = await firstIn("active");
    const sessions = await loadSimSessions(sim.sid);
    const starts = sessions.map((s) => s.start ?? "");
    expect(starts).toEqual([...starts].sort().reverse());

    await handle.db
      .insert(auditEntries)
      .values({ requestId: "r", action: "sims.reset", simSid: sim.sid, outcome: "ok" });
    const check = await loadResetCheck(handle.db, sim.sid);
    expect(check.cooldown.remainingSeconds).toBeGreaterThan(290);
    expect(check.lastSession?.start).toBe(starts[0] ?? undefined);
  });
});
