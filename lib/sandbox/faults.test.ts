import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isLoopback } from "./http";
import { type RunningSandbox, startSandbox } from "./server";
import { createTestApi, type TestApi } from "./testing/api";

type Client = Awaited<ReturnType<TestApi["as"]>>;
type Sim = { sid: string; status: string; friendly_name: string | null };

let sandbox: RunningSandbox;
let api: TestApi;
let parent: Client;
let sim: Sim;

beforeAll(async () => {
  // Listen on every interface so the loopback-only rule of the admin API can be observed.
  sandbox = await startSandbox({ port: 0, host: "0.0.0.0", sims: 150, seed: 17 });
  api = createTestApi(sandbox);
  parent = await api.as(0);
  sim = (await parent.get<{ sims: Sim[] }>("/v1/Sims", { Status: "active", PageSize: 1 })).body
    .sims[0] as Sim;
});
beforeEach(async () => {
  await api.admin("POST", "/faults", { reset: true });
});
afterAll(() => sandbox.close());

describe("fault injection", () => {
  it("fails the next requests on demand with 429 + Retry-After, 500 and 503 envelopes", async () => {
    await api.admin("POST", "/faults", { failNext: [{ status: 429 }, { status: 500 }, { status: 503 }] });
    const first = await parent.get("/v1/Sims", { PageSize: 1 });
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("1");
    expect(first.body).toEqual({
      code: 20429,
      message: "Too Many Requests",
      more_info: "https://docs.korewireless.com/errors/20429",
      status: 429,
    });
    const second = await parent.get(`/v1/Sims/${sim.sid}`);
    expect(second.body).toMatchObject({ code: 20500, message: "Internal Server Error", status: 500 });
    const third = await parent.get("/v1/RatePlans");
    expect(third.body).toMatchObject({
      code: 20503,
      message: "Server is temporary not available",
      status: 503,
    });
    expect((await parent.get("/v1/Sims", { PageSize: 1 })).status).toBe(200);
  });

  it("does not apply a write that was faulted (safe to retry)", async () => {
    await api.admin("POST", "/faults", { failNext: [{ status: 503, route: "POST /v1/Sims/{Sid}" }] });
    expect((await parent.get(`/v1/Sims/${sim.sid}`)).status).toBe(200);
    const res = await parent.post(`/v1/Sims/${sim.sid}`, { FriendlyName: "should not stick" });
    expect(res.status).toBe(503);
    expect((await parent.get<Sim>(`/v1/Sims/${sim.sid}`)).body.friendly_name).not.toBe("should not stick");
    expect(
      (await parent.post<Sim>(`/v1/Sims/${sim.sid}`, { FriendlyName: "retried" })).body.friendly_name,
    ).toBe("retried");
  });

  it("applies per-route error rates and latency to that route only", async () => {
    await api.admin("POST", "/faults", {
      routes: { "GET /v1/Sims/{Sid}": { rate503: 1 }, "GET /v1/RatePlans": { latencyMs: 250 } },
    });
    for (let i = 0; i < 3; i++) expect((await parent.get(`/v1/Sims/${sim.sid}`)).status).toBe(503);
    expect((await parent.get("/v1/Sims", { PageSize: 1 })).status).toBe(200);
    const started = performance.now();
    expect((await parent.get("/v1/RatePlans")).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  it("draws random faults at the configured rates, but never on the token endpoint unless named", async () => {
    await api.admin("POST", "/faults", { rate429: 0.25, rate503: 0.25 });
    const statuses: number[] = [];
    for (let i = 0; i < 120; i++) statuses.push((await parent.get("/v1/Sims", { PageSize: 1 })).status);
    const failed = statuses.filter((s) => s !== 200);
    expect(new Set(failed)).toEqual(new Set([429, 503]));
    expect(failed.length).toBeGreaterThan(35);
    expect(failed.length).toBeLessThan(85);
    await api.admin("POST", "/faults", { rate500: 1 });
    expect((await api.as(0)).auth.kind).toBe("bearer");
    const counters = (await api.admin<{ counters: Record<string, number> }>("GET", "/faults")).body.counters;
    expect(counters["429"]).toBeGreaterThan(0);
    expect(counters["503"]).toBeGreaterThan(0);
  });

  it("limits the request rate with 429s when a rate limit is set", async () => {
    await api.admin("POST", "/faults", { rateLimitPerSecond: 5 });
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => parent.get("/v1/Sims", { PageSize: 1 })),
    );
    const limited = statuses.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(10);
    expect(limited[0]?.headers.get("retry-after")).toBe("1");
  });

  it("validates admin input and resets to the configured defaults", async () => {
    const bad = await api.admin("POST", "/faults", { rate429: 2 });
    expect(bad.status).toBe(400);
    const unknown = await api.admin("POST", "/faults", { explode: true });
    expect(unknown.status).toBe(400);
    await api.admin("POST", "/faults", { latencyMs: 10, routes: { "GET /v1/Sims": { rate500: 1 } } });
    const reset = await api.admin<{ latencyMs: number; routes: object }>("POST", "/faults", { reset: true });
    expect(reset.body).toMatchObject({ latencyMs: 0, routes: {} });
  });
});

describe("admin API", () => {
  it("reports state, moves and rescales the clock", async () => {
    const state = await api.admin<{ sims: { total: number }; accounts: unknown[]; seed: number }>(
      "GET",
      "/state",
    );
    expect(state.body).toMatchObject({ seed: 17, sims: { total: 150 } });
    expect(state.body.accounts).toHaveLength(4);
    const before = (await api.admin<{ nowMs: number }>("GET", "/clock")).body.nowMs;
    const after = await api.admin<{ nowMs: number }>("POST", "/clock/advance", { seconds: 3600 });
    expect(after.body.nowMs - before).toBeGreaterThanOrEqual(3_600_000);
    const scaled = await api.admin<{ timeScale: number }>("POST", "/clock/scale", { timeScale: 60 });
    expect(scaled.body.timeScale).toBe(60);
    await api.admin("POST", "/clock/scale", { timeScale: 1 });
    expect((await api.admin("POST", "/clock/advance", { seconds: -5 })).status).toBe(400);
  });

  it("answers loopback clients only", async () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopback("10.0.0.5")).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((nic) => nic && nic.family === "IPv4" && !nic.internal);
    if (external) {
      const res = await fetch(`http://${external.address}:${sandbox.port}/_sandbox/state`);
      expect(res.status).toBe(403);
      const viaNic = await fetch(`http://${external.address}:${sandbox.port}/v1/Sims`);
      expect(viaNic.status).toBe(401);
    }
  });

  it("reseeds a different fleet; tokens of accounts that no longer exist stop working", async () => {
    const before = await parent.get<{ sims: Sim[] }>("/v1/Sims", { PageSize: 5 });
    const res = await api.admin<{ seed: number; sims: { total: number } }>("POST", "/reseed", {
      seed: 99,
      sims: 60,
    });
    expect(res.body).toMatchObject({ seed: 99, sims: { total: 60 } });
    expect((await parent.get("/v1/Sims")).status).toBe(403);
    const fresh = await api.as(0);
    const after = await fresh.get<{ sims: Sim[] }>("/v1/Sims", { PageSize: 5 });
    expect(after.body.sims.map((s) => s.sid)).not.toEqual(before.body.sims.map((s) => s.sid));
    const again = await api.admin<{ sims: { total: number } }>("POST", "/reseed", { seed: 17, sims: 150 });
    expect(again.body.sims.total).toBe(150);
    parent = await api.as(0);
    expect(
      (await parent.get<{ sims: Sim[] }>("/v1/Sims", { PageSize: 5 })).body.sims.map((s) => s.sid),
    ).toEqual(before.body.sims.map((s) => s.sid));
  });
});
