import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "./server";
import { createTestApi, followPages, type TestApi } from "./testing/api";
import { startCallbackServer } from "./testing/callback-server";

type Sim = {
  sid: string;
  account_sid: string;
  status: string;
  rate_plan_sid: string | null;
  unique_name: string | null;
};
type Command = {
  sid: string;
  account_sid: string;
  sim_sid: string;
  command: string;
  command_mode: string;
  status: string;
  direction: string;
  transport: string;
};
type FromSim = { command: Command; callback: { id: string; url: string; method: string } | null };
type Client = Awaited<ReturnType<TestApi["as"]>>;

// Commands move one step per second of virtual time; SIM updates complete in half that.
const STEP_MS = 1000;
const UPDATE_MS = 500;

let sandbox: RunningSandbox;
let api: TestApi;
let parent: Client;
let callbacks: Awaited<ReturnType<typeof startCallbackServer>>;
let messagingPlans: Set<string>;
const used = new Set<string>();

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    sims: 500,
    seed: 13,
    updateDelayMs: UPDATE_MS,
    callbackRetryMs: 10,
    // Virtual time barely moves by itself: the tests drive it with advance().
    timeScale: 0.001,
  });
  api = createTestApi(sandbox);
  parent = await api.as(0);
  callbacks = await startCallbackServer();
  messagingPlans = new Set(
    sandbox.world.plans.all.filter((p) => !p.deleted && p.messagingEnabled).map((p) => p.sid),
  );
});
afterAll(async () => {
  await sandbox.close();
  await callbacks.close();
});

/** An unused active SIM on a messaging plan whose device is attached right now. */
async function pickOnline(client: Client = parent): Promise<Sim> {
  const { fleet } = sandbox.world;
  const { items } = await followPages<Sim>(client, "/v1/Sims?Status=active&PageSize=1000");
  const sim = items.find(
    (s) =>
      !used.has(s.sid) &&
      messagingPlans.has(s.rate_plan_sid ?? "") &&
      fleet.isOnline(fleet.identity.indexOfSimSid(s.sid) as number, sandbox.clock.now()),
  );
  if (!sim) throw new Error("no unused online SIM left");
  used.add(sim.sid);
  return sim;
}

async function advance(ms: number): Promise<void> {
  sandbox.clock.advance(ms);
  await sandbox.sandbox.callbacks.settle();
}

function fromSim(body: unknown) {
  return api.admin<FromSim & { code?: number }>("POST", "/commands/from-sim", body);
}

describe("Command callbacks (sim-api.md §13.4)", () => {
  it("POSTs each status change of a to_sim command to its CallbackUrl with Twilio's Command fields", async () => {
    const sim = await pickOnline();
    const res = await parent.post<Command>("/v1/Commands", {
      Sim: sim.sid,
      Command: "report",
      CallbackUrl: callbacks.url("/to-sim"),
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe("queued");
    await sandbox.sandbox.callbacks.settle();
    expect(callbacks.for("/to-sim")).toEqual([]);

    await advance(STEP_MS);
    expect(callbacks.for("/to-sim").map((c) => c.params.Status)).toEqual(["sent"]);
    await advance(STEP_MS);
    const calls = callbacks.for("/to-sim");
    expect(calls.map((c) => c.params.Status)).toEqual(["sent", "delivered"]);
    expect(calls[1]?.method).toBe("POST");
    expect(calls[1]?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(calls[1]?.params).toEqual({
      AccountSid: sandbox.credentials[0]?.accountSid,
      ApiVersion: "v1",
      Command: "report",
      CommandMode: "text",
      CommandSid: res.body.sid,
      Direction: "to_sim",
      SimSid: sim.sid,
      SimUniqueName: sim.unique_name ?? "",
      Status: "delivered",
      Transport: "sms",
    });
    // One delivery per change, each with its own idempotency token.
    const tokens = calls.map((c) => c.headers["kore-idempotency-token"]);
    expect(new Set(tokens).size).toBe(2);
    expect((await parent.get<Command>(`/v1/Commands/${res.body.sid}`)).body.status).toBe("delivered");
  });

  it("uses the query string for CallbackMethod=GET, and stops at sent without a delivery receipt", async () => {
    const sim = await pickOnline();
    const res = await parent.post<Command>("/v1/Commands", {
      Sim: sim.sid,
      Command: Buffer.from([0xca, 0xfe]).toString("base64"),
      CommandMode: "binary",
      DeliveryReceiptRequested: "false",
      CallbackUrl: callbacks.url("/no-receipt"),
      CallbackMethod: "GET",
    });
    await advance(STEP_MS * 5);
    const calls = callbacks.for("/no-receipt");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe("GET");
    expect(calls[0]?.params).toMatchObject({
      CommandSid: res.body.sid,
      Command: "yv4=",
      CommandMode: "binary",
      Status: "sent",
    });
    expect((await parent.get<Command>(`/v1/Commands/${res.body.sid}`)).body.status).toBe("sent");
  });

  it("reports failed, and nothing after it, when the device has lost network access", async () => {
    const sim = await pickOnline();
    const res = await parent.post<Command>("/v1/Commands", {
      Sim: sim.sid,
      Command: "too late",
      CallbackUrl: callbacks.url("/failed"),
    });
    await parent.post(`/v1/Sims/${sim.sid}`, { Status: "suspended" });
    await advance(STEP_MS * 3);
    expect(callbacks.for("/failed").map((c) => [c.params.CommandSid, c.params.Status])).toEqual([
      [res.body.sid, "failed"],
    ]);
  });

  it("retries once on a 5xx with the same token, and calls nothing for a deleted command", async () => {
    const sim = await pickOnline();
    callbacks.script.push(503);
    await parent.post("/v1/Commands", {
      Sim: sim.sid,
      Command: "flaky receiver",
      DeliveryReceiptRequested: "false",
      CallbackUrl: callbacks.url("/retry"),
    });
    await advance(STEP_MS);
    const calls = callbacks.for("/retry");
    expect(calls).toHaveLength(2);
    expect(calls[0]?.headers["kore-idempotency-token"]).toBe(calls[1]?.headers["kore-idempotency-token"]);

    const doomed = await parent.post<Command>("/v1/Commands", {
      Sim: sim.sid,
      Command: "never mind",
      CallbackUrl: callbacks.url("/deleted"),
    });
    expect((await parent.del(`/v1/Commands/${doomed.body.sid}`)).status).toBe(204);
    await advance(STEP_MS * 3);
    expect(callbacks.for("/deleted")).toEqual([]);
  });

  it("refuses a bad CallbackUrl or CallbackMethod (33101)", async () => {
    const sim = await pickOnline();
    const cases: Record<string, string>[] = [
      { CallbackUrl: "not a url" },
      { CallbackUrl: "ftp://example.test/x" },
      { CallbackUrl: callbacks.url("/never"), CallbackMethod: "PUT" },
    ];
    for (const form of cases) {
      const res = await parent.post("/v1/Commands", { Sim: sim.sid, Command: "x", ...form });
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect(res.body).toMatchObject({ code: 33101, status: 400 });
    }
    const listed = await parent.get<{ commands: Command[] }>("/v1/Commands", { Sim: sim.sid });
    expect(listed.body.commands).toEqual([]);
  });
});

describe("device-originated commands (POST /_sandbox/commands/from-sim)", () => {
  it("stores a received from_sim command and delivers it to the SIM's commands_callback_url", async () => {
    const sim = await pickOnline();
    await parent.post(`/v1/Sims/${sim.sid}`, {
      CommandsCallbackUrl: callbacks.url("/from-sim"),
      CommandsCallbackMethod: "GET",
    });
    const res = await fromSim({ sim: sim.sid, command: "temp=21.5" });
    expect(res.status).toBe(201);
    expect(res.body.command).toMatchObject({
      account_sid: sandbox.credentials[0]?.accountSid,
      sim_sid: sim.sid,
      command: "temp=21.5",
      command_mode: "text",
      status: "received",
      direction: "from_sim",
      transport: "sms",
    });
    expect(res.body.callback).toMatchObject({ url: callbacks.url("/from-sim"), method: "GET" });
    await sandbox.sandbox.callbacks.settle();
    const [call] = callbacks.for("/from-sim");
    expect(call?.method).toBe("GET");
    expect(call?.params).toEqual({
      AccountSid: sandbox.credentials[0]?.accountSid,
      ApiVersion: "v1",
      Command: "temp=21.5",
      CommandMode: "text",
      CommandSid: res.body.command.sid,
      Direction: "from_sim",
      SimSid: sim.sid,
      SimUniqueName: sim.unique_name ?? "",
      Status: "received",
      Transport: "sms",
    });
    expect(call?.headers["kore-idempotency-token"]).toBe(res.body.callback?.id);

    // The API lists it with the other commands, and it stays received.
    await advance(STEP_MS * 3);
    const listed = await parent.get<{ commands: Command[] }>("/v1/Commands", {
      Direction: "from_sim",
      Status: "received",
    });
    expect(listed.body.commands.map((c) => c.sid)).toEqual([res.body.command.sid]);
    expect(callbacks.for("/from-sim")).toHaveLength(1);
  });

  it("posts by default, files the command under the SIM's account, and stores it without a callback URL", async () => {
    const sub = await api.as(1);
    const sim = await pickOnline(sub);
    const quiet = await fromSim({ sim: sim.sid, command: "no receiver" });
    expect(quiet.status).toBe(201);
    expect(quiet.body.callback).toBeNull();
    expect(quiet.body.command.account_sid).toBe(sandbox.credentials[1]?.accountSid);

    await sub.post(`/v1/Sims/${sim.sid}`, { CommandsCallbackUrl: callbacks.url("/from-sub") });
    const binary = await fromSim({ sim: sim.sid, command: "AQID", commandMode: "binary" });
    await sandbox.sandbox.callbacks.settle();
    const [call] = callbacks.for("/from-sub");
    expect(call?.method).toBe("POST");
    expect(call?.params).toMatchObject({
      AccountSid: sandbox.credentials[1]?.accountSid,
      CommandSid: binary.body.command.sid,
      Command: "AQID",
      CommandMode: "binary",
    });
    const theirs = await sub.get<{ commands: Command[] }>("/v1/Commands", { Sim: sim.sid });
    expect(theirs.body.commands.map((c) => c.sid)).toEqual([binary.body.command.sid, quiet.body.command.sid]);
    expect((await parent.get(`/v1/Commands/${binary.body.command.sid}`)).status).toBe(404);
  });

  it("refuses unknown SIMs, bad bodies and SIMs that cannot send", async () => {
    const { items } = await followPages<Sim>(parent, "/v1/Sims?PageSize=1000");
    const suspended = items.find((s) => s.status === "suspended") as Sim;
    const noMessaging = items.find(
      (s) => s.status === "active" && s.rate_plan_sid !== null && !messagingPlans.has(s.rate_plan_sid),
    ) as Sim;
    const online = await pickOnline();
    const cases: [unknown, number, number][] = [
      [{ sim: `DE${"0".repeat(32)}`, command: "x" }, 404, 20404],
      [{ sim: "meter-000001", command: "x" }, 400, 20001],
      [{ sim: online.sid }, 400, 20001],
      [{ sim: online.sid, command: "x", extra: true }, 400, 20001],
      [{ sim: online.sid, command: "x".repeat(161) }, 400, 33101],
      [{ sim: online.sid, command: "not base64!", commandMode: "binary" }, 400, 33101],
      [{ sim: suspended.sid, command: "x" }, 409, 33104],
      [{ sim: noMessaging.sid, command: "x" }, 409, 33203],
    ];
    for (const [body, status, code] of cases) {
      const res = await fromSim(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body).toMatchObject({ code, status });
    }
  });
});
