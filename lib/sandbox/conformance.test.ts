import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "./server";
import { createTestApi, type TestApi } from "./testing/api";
import { loadConformance } from "./testing/conformance";

let sandbox: RunningSandbox;
let api: TestApi;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, sims: 300, seed: 7, updateDelayMs: 1000 });
  api = createTestApi(sandbox);
});
afterAll(() => sandbox.close());

type Sim = Record<string, unknown> & { sid: string; status: string };

describe("conformance with the official OpenAPI files", () => {
  it("the validator itself rejects wrong bodies (so passing means something)", () => {
    const conformance = loadConformance();
    expect(() => conformance.validate("GET", "/v1/Sims/DEx", 200, { sid: "XX1", status: "active" })).toThrow(
      /pattern/,
    );
    expect(() => conformance.validate("GET", "/v1/Sims/DEx", 200, { sid: null, status: "weird" })).toThrow(
      /allowed values/,
    );
    expect(() => conformance.validate("GET", "/v1/Sims/DEx", 200, { eid_typo: "x" })).toThrow(/additional/);
    expect(() =>
      conformance.validate("GET", "/v1/RatePlans", 200, { rate_plans: [{ data_limit: "1" }] }),
    ).toThrow(/integer/);
    expect(() => conformance.validate("GET", "/v1/Sims/DEx", 404, { message: "no code" })).toThrow(/code/);
    expect(() => conformance.validate("GET", "/v1/Nothing", 200, {})).toThrow(/not a response/);
  });

  it("every resource the sandbox serves matches its schema, with every Sim property present", async () => {
    const client = await api.as(0);
    const list = await client.get<{ sims: Sim[] }>("/v1/Sims", { PageSize: 100 });
    expect(list.status).toBe(200);
    const sim = list.body.sims.find((s) => s.status === "active") as Sim;
    // Every property the KORE spec declares, with eid under its docs/Twilio name e_id (§15).
    expect(Object.keys(sim).sort()).toEqual(
      [
        "sid",
        "unique_name",
        "friendly_name",
        "account_sid",
        "status",
        "rate_plan_sid",
        "iccid",
        "e_id",
        "commands_callback_url",
        "commands_callback_method",
        "date_created",
        "date_updated",
        "ip_address",
        "reset_status",
        "links",
        "url",
        "voice_url",
        "voice_method",
        "voice_fallback_url",
        "voice_fallback_method",
        "sms_url",
        "sms_method",
        "sms_fallback_url",
        "sms_fallback_method",
      ].sort(),
    );
    await client.get(`/v1/Sims/${sim.sid}`);
    await client.post(`/v1/Sims/${sim.sid}`, { FriendlyName: "conformance" });
    await client.get(`/v1/Sims/${sim.sid}/UsageRecords`, { Granularity: "daily", PageSize: 3 });
    await client.get("/v1/UsageRecords", { Granularity: "hourly", PageSize: 5 });
    await client.get(`/v1/Sims/${sim.sid}/DataSessions`, { PageSize: 5 });
    const plans = await client.get<{ rate_plans: { sid: string }[] }>("/v1/RatePlans");
    await client.get(`/v1/RatePlans/${plans.body.rate_plans[0]?.sid}`);
    const created = await client.post("/v1/RatePlans", {
      UniqueName: "conf-plan",
      InternationalRoaming: ["data"],
    });
    expect(created.status).toBe(200);
    const command = await client.post("/v1/Commands", { Sim: sim.sid, Command: "ping" });
    expect(command.status).toBe(201);
    await client.get("/v1/Commands");
    await client.get(`/v1/Commands/${(command.body as { sid: string }).sid}`);
    const events = await client.get<{ events: { sid: string }[] }>("/v1/Events", { PageSize: 5 });
    await client.get(`/v1/Events/${events.body.events[0]?.sid}`);
    await client.get("/v1/accounts");
    const account = await client.send("POST", "/v1/accounts", {
      body: JSON.stringify({ friendly_name: "conformance", description: "child account" }),
      headers: { "Content-Type": "application/json" },
    });
    expect(account.status).toBe(200);
    await client.send("POST", "/v1/accounts", {
      body: "{}",
      headers: { "Content-Type": "application/json" },
    });
    await client.get("/v1/platform_account_mappings");
    await client.get("/v1/Sims/DE00000000000000000000000000000000");
    await api.send("POST", "/api-services/v1/auth/token", {
      form: { grant_type: "client_credentials", client_id: "x", client_secret: "y" },
    });

    const { counts } = api.conformance;
    expect(counts.kore).toBeGreaterThanOrEqual(12);
    expect(counts.twilio).toBeGreaterThanOrEqual(10);
    expect(counts.monitor).toBe(2);
    expect(counts.iam).toBe(4);
    expect(counts.token).toBeGreaterThanOrEqual(2);
  });
});
