import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "./server";
import { createTestApi, followPages, type TestApi } from "./testing/api";

type Plan = {
  sid: string;
  unique_name: string | null;
  friendly_name: string | null;
  account_sid: string;
  data_limit: number;
  data_metering: string;
  messaging_enabled: boolean;
  international_roaming: string[];
  data_limit_strategy: string;
  url: string;
};
type Command = {
  sid: string;
  sim_sid: string;
  status: string;
  direction: string;
  command_mode: string;
  transport: string;
};
type Sim = { sid: string; status: string; rate_plan_sid: string | null };
type Client = Awaited<ReturnType<TestApi["as"]>>;

let sandbox: RunningSandbox;
let api: TestApi;
let parent: Client;
let plans: Plan[];
let sims: Sim[];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, sims: 300, seed: 41, timeScale: 0.001, updateDelayMs: 1000 });
  api = createTestApi(sandbox);
  parent = await api.as(0);
  plans = (await parent.get<{ rate_plans: Plan[] }>("/v1/RatePlans")).body.rate_plans;
  sims = (await followPages<Sim>(parent, "/v1/Sims?PageSize=1000")).items;
});
afterAll(() => sandbox.close());

const planSid = (name: string) => plans.find((p) => p.unique_name === name)?.sid as string;

function expectError(res: { status: number; body: unknown }, status: number, code: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toMatchObject({ code, status });
}

describe("RatePlans", () => {
  it("seeds five plans with unique names, fetchable by SID or unique name", async () => {
    expect(plans.map((p) => p.unique_name)).toEqual([
      "iot-basic",
      "iot-standard",
      "lte-m-lowpower",
      "global-roamer",
      "fleet-unlimited",
    ]);
    const byName = await parent.get<Plan>("/v1/RatePlans/global-roamer");
    const bySid = await parent.get<Plan>(`/v1/RatePlans/${planSid("global-roamer")}`);
    expect(byName.body).toEqual(bySid.body);
    expect(byName.body).toMatchObject({
      international_roaming: ["data", "messaging"],
      url: `${sandbox.url}/v1/RatePlans/${planSid("global-roamer")}`,
    });
    expectError(await parent.get("/v1/RatePlans/no-such-plan"), 404, 20404);
  });

  it("creates, renames and deletes a plan", async () => {
    const created = await parent.post<Plan>("/v1/RatePlans", {
      UniqueName: "pilot-plan",
      FriendlyName: "Pilot",
      DataLimit: "250",
      DataMetering: "quota-1",
      MessagingEnabled: "false",
      InternationalRoaming: ["data", "messaging"],
      DataLimitStrategy: "throttle",
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      unique_name: "pilot-plan",
      friendly_name: "Pilot",
      data_limit: 250,
      data_metering: "quota-1",
      messaging_enabled: false,
      international_roaming: ["data", "messaging"],
      data_limit_strategy: "throttle",
      account_sid: sandbox.credentials[0]?.accountSid,
    });
    expectError(await parent.post("/v1/RatePlans", { UniqueName: "pilot-plan" }), 400, 33101);
    expectError(await parent.post("/v1/RatePlans", { DataMetering: "unlimited" }), 400, 33101);
    expectError(await parent.post("/v1/RatePlans", { DataLimit: "-5" }), 400, 33101);
    const renamed = await parent.post<Plan>("/v1/RatePlans/pilot-plan", {
      UniqueName: "pilot-2",
      DataLimit: "9",
    });
    expect(renamed.body).toMatchObject({ unique_name: "pilot-2", data_limit: 250 });
    expect((await parent.del("/v1/RatePlans/pilot-2")).status).toBe(204);
    expectError(await parent.get(`/v1/RatePlans/${created.body.sid}`), 404, 20404);
  });

  it("refuses to delete a plan SIMs are using (409)", async () => {
    expectError(await parent.del("/v1/RatePlans/iot-basic"), 409, 33101);
  });

  it("shares the parent's plans with subaccounts, read-only", async () => {
    const sub = await api.as(1);
    const visible = await sub.get<{ rate_plans: Plan[] }>("/v1/RatePlans");
    expect(visible.body.rate_plans.map((p) => p.sid)).toEqual(plans.map((p) => p.sid));
    expectError(await sub.post("/v1/RatePlans/iot-basic", { FriendlyName: "mine now" }), 404, 20404);
    expectError(await sub.del("/v1/RatePlans/iot-basic"), 404, 20404);
    const own = await sub.post<Plan>("/v1/RatePlans", { UniqueName: "sub-only" });
    expect((await parent.get(`/v1/RatePlans/${own.body.sid}`)).status).toBe(404);
  });

  it("pages with tokens", async () => {
    const first = await parent.get<{ rate_plans: Plan[]; meta: { next_page_url: string } }>("/v1/RatePlans", {
      PageSize: 2,
    });
    const { items } = await followPages<Plan>(parent, "/v1/RatePlans?PageSize=2");
    expect(items.slice(0, 2)).toEqual(first.body.rate_plans);
    expect(items.length).toBeGreaterThanOrEqual(5);
  });
});

describe("Commands", () => {
  it("queues a command to an active SIM, then sends and delivers it", async () => {
    const sim = sims.find((s) => s.status === "active" && s.rate_plan_sid === planSid("iot-basic")) as Sim;
    const res = await parent.post<Command>("/v1/Commands", { Sim: sim.sid, Command: "reboot" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      sim_sid: sim.sid,
      status: "queued",
      direction: "to_sim",
      command_mode: "text",
      transport: "sms",
    });
    sandbox.clock.advance(1000);
    const sent = (await parent.get<Command>(`/v1/Commands/${res.body.sid}`)).body.status;
    expect(["sent", "failed"]).toContain(sent);
    sandbox.clock.advance(1000);
    if (sent === "sent")
      expect((await parent.get<Command>(`/v1/Commands/${res.body.sid}`)).body.status).toBe("delivered");
    const bySim = await parent.get<{ commands: Command[] }>("/v1/Commands", { Sim: sim.sid });
    expect(bySim.body.commands.map((c) => c.sid)).toEqual([res.body.sid]);
    const byStatus = await parent.get<{ commands: Command[] }>("/v1/Commands", { Status: "queued" });
    expect(byStatus.body.commands.some((c) => c.sid === res.body.sid)).toBe(false);
    expect((await parent.del(`/v1/Commands/${res.body.sid}`)).status).toBe(204);
    expectError(await parent.get(`/v1/Commands/${res.body.sid}`), 404, 20404);
  });

  it("accepts base64 binary commands", async () => {
    const sim = sims.find((s) => s.status === "active" && s.rate_plan_sid === planSid("iot-standard")) as Sim;
    const ok = await parent.post<Command>("/v1/Commands", {
      Sim: sim.sid,
      Command: Buffer.from([1, 2, 3]).toString("base64"),
      CommandMode: "binary",
    });
    expect(ok.body.command_mode).toBe("binary");
    expectError(
      await parent.post("/v1/Commands", {
        Sim: sim.sid,
        Command: Buffer.alloc(141).toString("base64"),
        CommandMode: "binary",
      }),
      400,
      33101,
    );
  });

  it("refuses commands the platform would refuse", async () => {
    const active = sims.find((s) => s.status === "active" && s.rate_plan_sid === planSid("iot-basic")) as Sim;
    const suspended = sims.find((s) => s.status === "suspended") as Sim;
    const noMessaging = sims.find(
      (s) => s.status === "active" && s.rate_plan_sid === planSid("lte-m-lowpower"),
    ) as Sim;
    expectError(await parent.post("/v1/Commands", { Sim: suspended.sid, Command: "x" }), 400, 33104);
    expectError(await parent.post("/v1/Commands", { Sim: noMessaging.sid, Command: "x" }), 400, 33203);
    expectError(
      await parent.post("/v1/Commands", { Sim: "DE00000000000000000000000000000000", Command: "x" }),
      404,
      33107,
    );
    expectError(await parent.post("/v1/Commands", { Sim: active.sid }), 400, 33102);
    expectError(await parent.post("/v1/Commands", { Sim: active.sid, Command: "x".repeat(161) }), 400, 33101);
    expectError(
      await parent.post("/v1/Commands", {
        Sim: active.sid,
        Command: "x",
        Direction: "x",
        CommandMode: "morse",
      }),
      400,
      33101,
    );
    expectError(await parent.get("/v1/Commands", { Status: "lost" }), 400, 33101);
  });

  it("allows at most 100 queued commands per SIM (33118)", async () => {
    const sim = sims.filter(
      (s) => s.status === "active" && s.rate_plan_sid === planSid("iot-basic"),
    )[1] as Sim;
    for (let i = 0; i < 100; i++)
      expect((await parent.post("/v1/Commands", { Sim: sim.sid, Command: `n${i}` })).status).toBe(201);
    expectError(await parent.post("/v1/Commands", { Sim: sim.sid, Command: "one too many" }), 400, 33118);
    const { items } = await followPages<Command>(parent, `/v1/Commands?Sim=${sim.sid}&PageSize=30`);
    expect(items).toHaveLength(100);
  });
});
