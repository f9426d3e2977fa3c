import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "./server";
import { createTestApi, followPages, type TestApi } from "./testing/api";

type Event = {
  sid: string;
  account_sid: string;
  actor_sid: string | null;
  actor_type: string;
  event_type: string;
  event_date: string;
  resource_sid: string;
  resource_type: string;
  source: string;
  source_ip_address: string | null;
  url: string;
  links: { actor: string | null; resource: string };
  event_data: { resource_properties: Record<string, { previous: string | null; updated: string | null }> };
};
type EventPage = {
  events: Event[];
  meta: { next_page_url: string | null; previous_page_url: string | null };
};
type Client = Awaited<ReturnType<TestApi["as"]>>;

const DAY = 86_400_000;
let sandbox: RunningSandbox;
let api: TestApi;
let parent: Client;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, sims: 300, seed: 9, timeScale: 0.001, updateDelayMs: 1000 });
  api = createTestApi(sandbox);
  parent = await api.as(0);
});
afterAll(() => sandbox.close());

const all = async (client: Client = parent, query = "") =>
  (await followPages<Event>(client, `/v1/Events?PageSize=1000${query}`)).items;

describe("Monitor /v1/Events", () => {
  it("has a seeded history of both event types, newest first, within the last 30 days", async () => {
    const events = await all();
    expect(events.length).toBeGreaterThan(50);
    expect(new Set(events.map((e) => e.event_type))).toEqual(
      new Set(["wireless-sim.updated", "wireless-sim.connection.updated"]),
    );
    const dates = events.map((e) => e.event_date);
    expect([...dates].sort().reverse()).toEqual(dates);
    const now = sandbox.clock.now();
    expect(events.every((e) => Date.parse(e.event_date) >= now - 30 * DAY - 1000)).toBe(true);
    expect(events.every((e) => e.account_sid === sandbox.credentials[0]?.accountSid)).toBe(true);
    expect(events.every((e) => e.resource_type === "wireless-sim" && e.resource_sid.startsWith("DE"))).toBe(
      true,
    );
    // The seeded history reaches further back than the API shows.
    const stored = sandbox.world.events.all.filter((e) => e.account === 0);
    expect(stored.some((e) => e.at < now - 30 * DAY)).toBe(true);
  });

  it("refuses combining ResourceSid, EventType, ActorSid or SourceIpAddress (400, 20004)", async () => {
    const sid = (await all())[0]?.resource_sid as string;
    const combos = [
      { EventType: "wireless-sim.updated", ResourceSid: sid },
      { ActorSid: sandbox.credentials[0]?.accountSid as string, EventType: "wireless-sim.updated" },
      { SourceIpAddress: "127.0.0.1", ResourceSid: sid },
    ];
    for (const query of combos) {
      const res = await parent.get("/v1/Events", query);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        code: 20004,
        message:
          "Invalid combination of AuditEvent filters, no combinations of ResourceSid, SourceIpAddress, ActorSid, and EventType are supported.",
        more_info: "https://docs.korewireless.com/errors/20004",
        status: 400,
      });
    }
  });

  it("filters by EventType, or by ResourceSid across both types", async () => {
    const updates = await all(parent, "&EventType=wireless-sim.updated");
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((e) => e.event_type === "wireless-sim.updated")).toBe(true);
    const connected = (await all(parent, "&EventType=wireless-sim.connection.updated"))[0] as Event;
    const forSim = await all(parent, `&ResourceSid=${connected.resource_sid}`);
    expect(forSim.every((e) => e.resource_sid === connected.resource_sid)).toBe(true);
    expect(new Set(forSim.map((e) => e.event_type)).size).toBeGreaterThanOrEqual(1);
    expect(forSim.some((e) => e.sid === connected.sid)).toBe(true);
  });

  it("narrows by StartDate and EndDate (inclusive)", async () => {
    const events = await all();
    const middle = events[Math.floor(events.length / 2)] as Event;
    const newer = await all(parent, `&StartDate=${middle.event_date}`);
    const older = await all(parent, `&EndDate=${middle.event_date}`);
    expect(newer.every((e) => e.event_date >= middle.event_date)).toBe(true);
    expect(older.every((e) => e.event_date <= middle.event_date)).toBe(true);
    expect(newer.some((e) => e.sid === middle.sid) && older.some((e) => e.sid === middle.sid)).toBe(true);
    const bad = await parent.get("/v1/Events", { StartDate: "last week" });
    expect(bad.status).toBe(400);
  });

  it("pages forward and back with tokens", async () => {
    const first = await parent.get<EventPage>("/v1/Events", { PageSize: 10 });
    const second = await parent.get<EventPage>(
      (first.body.meta.next_page_url as string).slice(sandbox.url.length),
    );
    const back = await parent.get<EventPage>(
      (second.body.meta.previous_page_url as string).slice(sandbox.url.length),
    );
    expect(back.body.events.map((e) => e.sid)).toEqual(first.body.events.map((e) => e.sid));
    expect(
      (second.body.events[0]?.event_date as string) <= (first.body.events[9]?.event_date as string),
    ).toBe(true);
    expect((await parent.get("/v1/Events", { PageToken: "PAAE123" })).status).toBe(400);
  });

  it("records API changes with the account as actor and the caller's address", async () => {
    const sims = await parent.get<{ sims: { sid: string; status: string }[] }>("/v1/Sims", {
      Status: "active",
      PageSize: 1,
    });
    const sid = sims.body.sims[0]?.sid as string;
    await parent.post(`/v1/Sims/${sid}`, { Status: "suspended" });
    sandbox.clock.advance(1000);
    const [latest] = (await all(parent, `&ResourceSid=${sid}`)).filter(
      (e) => e.event_type === "wireless-sim.updated",
    );
    expect(latest).toMatchObject({
      actor_sid: sandbox.credentials[0]?.accountSid,
      actor_type: "account",
      source: "api",
      source_ip_address: "127.0.0.1",
      resource_sid: sid,
      links: { actor: null, resource: `${sandbox.url}/v1/Sims/${sid}` },
    });
    expect(latest?.event_data.resource_properties.status).toEqual({
      previous: "active",
      updated: "suspended",
    });
    const fetched = await parent.get<Event>(`/v1/Events/${latest?.sid}`);
    expect(fetched.body).toEqual(latest);
    expect(fetched.body.url).toBe(`${sandbox.url}/v1/Events/${latest?.sid}`);
    const byActor = await all(parent, `&ActorSid=${sandbox.credentials[0]?.accountSid}`);
    expect(byActor.some((e) => e.sid === latest?.sid)).toBe(true);
    expect(byActor.every((e) => e.source === "api")).toBe(true);
    const byIp = await all(parent, "&SourceIpAddress=127.0.0.1");
    expect(byIp.map((e) => e.sid)).toContain(latest?.sid);
  });

  it("keeps each account's events to itself", async () => {
    const sub = await api.as(1);
    const theirs = await all(sub);
    expect(theirs.every((e) => e.account_sid === sandbox.credentials[1]?.accountSid)).toBe(true);
    const mine = (await all())[0] as Event;
    expect((await sub.get(`/v1/Events/${mine.sid}`)).status).toBe(404);
  });

  it("forgets events older than 30 days as the clock moves on", async () => {
    const before = await all();
    const oldest = before[before.length - 1] as Event;
    const newest = before[0] as Event;
    const cutoff = Date.parse(oldest.event_date) + 30 * DAY;
    sandbox.clock.advance(cutoff - sandbox.clock.now() + 1000);
    const after = await all();
    expect(after.some((e) => e.sid === oldest.sid)).toBe(false);
    expect(after.some((e) => e.sid === newest.sid)).toBe(true);
    const gone = await parent.get(`/v1/Events/${oldest.sid}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ code: 20404 });
  });
});
