import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "./server";
import { createTestApi, followPages, type TestApi } from "./testing/api";
import { startCallbackServer } from "./testing/callback-server";

type Sim = {
  sid: string;
  account_sid: string;
  status: string;
  reset_status: string | null;
  rate_plan_sid: string | null;
  unique_name: string | null;
  friendly_name: string | null;
  date_updated: string;
  commands_callback_url: string | null;
  commands_callback_method: string;
  sms_url: string | null;
  voice_method: string;
};
type Event = {
  sid: string;
  event_type: string;
  actor_sid: string | null;
  actor_type: string;
  source: string;
  source_ip_address: string | null;
  resource_sid: string;
  event_date: string;
  event_data: {
    resource_properties: Record<string, { previous: string | null; updated: string | null }>;
    data_session_sid?: string;
  };
};
type Session = { sid: string; start: string; end: string | null };
type Client = Awaited<ReturnType<TestApi["as"]>>;

const UPDATE_MS = 1000;
const RESET_MS = 2000;
const SCHEDULED_MS = 5000;
const HOUR = 3_600_000;

let sandbox: RunningSandbox;
let api: TestApi;
let parent: Client;
let callbacks: Awaited<ReturnType<typeof startCallbackServer>>;
let plans: Record<string, string>;
const used = new Set<string>();

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    sims: 900,
    seed: 21,
    updateDelayMs: UPDATE_MS,
    resetDelayMs: RESET_MS,
    scheduledDelayMs: SCHEDULED_MS,
    callbackRetryMs: 10,
    // Virtual time barely moves by itself (1 ms per real second): the tests drive it with advance().
    timeScale: 0.001,
  });
  api = createTestApi(sandbox);
  parent = await api.as(0);
  callbacks = await startCallbackServer();
  const list = await parent.get<{ rate_plans: { sid: string; unique_name: string }[] }>("/v1/RatePlans");
  plans = Object.fromEntries(list.body.rate_plans.map((p) => [p.unique_name, p.sid]));
});
afterAll(async () => {
  await sandbox.close();
  await callbacks.close();
});

/** A SIM of the parent in `status` that no other test has touched. */
async function pick(
  status: string,
  where: (sim: Sim) => boolean = () => true,
  client: Client = parent,
): Promise<Sim> {
  const { items } = await followPages<Sim>(client, `/v1/Sims?Status=${status}&PageSize=1000`);
  const sim = items.find((s) => !used.has(s.sid) && where(s));
  if (!sim) throw new Error(`no unused ${status} SIM left`);
  used.add(sim.sid);
  return sim;
}

/** Moves virtual time on and waits for the callbacks that fell due to be delivered. */
async function advance(ms: number): Promise<void> {
  sandbox.clock.advance(ms);
  await sandbox.sandbox.callbacks.settle();
}

async function fetchSim(sid: string, client: Client = parent): Promise<Sim> {
  const res = await client.get<Sim>(`/v1/Sims/${sid}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function eventsOf(sid: string, client: Client = parent): Promise<Event[]> {
  return (await followPages<Event>(client, `/v1/Events?ResourceSid=${sid}&PageSize=100`)).items;
}

function expectError(res: { status: number; body: unknown }, status: number, code: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toMatchObject({ code, status, more_info: `https://docs.korewireless.com/errors/${code}` });
}

describe("status transitions (§8.2)", () => {
  const allowed: Record<string, string[]> = {
    new: ["ready", "active", "deactivated"],
    ready: ["active", "suspended", "deactivated"],
    active: ["suspended", "deactivated"],
    suspended: ["active", "deactivated"],
    deactivated: [],
    canceled: [],
  };

  for (const from of Object.keys(allowed)) {
    for (const to of ["ready", "active", "suspended", "deactivated"]) {
      const verdict =
        from === to
          ? "is a no-op"
          : allowed[from]?.includes(to)
            ? "completes asynchronously"
            : "is refused with 33105";
      it(`${from} → ${to} ${verdict}`, async () => {
        const sim = await pick(from, (s) => s.rate_plan_sid !== null);
        const res = await parent.post<Sim>(`/v1/Sims/${sim.sid}`, { Status: to });
        if (from === to) {
          expect(res.status).toBe(200);
          expect(res.body.status).toBe(from);
          expect(res.body.date_updated).toBe(sim.date_updated);
          await advance(UPDATE_MS);
          const updates = (await eventsOf(sim.sid)).filter((e) => e.event_type === "wireless-sim.updated");
          expect(updates.filter((e) => e.event_date > sim.date_updated)).toEqual([]);
        } else if (allowed[from]?.includes(to)) {
          expect(res.status).toBe(200);
          expect(res.body.status).toBe("updating");
          await advance(UPDATE_MS - 1);
          expect((await fetchSim(sim.sid)).status).toBe("updating");
          await advance(1);
          const after = await fetchSim(sim.sid);
          expect(after.status).toBe(to);
          expect(after.date_updated > sim.date_updated).toBe(true);
          const [latest] = (await eventsOf(sim.sid)).filter((e) => e.event_type === "wireless-sim.updated");
          expect(latest?.event_data.resource_properties.status).toEqual({ previous: from, updated: to });
        } else {
          expectError(res, 400, 33105);
          expect((await fetchSim(sim.sid)).status).toBe(from);
        }
      });
    }
  }

  it("refuses any change of Status or RatePlan while updating or scheduled (33010), but not other fields", async () => {
    const sim = await pick("active");
    await parent.post(`/v1/Sims/${sim.sid}`, { Status: "suspended" });
    expectError(await parent.post(`/v1/Sims/${sim.sid}`, { Status: "active" }), 400, 33010);
    expectError(await parent.post(`/v1/Sims/${sim.sid}`, { RatePlan: "iot-basic" }), 400, 33010);
    const renamed = await parent.post<Sim>(`/v1/Sims/${sim.sid}`, { FriendlyName: "renamed while updating" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ status: "updating", friendly_name: "renamed while updating" });
    await advance(UPDATE_MS);
    expect(await fetchSim(sim.sid)).toMatchObject({
      status: "suspended",
      friendly_name: "renamed while updating",
    });
  });

  it("shows scheduled first when the operator is unavailable, then updating, then the target", async () => {
    await api.admin("POST", "/faults", { scheduledRate: 1 });
    try {
      const sim = await pick("suspended");
      const res = await parent.post<Sim>(`/v1/Sims/${sim.sid}`, { Status: "active" });
      expect(res.body.status).toBe("scheduled");
      expectError(await parent.post(`/v1/Sims/${sim.sid}`, { Status: "deactivated" }), 400, 33010);
      await advance(SCHEDULED_MS);
      expect((await fetchSim(sim.sid)).status).toBe("updating");
      await advance(UPDATE_MS);
      expect((await fetchSim(sim.sid)).status).toBe("active");
    } finally {
      await api.admin("POST", "/faults", { scheduledRate: 0 });
    }
  });

  it("refuses statuses that cannot be requested (33101) and ignores Status=new on a new SIM", async () => {
    const sim = await pick("active");
    for (const status of ["canceled", "updating", "scheduled", "deleted", "ACTIVE", "bogus", ""]) {
      expectError(await parent.post(`/v1/Sims/${sim.sid}`, { Status: status }), 400, 33101);
    }
    expectError(await parent.post(`/v1/Sims/${sim.sid}`, { Status: "new" }), 400, 33105);
    const fresh = await pick("new");
    const res = await parent.post<Sim>(`/v1/Sims/${fresh.sid}`, { Status: "new" });
    expect(res.body.status).toBe("new");
  });
});

describe("update rules (§7)", () => {
  it("needs a rate plan to become ready or active (33104), and accepts one in the same request", async () => {
    const sim = await pick("new", (s) => s.rate_plan_sid === null);
    expectError(await parent.post(`/v1/Sims/${sim.sid}`, { Status: "active" }), 400, 33104);
    expectError(await parent.post(`/v1/Sims/${sim.sid}`, { Status: "ready" }), 400, 33104);
    const res = await parent.post<Sim>(`/v1/Sims/${sim.sid}`, { Status: "active", RatePlan: "iot-basic" });
    expect(res.body.status).toBe("updating");
    await advance(UPDATE_MS);
    expect(await fetchSim(sim.sid)).toMatchObject({ status: "active", rate_plan_sid: plans["iot-basic"] });
  });

  it("refuses Status with ResetStatus, and suspending while removing the plan (33121)", async () => {
    const sim = await pick("active");
    expectError(
      await parent.post(`/v1/Sims/${sim.sid}`, { Status: "suspended", ResetStatus: "resetting" }),
      400,
      33121,
    );
    expectError(await parent.post(`/v1/Sims/${sim.sid}`, { Status: "suspended", RatePlan: "" }), 400, 33121);
    expect((await fetchSim(sim.sid)).status).toBe("active");
  });

  it("refuses bad values (33101) and unknown plans (33108) without changing anything", async () => {
    const sim = await pick("active", (s) => s.rate_plan_sid === plans["iot-basic"]);
    const cases: Record<string, string>[] = [
      { RatePlan: "" },
      { ResetStatus: "reset" },
      { CallbackUrl: "not a url" },
      { CallbackUrl: "ftp://example.test/x" },
      { CallbackMethod: "PUT" },
      { CommandsCallbackMethod: "PATCH" },
      { SmsUrl: "//relative" },
      // A plan with another data-limit strategy only while new or deactivated.
      { RatePlan: "fleet-unlimited" },
      { AccountSid: "not-a-sid" },
      { UniqueName: "x".repeat(65) },
      // A unique name that looks like a SID would make `{Sid}` in URLs ambiguous.
      { UniqueName: `DE${"a".repeat(32)}` },
    ];
    for (const form of cases)
      expectError(await parent.post(`/v1/Sims/${sim.sid}`, { FriendlyName: "nope", ...form }), 400, 33101);
    expectError(await parent.post(`/v1/Sims/${sim.sid}`, { RatePlan: "no-such-plan" }), 400, 33108);
    expect((await fetchSim(sim.sid)).friendly_name).not.toBe("nope");
  });

  it("applies names, callback URLs and methods at once, and fetches by the new unique name", async () => {
    const sim = await pick("active", (s) => s.unique_name !== null);
    const res = await parent.post<Sim>(`/v1/Sims/${sim.sid}`, {
      UniqueName: "pump-station-7",
      FriendlyName: "Pump station 7",
      CommandsCallbackUrl: "https://example.test/commands",
      CommandsCallbackMethod: "get",
      SmsUrl: "https://example.test/sms",
      VoiceMethod: "GET",
    });
    expect(res.body).toMatchObject({
      status: "active",
      unique_name: "pump-station-7",
      friendly_name: "Pump station 7",
      commands_callback_url: "https://example.test/commands",
      commands_callback_method: "GET",
      sms_url: "https://example.test/sms",
      voice_method: "GET",
    });
    expect(res.body.date_updated > sim.date_updated).toBe(true);
    expect((await fetchSim("pump-station-7")).sid).toBe(sim.sid);
    expect((await parent.get(`/v1/Sims/${sim.unique_name}`)).status).toBe(404);
    const other = await pick("active");
    expectError(await parent.post(`/v1/Sims/${other.sid}`, { UniqueName: "pump-station-7" }), 400, 33101);
    const cleared = await parent.post<Sim>(`/v1/Sims/${sim.sid}`, {
      UniqueName: "",
      CommandsCallbackUrl: "",
    });
    expect(cleared.body).toMatchObject({ unique_name: null, commands_callback_url: null });
  });

  it("changes the rate plan asynchronously and records a rate_plan_sid event", async () => {
    const sim = await pick("active", (s) => s.rate_plan_sid === plans["iot-basic"]);
    const res = await parent.post<Sim>(`/v1/Sims/${sim.sid}`, { RatePlan: plans["iot-standard"] as string });
    expect(res.body).toMatchObject({ status: "updating", rate_plan_sid: plans["iot-basic"] });
    await advance(UPDATE_MS);
    expect(await fetchSim(sim.sid)).toMatchObject({ status: "active", rate_plan_sid: plans["iot-standard"] });
    const [event] = await eventsOf(sim.sid);
    expect(event?.event_data.resource_properties.rate_plan_sid).toEqual({
      previous: plans["iot-basic"],
      updated: plans["iot-standard"],
    });
  });

  it("takes a plan with another data-limit strategy while new or deactivated (§7.2)", async () => {
    for (const status of ["new", "deactivated"]) {
      const sim = await pick(
        status,
        (s) => s.rate_plan_sid !== null && s.rate_plan_sid !== plans["fleet-unlimited"],
      );
      const res = await parent.post<Sim>(`/v1/Sims/${sim.sid}`, { RatePlan: "fleet-unlimited" });
      expect(res.status, status).toBe(200);
      await advance(UPDATE_MS);
      expect(await fetchSim(sim.sid)).toMatchObject({ status, rate_plan_sid: plans["fleet-unlimited"] });
    }
  });

  it("removes the rate plan of a new or suspended SIM (only ready and active SIMs need one)", async () => {
    for (const status of ["new", "suspended"]) {
      const sim = await pick(status, (s) => s.rate_plan_sid !== null);
      const res = await parent.post<Sim>(`/v1/Sims/${sim.sid}`, { RatePlan: "" });
      expect(res.status, status).toBe(200);
      await advance(UPDATE_MS);
      expect(await fetchSim(sim.sid)).toMatchObject({ status, rate_plan_sid: null });
    }
  });
});

describe("status callbacks (§9)", () => {
  it("POSTs the outcome as a form with an idempotency token when the change completes", async () => {
    const sim = await pick("active");
    await parent.post(`/v1/Sims/${sim.sid}`, { Status: "suspended", CallbackUrl: callbacks.url("/post") });
    expect(callbacks.for("/post")).toHaveLength(0);
    await advance(UPDATE_MS);
    const [call] = callbacks.for("/post");
    expect(call?.method).toBe("POST");
    expect(call?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(call?.headers["kore-idempotency-token"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(call?.params).toMatchObject({
      AccountSid: sandbox.credentials[0]?.accountSid,
      SimSid: sim.sid,
      Status: "suspended",
      PreviousStatus: "active",
      RatePlanSid: sim.rate_plan_sid,
      ResetStatus: "",
      ApiVersion: "v1",
    });
    expect(call?.params.DateUpdated).toBe((await fetchSim(sim.sid)).date_updated);
  });

  it("uses the query string for CallbackMethod=GET", async () => {
    const sim = await pick("suspended");
    await parent.post(`/v1/Sims/${sim.sid}`, {
      Status: "active",
      CallbackUrl: callbacks.url("/get"),
      CallbackMethod: "GET",
    });
    await advance(UPDATE_MS);
    const [call] = callbacks.for("/get");
    expect(call?.method).toBe("GET");
    expect(call?.params).toMatchObject({ SimSid: sim.sid, Status: "active", PreviousStatus: "suspended" });
  });

  it("retries once on a 5xx with the same idempotency token, and not on a 4xx", async () => {
    const first = await pick("active");
    callbacks.script.push(503);
    await parent.post(`/v1/Sims/${first.sid}`, { Status: "suspended", CallbackUrl: callbacks.url("/retry") });
    await advance(UPDATE_MS);
    const calls = callbacks.for("/retry");
    expect(calls).toHaveLength(2);
    expect(calls[0]?.headers["kore-idempotency-token"]).toBe(calls[1]?.headers["kore-idempotency-token"]);

    const second = await pick("active");
    callbacks.script.push(404);
    await parent.post(`/v1/Sims/${second.sid}`, {
      Status: "suspended",
      CallbackUrl: callbacks.url("/no-retry"),
    });
    await advance(UPDATE_MS);
    expect(callbacks.for("/no-retry")).toHaveLength(1);
  });

  it("calls nothing for a same-status no-op, and reports a rate-plan change with its new plan", async () => {
    const same = await pick("active");
    const noop = await parent.post<Sim>(`/v1/Sims/${same.sid}`, {
      Status: "active",
      CallbackUrl: callbacks.url("/same"),
    });
    expect(noop.body.status).toBe("active");
    await advance(UPDATE_MS * 3);
    expect(callbacks.for("/same")).toEqual([]);

    const sim = await pick("active", (s) => s.rate_plan_sid === plans["iot-basic"]);
    await parent.post(`/v1/Sims/${sim.sid}`, {
      RatePlan: "iot-standard",
      CallbackUrl: callbacks.url("/plan"),
    });
    await advance(UPDATE_MS);
    expect(callbacks.for("/plan").map((c) => c.params)).toEqual([
      expect.objectContaining({
        SimSid: sim.sid,
        Status: "active",
        PreviousStatus: "active",
        RatePlanSid: plans["iot-standard"],
      }),
    ]);
  });

  it("retries once after a 408, a 423 or a network error, and logs every attempt", async () => {
    for (const code of [408, 423]) {
      const sim = await pick("active");
      callbacks.script.push(code);
      await parent.post(`/v1/Sims/${sim.sid}`, {
        Status: "suspended",
        CallbackUrl: callbacks.url(`/retry-${code}`),
      });
      await advance(UPDATE_MS);
      expect(
        callbacks.for(`/retry-${code}`).map((c) => c.params.Status),
        String(code),
      ).toEqual(["suspended", "suspended"]);
    }
    // A port nobody listens on any more: the connection is refused.
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, "127.0.0.1", () => resolve()));
    const { port } = gone.address() as AddressInfo;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/gone`;
    const sim = await pick("active");
    await parent.post(`/v1/Sims/${sim.sid}`, { Status: "suspended", CallbackUrl: url });
    await advance(UPDATE_MS);
    const log = await api.admin<{
      deliveries: { url: string; done: boolean; attempts: { status: number | null; error?: string }[] }[];
    }>("GET", "/callbacks");
    const delivery = log.body.deliveries.find((d) => d.url === url);
    expect(delivery?.done).toBe(true);
    expect(delivery?.attempts).toHaveLength(2);
    expect(delivery?.attempts.every((a) => a.status === null && typeof a.error === "string")).toBe(true);
  });
});

describe("commands and auto-activation", () => {
  it("activates a ready SIM on its fifth Command, with an automatic event and the second callback", async () => {
    const sim = await pick("new", (s) => s.rate_plan_sid === plans["iot-basic"]);
    await parent.post(`/v1/Sims/${sim.sid}`, {
      Status: "ready",
      CallbackUrl: callbacks.url("/two-stage-commands"),
    });
    await advance(UPDATE_MS);
    expect((await fetchSim(sim.sid)).status).toBe("ready");
    for (let i = 0; i < 4; i++)
      expect((await parent.post("/v1/Commands", { Sim: sim.sid, Command: `c${i}` })).status).toBe(201);
    expect((await fetchSim(sim.sid)).status).toBe("ready");
    await parent.post("/v1/Commands", { Sim: sim.sid, Command: "c4" });
    await sandbox.sandbox.callbacks.settle();
    expect((await fetchSim(sim.sid)).status).toBe("active");
    const calls = callbacks.for("/two-stage-commands");
    expect(calls.map((c) => [c.params.PreviousStatus, c.params.Status])).toEqual([
      ["new", "ready"],
      ["ready", "active"],
    ]);
    const [automatic] = await eventsOf(sim.sid);
    expect(automatic).toMatchObject({ source: "twilio", actor_sid: null });
    expect(automatic?.event_data.resource_properties.status).toEqual({
      previous: "ready",
      updated: "active",
    });
  });
});

describe("connectivity reset (§10)", () => {
  it("resets, refuses a second reset (33120) and non-connected SIMs (33119), then opens a new data session", async () => {
    const sim = await pick("active");
    const before = await parent.get<{ data_sessions: { sid: string; start: string; end: string | null }[] }>(
      `/v1/Sims/${sim.sid}/DataSessions`,
    );
    const res = await parent.post<Sim>(`/v1/Sims/${sim.sid}`, {
      ResetStatus: "resetting",
      CallbackUrl: callbacks.url("/reset"),
    });
    expect(res.body).toMatchObject({ status: "active", reset_status: "resetting" });
    expectError(await parent.post(`/v1/Sims/${sim.sid}`, { ResetStatus: "resetting" }), 400, 33120);
    await advance(RESET_MS);
    expect(await fetchSim(sim.sid)).toMatchObject({ status: "active", reset_status: null });
    const after = await parent.get<{ data_sessions: { sid: string; start: string; end: string | null }[] }>(
      `/v1/Sims/${sim.sid}/DataSessions`,
    );
    const [open] = after.body.data_sessions;
    expect(open?.end).toBeNull();
    expect(open?.sid).not.toBe(before.body.data_sessions[0]?.sid);
    expect(open?.start).toBe((await fetchSim(sim.sid)).date_updated);
    const [call] = callbacks.for("/reset");
    expect(call?.params).toMatchObject({ SimSid: sim.sid, Status: "active", ResetStatus: "" });
    const connection = (await eventsOf(sim.sid)).filter(
      (e) => e.event_type === "wireless-sim.connection.updated",
    );
    expect(connection[0]?.event_data.resource_properties.connection_state).toEqual({
      previous: "detached",
      updated: "attached",
    });

    for (const status of ["suspended", "new", "deactivated", "canceled"]) {
      const other = await pick(status);
      expectError(await parent.post(`/v1/Sims/${other.sid}`, { ResetStatus: "resetting" }), 400, 33119);
    }
    const ready = await pick("ready");
    const readyReset = await parent.post<Sim>(`/v1/Sims/${ready.sid}`, { ResetStatus: "resetting" });
    expect(readyReset.body).toMatchObject({ status: "ready", reset_status: "resetting" });
    await advance(RESET_MS);
    expect((await fetchSim(ready.sid)).reset_status).toBeNull();
  });
});

describe("moving SIMs between accounts (§11)", () => {
  it("moves a new SIM to a subaccount, which then owns it", async () => {
    const sim = await pick("new");
    const sub = sandbox.credentials[2];
    const res = await parent.post<Sim>(`/v1/Sims/${sim.sid}`, {
      AccountSid: sub?.accountSid as string,
      Status: "new",
      UniqueName: "moved-sim-1",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ account_sid: sub?.accountSid, unique_name: "moved-sim-1" });
    expect((await parent.get(`/v1/Sims/${sim.sid}`)).status).toBe(404);
    const subClient = await api.as(2);
    expect((await fetchSim("moved-sim-1", subClient)).sid).toBe(sim.sid);
    const { items } = await followPages<Sim>(subClient, "/v1/Sims?Status=new&PageSize=1000");
    expect(items.some((s) => s.sid === sim.sid)).toBe(true);
  });

  it("refuses to move a SIM that is not new, or to an account outside the caller's tree (33201, 403)", async () => {
    const active = await pick("active");
    expectError(
      await parent.post(`/v1/Sims/${active.sid}`, {
        AccountSid: sandbox.credentials[1]?.accountSid as string,
      }),
      403,
      33201,
    );
    const subClient = await api.as(1);
    const subSim = await pick("new", () => true, subClient);
    for (const target of [sandbox.credentials[0], sandbox.credentials[3]]) {
      expectError(
        await subClient.post(`/v1/Sims/${subSim.sid}`, { AccountSid: target?.accountSid as string }),
        403,
        33201,
      );
    }
    expectError(
      await subClient.post(`/v1/Sims/${subSim.sid}`, { AccountSid: `AC${"0".repeat(32)}` }),
      403,
      33201,
    );
    const self = await subClient.post<Sim>(`/v1/Sims/${subSim.sid}`, {
      AccountSid: sandbox.credentials[1]?.accountSid as string,
    });
    expect(self.status).toBe(200);
  });

  it("refuses a move when the SIM's unique name is taken in the target account (33101)", async () => {
    const sub = sandbox.credentials[3];
    const subClient = await api.as(3);
    const theirs = await pick("active", () => true, subClient);
    await subClient.post(`/v1/Sims/${theirs.sid}`, { UniqueName: "gateway-17" });
    const sim = await pick("new");
    await parent.post(`/v1/Sims/${sim.sid}`, { UniqueName: "gateway-17" });
    expectError(
      await parent.post(`/v1/Sims/${sim.sid}`, { AccountSid: sub?.accountSid as string }),
      400,
      33101,
    );
    expect(await fetchSim(sim.sid)).toMatchObject({ account_sid: sandbox.credentials[0]?.accountSid });
    // Renaming in the same request resolves the clash.
    const moved = await parent.post<Sim>(`/v1/Sims/${sim.sid}`, {
      AccountSid: sub?.accountSid as string,
      UniqueName: "gateway-18",
    });
    expect(moved.body).toMatchObject({ account_sid: sub?.accountSid, unique_name: "gateway-18" });
    expect((await fetchSim("gateway-17", subClient)).sid).toBe(theirs.sid);
  });
});

describe("connection events (§12)", () => {
  it("records detach and attach with the data session when a status change cuts or restores access", async () => {
    const sessionsOf = async (sid: string) =>
      (await parent.get<{ data_sessions: Session[] }>(`/v1/Sims/${sid}/DataSessions`)).body.data_sessions;
    let sim: Sim | undefined;
    let open: Session | undefined;
    while (!open) {
      sim = await pick("active");
      open = (await sessionsOf(sim.sid)).find((session) => session.end === null);
    }
    const sid = (sim as Sim).sid;
    await parent.post(`/v1/Sims/${sid}`, { Status: "suspended" });
    await advance(UPDATE_MS);
    const connection = () =>
      eventsOf(sid).then((events) =>
        events.filter((e) => e.event_type === "wireless-sim.connection.updated"),
      );
    const [detached] = await connection();
    expect(detached?.event_data).toEqual({
      resource_properties: { connection_state: { previous: "attached", updated: "detached" } },
      data_session_sid: open.sid,
    });
    expect(detached).toMatchObject({ source: "twilio", actor_sid: null });
    expect((await sessionsOf(sid)).find((session) => session.sid === open?.sid)?.end).toBe(
      detached?.event_date,
    );

    await parent.post(`/v1/Sims/${sid}`, { Status: "active" });
    await advance(UPDATE_MS);
    const [attached] = await connection();
    const reopened = (await sessionsOf(sid))[0] as Session;
    expect(reopened.end).toBeNull();
    expect(attached?.event_data).toEqual({
      resource_properties: { connection_state: { previous: "detached", updated: "attached" } },
      data_session_sid: reopened.sid,
    });
    expect(attached?.event_date).toBe(reopened.start);
  });
});

describe("DELETE /v1/Sims/{Sid} (§17)", () => {
  it("deletes new, deactivated and canceled SIMs, which then disappear", async () => {
    for (const status of ["new", "deactivated", "canceled"]) {
      const sim = await pick(status);
      const res = await parent.del(`/v1/Sims/${sim.sid}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe("");
      expectError(await parent.get(`/v1/Sims/${sim.sid}`), 404, 20404);
      expectError(await parent.del(`/v1/Sims/${sim.sid}`), 404, 20404);
      const { items } = await followPages<Sim>(parent, `/v1/Sims?Status=${status}&PageSize=1000`);
      expect(items.some((s) => s.sid === sim.sid)).toBe(false);
    }
  });

  it("refuses to delete ready, active, suspended and in-flight SIMs with 409", async () => {
    for (const status of ["ready", "active", "suspended"]) {
      const sim = await pick(status);
      expectError(await parent.del(`/v1/Sims/${sim.sid}`), 409, 33105);
    }
    const sim = await pick("active");
    await parent.post(`/v1/Sims/${sim.sid}`, { Status: "suspended" });
    expectError(await parent.del(`/v1/Sims/${sim.sid}`), 409, 33105);
  });
});

describe("DELETE with other deletable statuses (SANDBOX_DELETABLE_STATUSES)", () => {
  let custom: RunningSandbox;
  let client: Client;

  beforeAll(async () => {
    custom = await startSandbox({ port: 0, sims: 200, seed: 22, deletableStatuses: ["suspended"] });
    client = await createTestApi(custom).as(0);
  });
  afterAll(() => custom.close());

  it("deletes only in the configured statuses, and keeps the SIM's past usage in the account's", async () => {
    const { items } = await followPages<Sim>(client, "/v1/Sims?PageSize=1000");
    const fresh = items.find((s) => s.status === "new") as Sim;
    expectError(await client.del(`/v1/Sims/${fresh.sid}`), 409, 33105);

    const end = new Date(custom.clock.now() - 24 * HOUR).toISOString();
    const window = { Start: new Date(Date.parse(end) - 60 * 24 * HOUR).toISOString(), End: end };
    const accountUsage = async () =>
      (await client.get<{ usage_records: { data: { total: number } }[] }>("/v1/UsageRecords", window)).body
        .usage_records[0]?.data.total;
    const before = await accountUsage();
    const suspended = items.filter((s) => s.status === "suspended");
    let used = 0;
    for (const sim of suspended) {
      const usage = await client.get<{ usage_records: { data: { total: number } }[] }>(
        `/v1/Sims/${sim.sid}/UsageRecords`,
        window,
      );
      used += usage.body.usage_records[0]?.data.total ?? 0;
      expect((await client.del(`/v1/Sims/${sim.sid}`)).status).toBe(204);
    }
    expect(used).toBeGreaterThan(0);
    expect(await accountUsage()).toBe(before);
    expect((await client.get<{ sims: Sim[] }>("/v1/Sims", { Status: "suspended" })).body.sims).toEqual([]);
  });
});

describe("automatic transitions on the sandbox clock", () => {
  it("cancels a deactivated SIM 72 hours later, calling the callback a second time", async () => {
    const sim = await pick("active");
    await parent.post(`/v1/Sims/${sim.sid}`, {
      Status: "deactivated",
      CallbackUrl: callbacks.url("/retire"),
    });
    await advance(UPDATE_MS);
    expect((await fetchSim(sim.sid)).status).toBe("deactivated");
    await advance(72 * HOUR - 1000);
    expect((await fetchSim(sim.sid)).status).toBe("deactivated");
    await advance(1000);
    expect((await fetchSim(sim.sid)).status).toBe("canceled");
    expect(callbacks.for("/retire").map((c) => c.params.Status)).toEqual(["deactivated", "canceled"]);
    const [canceled, deactivated] = (await eventsOf(sim.sid)).filter(
      (e) => e.event_type === "wireless-sim.updated",
    );
    expect(canceled).toMatchObject({ source: "twilio", actor_sid: null, actor_type: "system" });
    expect(deactivated).toMatchObject({
      source: "api",
      actor_sid: sandbox.credentials[0]?.accountSid,
      actor_type: "account",
      source_ip_address: "127.0.0.1",
    });
  });

  it("still cancels a deactivated SIM whose 72 hours end during a rate-plan change", async () => {
    const sim = await pick("active", (s) => s.rate_plan_sid === plans["iot-basic"]);
    await parent.post(`/v1/Sims/${sim.sid}`, {
      Status: "deactivated",
      CallbackUrl: callbacks.url("/late-plan"),
    });
    await advance(UPDATE_MS);
    await advance(72 * HOUR - UPDATE_MS / 2);
    await parent.post(`/v1/Sims/${sim.sid}`, {
      RatePlan: "iot-standard",
      CallbackUrl: callbacks.url("/late-plan"),
    });
    await advance(UPDATE_MS / 4);
    expect((await fetchSim(sim.sid)).status).toBe("updating");
    await advance(UPDATE_MS);
    expect(await fetchSim(sim.sid)).toMatchObject({
      status: "canceled",
      rate_plan_sid: plans["iot-standard"],
    });
    expect(callbacks.for("/late-plan").map((c) => [c.params.PreviousStatus, c.params.Status])).toEqual([
      ["active", "deactivated"],
      ["deactivated", "deactivated"],
      ["deactivated", "canceled"],
    ]);
  });

  it("activates ready SIMs by usage (250 KB) or after three months at the latest", async () => {
    const sim = await pick("new", (s) => s.rate_plan_sid !== null);
    await parent.post(`/v1/Sims/${sim.sid}`, { Status: "ready", CallbackUrl: callbacks.url("/ready") });
    await advance(UPDATE_MS);
    const readySims = (await followPages<Sim>(parent, "/v1/Sims?Status=ready&PageSize=1000")).items;
    expect(readySims.length).toBeGreaterThan(1);
    await advance(91 * 24 * HOUR);
    expect((await followPages<Sim>(parent, "/v1/Sims?Status=ready&PageSize=1000")).items).toEqual([]);
    expect((await fetchSim(sim.sid)).status).toBe("active");
    expect(callbacks.for("/ready").map((c) => c.params.Status)).toEqual(["ready", "active"]);
    const usage = await parent.get<{ usage_records: { data: { total: number } }[] }>(
      `/v1/Sims/${sim.sid}/UsageRecords`,
      {
        Start: new Date(sandbox.clock.now() - 92 * 24 * HOUR).toISOString(),
      },
    );
    const total = usage.body.usage_records[0]?.data.total ?? 0;
    // Either the device used 250 KB (and was activated for it) or it stayed quiet for 3 months.
    expect(total === 0 || total >= 250 * 1024).toBe(true);
  });
});
