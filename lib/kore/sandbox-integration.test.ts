/**
 * The client against the embedded sandbox: real wire format, real paging, and the sandbox's fault
 * injection (sim-api.md §14.4) for the retry policy and token renewal.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "@/lib/sandbox/server";
import { createKoreClient, type KoreClient } from "./client";
import { KoreError } from "./errors";
import type { KoreHttpOptions } from "./http";

const FLEET = 350;

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, sims: FLEET, seed: 4242, updateDelayMs: 50, resetDelayMs: 50 });
});

afterAll(async () => {
  await sandbox?.close();
});

beforeEach(async () => {
  await admin("/_sandbox/faults", { reset: true });
});

async function admin(path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${sandbox.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`);
  return res.json();
}

async function faultCounters(): Promise<Record<string, number>> {
  const res = await fetch(`${sandbox.url}/_sandbox/faults`);
  return ((await res.json()) as { counters: Record<string, number> }).counters;
}

/** Faults the sandbox injected while `run` ran (its counters are cumulative). */
async function injectedDuring(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await faultCounters();
  await run();
  const after = await faultCounters();
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]));
}

/** A client on the parent account, counting the token requests it makes. */
function client(
  options: KoreHttpOptions = {},
  timeoutMs = 5_000,
): { kore: KoreClient; tokenRequests: () => number } {
  const parent = sandbox.credentials[0];
  if (!parent) throw new Error("sandbox has no parent account");
  let tokens = 0;
  const counting: typeof fetch = (input, init) => {
    if (String(input).includes("/auth/token")) tokens++;
    return fetch(input, init);
  };
  const kore = createKoreClient(
    {
      clientId: parent.clientId,
      clientSecret: parent.clientSecret,
      tokenUrl: `${sandbox.url}/api-services/v1/auth/token`,
      wirelessBaseUrl: sandbox.url,
      monitorBaseUrl: sandbox.url,
      iamBaseUrl: sandbox.url,
      timeoutMs,
    },
    { fetch: counting, ...options },
  );
  return { kore, tokenRequests: () => tokens };
}

async function firstSim(kore: KoreClient, status: "active" | "new") {
  const page = await kore.listSimsPage({ status, pageSize: 5 });
  const sim = page.sims[0];
  if (!sim) throw new Error(`the seeded fleet has no ${status} SIM`);
  return sim;
}

describe("paging through the sandbox", () => {
  it("follows next_page_url through every SIM, once each", async () => {
    const { kore } = client();
    const pages = [];
    for await (const page of kore.iterateSims({ pageSize: 50 })) pages.push(page);
    const sids = pages.flatMap((p) => p.sims.map((s) => s.sid));
    expect(sids.length).toBeGreaterThanOrEqual(FLEET * 0.5); // the parent sees most of the fleet
    expect(new Set(sids).size).toBe(sids.length);
    expect(pages.slice(0, -1).every((p) => p.sims.length === 50)).toBe(true);
    expect(pages.at(-1)?.next).toBeNull();
    const whole = await kore.listSimsPage({ pageSize: 1000 });
    expect(whole.sims.map((s) => s.sid)).toEqual(sids);
  });

  it("gives cursors that reopen the same pages forwards and back", async () => {
    const { kore } = client();
    const first = await kore.listSimsPage({ status: "active", pageSize: 20 });
    expect(first.previous).toBeNull();
    expect(first.next).not.toBeNull();
    const second = await kore.listSimsPage({ status: "active", pageSize: 20, ...first.next });
    expect(second.page).toBe(1);
    expect(second.sims.every((s) => s.status === "active")).toBe(true);
    const back = await kore.listSimsPage({ status: "active", pageSize: 20, ...second.previous });
    expect(back.sims.map((s) => s.sid)).toEqual(first.sims.map((s) => s.sid));
  });

  it("reads rate plans, usage, data sessions and the account tree in their real shapes", async () => {
    const { kore } = client();
    const plans = await kore.listRatePlans();
    expect(plans.length).toBeGreaterThanOrEqual(4);
    expect((await kore.getRatePlan(plans[0]?.uniqueName ?? "")).sid).toBe(plans[0]?.sid);

    const sim = await firstSim(kore, "active");
    const end = new Date(sandbox.clock.now());
    const start = new Date(end.getTime() - 7 * 86_400_000);
    const usage = await kore.getSimUsage(sim.sid, { start, end, granularity: "daily" });
    expect(usage.length).toBeGreaterThan(0);
    expect(usage.every((r) => r.simSid === sim.sid)).toBe(true);
    await expect(kore.listDataSessions(sim.sid)).resolves.toBeInstanceOf(Array);

    const accounts = await kore.listAccounts();
    expect(accounts.map((a) => a.sid)).toEqual(sandbox.credentials.map((c) => c.accountSid));
    expect((await kore.getCurrentAccount())?.sid).toBe(sandbox.credentials[0]?.accountSid);
  });
});

describe("writes and upstream errors", () => {
  it("updates a SIM asynchronously and finds the Monitor event of the change", async () => {
    const { kore } = client();
    const sim = await firstSim(kore, "active");
    const answer = await kore.updateSim(sim.sid, { status: "suspended" });
    expect(["updating", "scheduled", "suspended"]).toContain(answer.status);
    let current = answer;
    for (let i = 0; i < 50 && current.status !== "suspended"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      current = await kore.getSim(sim.sid);
    }
    expect(current.status).toBe("suspended");
    const events = await kore.listEventsPage({ resourceSid: sim.sid });
    const change = events.events.find((e) => e.changes.status?.updated === "suspended");
    expect(change?.changes.status?.previous).toBe("active");
  });

  it("maps the sandbox's refusals to typed errors with user-safe messages", async () => {
    const { kore } = client();
    const missing = await kore.getSim(`DE${"0".repeat(32)}`).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 20404, httpStatus: 404 });
    const sim = await firstSim(kore, "active");
    const combined = await kore
      .updateSim(sim.sid, { status: "active", resetStatus: "resetting" })
      .catch((e: unknown) => e);
    expect(combined).toBeInstanceOf(KoreError);
    expect((combined as KoreError).code).toBe(33121);
    expect((combined as KoreError).userMessage).not.toBe((combined as KoreError).detail);
    const move = await kore
      .updateSim(sim.sid, { accountSid: sandbox.credentials[1]?.accountSid })
      .catch((e: unknown) => e);
    expect(move).toMatchObject({
      code: 33201,
      userMessage: "Only SIMs in status New can move to another account",
    });
  });
});

describe("retry policy against sandbox faults", () => {
  it("waits out a 429 with Retry-After and then reads", async () => {
    const { kore } = client();
    await kore.listSimsPage({ pageSize: 1 }); // token first, so only the list is timed
    await admin("/_sandbox/faults", { failNext: [{ status: 429, route: "GET /v1/Sims" }] });
    const started = performance.now();
    const injected = await injectedDuring(async () => {
      expect((await kore.listSimsPage({ pageSize: 10 })).sims).toHaveLength(10);
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950); // Retry-After: 1
    expect(injected["429"]).toBe(1);
  });

  it("retries reads through 503s", async () => {
    const { kore } = client({ retry: { baseDelayMs: 20 } });
    const sim = await firstSim(kore, "active");
    await admin("/_sandbox/faults", { failNext: [{ status: 503, route: "GET /v1/Sims/{Sid}", count: 2 }] });
    const injected = await injectedDuring(() =>
      expect(kore.getSim(sim.sid)).resolves.toMatchObject({ sid: sim.sid }),
    );
    expect(injected["503"]).toBe(2);
  });

  it("gives up on reads after the attempt cap with a retryable error", async () => {
    const { kore } = client({ retry: { baseDelayMs: 10, maxAttempts: 3 } });
    const sim = await firstSim(kore, "active");
    await admin("/_sandbox/faults", { routes: { "GET /v1/Sims/{Sid}": { rate500: 1 } } });
    const injected = await injectedDuring(() =>
      expect(kore.getSim(sim.sid)).rejects.toMatchObject({ code: 20500, retryable: true }),
    );
    expect(injected["500"]).toBe(3);
  });

  it("does not repeat a write on 503, but does on 429", async () => {
    const { kore } = client({ retry: { baseDelayMs: 10 } });
    const sim = await firstSim(kore, "active");
    await admin("/_sandbox/faults", { failNext: [{ status: 503, route: "POST /v1/Sims/{Sid}" }] });
    const refused = await injectedDuring(() =>
      expect(kore.updateSim(sim.sid, { friendlyName: "never sent twice" })).rejects.toMatchObject({
        code: 20503,
      }),
    );
    expect(refused["503"]).toBe(1);
    expect((await kore.getSim(sim.sid)).friendlyName).not.toBe("never sent twice");

    await admin("/_sandbox/faults", { failNext: [{ status: 429, route: "POST /v1/Sims/{Sid}" }] });
    const retried = await injectedDuring(() =>
      expect(kore.updateSim(sim.sid, { friendlyName: "after a 429" })).resolves.toMatchObject({
        friendlyName: "after a 429",
      }),
    );
    expect(retried["429"]).toBe(1);
  });

  it("times out slow responses", async () => {
    const { kore } = client({ retry: { baseDelayMs: 10, maxAttempts: 2 } }, 200);
    const sim = await firstSim(kore, "active");
    await admin("/_sandbox/faults", { routes: { "GET /v1/Sims/{Sid}": { latencyMs: 1_000 } } });
    const started = performance.now();
    await expect(kore.getSim(sim.sid)).rejects.toMatchObject({ code: "timeout", retryable: true });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("renews an expired token once and carries on", async () => {
    const { kore, tokenRequests } = client();
    const sim = await firstSim(kore, "active");
    expect(tokenRequests()).toBe(1);
    await admin("/_sandbox/tokens/expire", {});
    await expect(
      Promise.all([kore.getSim(sim.sid), kore.getSim(sim.sid), kore.listRatePlans()]),
    ).resolves.toHaveLength(3);
    expect(tokenRequests()).toBe(2);
  });

  it("fails with auth_failed on wrong credentials", async () => {
    const parent = sandbox.credentials[0];
    const kore = createKoreClient({
      clientId: parent?.clientId ?? "",
      clientSecret: "wrong",
      tokenUrl: `${sandbox.url}/api-services/v1/auth/token`,
      wirelessBaseUrl: sandbox.url,
      monitorBaseUrl: sandbox.url,
      iamBaseUrl: sandbox.url,
      timeoutMs: 5_000,
    });
    await expect(kore.listSimsPage()).rejects.toMatchObject({ code: "auth_failed", httpStatus: 401 });
  });
});
