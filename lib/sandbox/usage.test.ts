import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLuhnValid } from "./identity";
import { type RunningSandbox, startSandbox } from "./server";
import { createTestApi, followPages, type TestApi } from "./testing/api";

type Counters = {
  upload: number;
  download: number;
  total: number;
  billed: number;
  units: string;
  billing_units: string;
};
type CommandCounters = { from_sim: number; to_sim: number; total: number; billed: number };
type UsageRecord = {
  sim_sid?: string;
  account_sid: string;
  period: { start: string; end: string };
  data: Counters & {
    home: Counters;
    national_roaming: Counters;
    international_roaming: (Counters & { country_code: string })[];
  };
  commands: CommandCounters & {
    home: CommandCounters;
    national_roaming: CommandCounters;
    international_roaming: (CommandCounters & { country_code: string })[];
  };
};
type UsagePage = {
  usage_records: UsageRecord[];
  meta: { next_page_url: string | null; previous_page_url: string | null };
};
type Sim = { sid: string; status: string; rate_plan_sid: string | null };
type Session = {
  sid: string;
  start: string;
  end: string | null;
  last_updated: string;
  imei: string;
  operator_country: string;
};
type Client = Awaited<ReturnType<TestApi["as"]>>;

const START = "2026-06-15T12:00:00Z";
const DAY = 86_400_000;
let sandbox: RunningSandbox;
let api: TestApi;
let parent: Client;
let sims: Sim[];

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    sims: 240,
    seed: 5,
    startTime: Date.parse(START),
    timeScale: 0.001,
    resetDelayMs: 1000,
  });
  api = createTestApi(sandbox);
  parent = await api.as(0);
  sims = (await followPages<Sim>(parent, "/v1/Sims?PageSize=1000")).items;
});
afterAll(() => sandbox.close());

function expectTree(record: UsageRecord): void {
  const { data, commands } = record;
  const leaves = [data.home, data.national_roaming, ...data.international_roaming];
  for (const field of ["upload", "download", "total"] as const) {
    expect(leaves.reduce((sum, leaf) => sum + leaf[field], 0)).toBe(data[field]);
  }
  for (const leaf of [data, ...leaves]) {
    expect(leaf.upload + leaf.download).toBe(leaf.total);
    expect(leaf.units).toBe("bytes");
    expect(leaf.billing_units).toBe("USD");
  }
  expect(Math.round(leaves.reduce((sum, leaf) => sum + leaf.billed, 0) * 100)).toBe(
    Math.round(data.billed * 100),
  );
  const commandLeaves = [commands.home, commands.national_roaming, ...commands.international_roaming];
  for (const field of ["from_sim", "to_sim", "total"] as const) {
    expect(commandLeaves.reduce((sum, leaf) => sum + leaf[field], 0)).toBe(commands[field]);
  }
}

function sum(records: UsageRecord[], pick: (r: UsageRecord) => number): number {
  return records.reduce((total, r) => total + pick(r), 0);
}

const window = { Start: "2026-05-20T00:00:00Z", End: "2026-06-10T00:00:00Z" };

describe("UsageRecords", () => {
  it("reports one record for the default period (a month up to now), tree-consistent", async () => {
    const sim = sims.find((s) => s.status === "active") as Sim;
    const res = await parent.get<UsagePage>(`/v1/Sims/${sim.sid}/UsageRecords`);
    expect(res.body.usage_records).toHaveLength(1);
    const [record] = res.body.usage_records as [UsageRecord];
    expect(record.period).toEqual({ start: "2026-05-15T12:00:00Z", end: START });
    expect(record.sim_sid).toBe(sim.sid);
    expect(record.account_sid).toBe(sandbox.credentials[0]?.accountSid);
    expect(record.data.total).toBeGreaterThan(0);
    expectTree(record);
  });

  it("adds up: hours to days, days to the whole period", async () => {
    const sim = sims.find((s) => s.status === "active") as Sim;
    const all = await parent.get<UsagePage>(`/v1/Sims/${sim.sid}/UsageRecords`, {
      ...window,
      Granularity: "all",
    });
    const daily = await followPages<UsageRecord>(
      parent,
      `/v1/Sims/${sim.sid}/UsageRecords?Start=${window.Start}&End=${window.End}&Granularity=daily&PageSize=7`,
    );
    expect(daily.items).toHaveLength(21);
    expect(daily.pages).toBe(3);
    const [whole] = all.body.usage_records as [UsageRecord];
    for (const pick of [
      (r: UsageRecord) => r.data.total,
      (r: UsageRecord) => r.data.upload,
      (r: UsageRecord) => r.commands.total,
    ]) {
      expect(sum(daily.items, pick)).toBe(pick(whole));
    }
    const firstDay = daily.items[0] as UsageRecord;
    expect(firstDay.period).toEqual({ start: "2026-05-20T00:00:00Z", end: "2026-05-21T00:00:00Z" });
    const hourly = await followPages<UsageRecord>(
      parent,
      `/v1/Sims/${sim.sid}/UsageRecords?Start=2026-05-20T00:00:00Z&End=2026-05-21T00:00:00Z&Granularity=hourly&PageSize=10`,
    );
    expect(hourly.items).toHaveLength(24);
    expect(sum(hourly.items, (r) => r.data.total)).toBe(firstDay.data.total);
    for (const record of [...daily.items, ...hourly.items]) expectTree(record);
  });

  it("gives an account exactly the sum of its SIMs", async () => {
    const sub = await api.as(3);
    const subSims = (await followPages<Sim>(sub, "/v1/Sims?PageSize=1000")).items;
    expect(subSims.length).toBeGreaterThan(5);
    let data = 0;
    let upload = 0;
    let commands = 0;
    let national = 0;
    for (const sim of subSims) {
      const res = await sub.get<UsagePage>(`/v1/Sims/${sim.sid}/UsageRecords`, window);
      const record = res.body.usage_records[0] as UsageRecord;
      data += record.data.total;
      upload += record.data.upload;
      commands += record.commands.total;
      national += record.data.national_roaming.total;
    }
    const account = await sub.get<UsagePage>("/v1/UsageRecords", window);
    const [record] = account.body.usage_records as [UsageRecord];
    expect(record.sim_sid).toBeUndefined();
    expect(record.account_sid).toBe(sandbox.credentials[3]?.accountSid);
    expect(record.data.total).toBe(data);
    expect(record.data.upload).toBe(upload);
    expect(record.commands.total).toBe(commands);
    expect(record.data.national_roaming.total).toBe(national);
    expectTree(record);
    const hourly = await followPages<UsageRecord>(
      sub,
      `/v1/UsageRecords?Start=${window.Start}&End=${window.End}&Granularity=hourly&PageSize=1000`,
    );
    expect(hourly.items).toHaveLength(21 * 24);
    expect(sum(hourly.items, (r) => r.data.total)).toBe(data);
  });

  it("shows international roaming per country for roaming SIMs", async () => {
    const account = await parent.get<UsagePage>("/v1/UsageRecords", window);
    const international = account.body.usage_records[0]?.data.international_roaming ?? [];
    expect(international.length).toBeGreaterThan(0);
    for (const entry of international) expect(entry.country_code).toMatch(/^[A-Z]{2}$/);
  });

  it("reports zero for SIMs that never used the network", async () => {
    const fresh = sims.find((s) => s.status === "new") as Sim;
    const [record] = (await parent.get<UsagePage>(`/v1/Sims/${fresh.sid}/UsageRecords`, window)).body
      .usage_records as [UsageRecord];
    expect(record.data).toMatchObject({
      upload: 0,
      download: 0,
      total: 0,
      billed: 0,
      international_roaming: [],
    });
    expect(record.data.national_roaming).toEqual({
      upload: 0,
      download: 0,
      total: 0,
      units: "bytes",
      billed: 0,
      billing_units: "USD",
    });
    expect(record.commands.total).toBe(0);
  });

  it("stops counting once a SIM is suspended", async () => {
    const sim = sims.find((s) => s.status === "active" && s.rate_plan_sid) as Sim;
    await parent.post(`/v1/Sims/${sim.sid}`, { Status: "suspended" });
    sandbox.clock.advance(2 * DAY);
    const from = new Date(sandbox.clock.now() - DAY).toISOString();
    const [record] = (await parent.get<UsagePage>(`/v1/Sims/${sim.sid}/UsageRecords`, { Start: from })).body
      .usage_records as [UsageRecord];
    expect(record.data.total).toBe(0);
  });

  it("is deterministic for a seed and start time", async () => {
    const twin = await startSandbox({
      port: 0,
      sims: 240,
      seed: 5,
      startTime: Date.parse(START),
      timeScale: 0.001,
    });
    try {
      const twinApi = createTestApi(twin, api.conformance);
      const twinParent = await twinApi.as(0);
      const sim = sims.find((s) => s.status === "suspended") as Sim;
      const a = await parent.get<UsagePage>(`/v1/Sims/${sim.sid}/UsageRecords`, {
        ...window,
        Granularity: "daily",
      });
      const b = await twinParent.get<UsagePage>(`/v1/Sims/${sim.sid}/UsageRecords`, {
        ...window,
        Granularity: "daily",
      });
      expect(b.body.usage_records).toEqual(a.body.usage_records);
    } finally {
      await twin.close();
    }
  });

  it("refuses bad Granularity, dates and ranges with 33101", async () => {
    const sim = sims[0] as Sim;
    for (const query of [
      { Granularity: "weekly" },
      { Start: "yesterday" },
      { End: "2026-13-45T00:00:00Z" },
      { Start: "2026-06-10T00:00:00Z", End: "2026-06-01T00:00:00Z" },
    ]) {
      const res = await parent.get(`/v1/Sims/${sim.sid}/UsageRecords`, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body).toMatchObject({ code: 33101 });
    }
    expect((await parent.get("/v1/Sims/unknown-sim/UsageRecords")).status).toBe(404);
  });
});

describe("DataSessions", () => {
  it("lists the last 30 days, newest first, with at most the newest one open", async () => {
    const sim = sims.find((s) => s.status === "active") as Sim;
    const { items } = await followPages<Session>(parent, `/v1/Sims/${sim.sid}/DataSessions?PageSize=10`);
    expect(items.length).toBeGreaterThan(5);
    const now = sandbox.clock.now();
    const starts = items.map((s) => s.start);
    expect([...starts].sort().reverse()).toEqual(starts);
    expect(items.slice(1).every((s) => s.end !== null)).toBe(true);
    for (const session of items) {
      expect(Date.parse(session.end ?? session.last_updated)).toBeGreaterThanOrEqual(now - 30 * DAY - 1000);
      expect(isLuhnValid(session.imei)).toBe(true);
      expect(session.operator_country).toMatch(/^[A-Z]{3}$/);
    }
    expect(new Set(items.map((s) => s.sid)).size).toBe(items.length);
  });

  it("has no sessions for a SIM that never connected, and only closed ones after suspension", async () => {
    const fresh = sims.find((s) => s.status === "new") as Sim;
    expect(
      (await parent.get<{ data_sessions: Session[] }>(`/v1/Sims/${fresh.sid}/DataSessions`)).body
        .data_sessions,
    ).toEqual([]);
    const suspended = sims.find((s) => s.status === "suspended") as Sim;
    const { items } = await followPages<Session>(
      parent,
      `/v1/Sims/${suspended.sid}/DataSessions?PageSize=50`,
    );
    expect(items.every((s) => s.end !== null)).toBe(true);
  });

  it("pages with tokens and refuses foreign ones", async () => {
    const sim = sims.find((s) => s.status === "active") as Sim;
    const first = await parent.get<{ data_sessions: Session[]; meta: { next_page_url: string } }>(
      `/v1/Sims/${sim.sid}/DataSessions`,
      { PageSize: 2 },
    );
    const second = await parent.get<{ data_sessions: Session[]; meta: { previous_page_url: string } }>(
      first.body.meta.next_page_url.slice(sandbox.url.length),
    );
    const back = await parent.get<{ data_sessions: Session[] }>(
      second.body.meta.previous_page_url.slice(sandbox.url.length),
    );
    expect(back.body.data_sessions).toEqual(first.body.data_sessions);
    const bad = await parent.get(`/v1/Sims/${sim.sid}/DataSessions`, { PageToken: "PAWN0000" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 33103 });
  });
});
