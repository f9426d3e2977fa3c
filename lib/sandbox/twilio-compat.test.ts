import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "./server";
import { loadConformance } from "./testing/conformance";

/**
 * The official Twilio helper library (twilio 6.2.0), unchanged, pointed at the sandbox: it builds
 * its own URLs, form bodies and Basic auth, parses `meta` and follows `next_page_url`. Only the
 * transport is swapped, to send wireless.twilio.com requests to the sandbox's address instead.
 */
type RequestOptions = {
  method: string;
  uri: string;
  username?: string;
  password?: string;
  headers?: Record<string, string>;
  params?: Record<string, unknown>;
  data?: Record<string, unknown>;
};

let sandbox: RunningSandbox;
const conformance = loadConformance();
const seen: string[] = [];

function sandboxHttpClient(base: string) {
  return {
    async request(opts: RequestOptions) {
      const url = new URL(opts.uri.replace(/^https:\/\/wireless\.twilio\.com/, base));
      for (const [key, value] of Object.entries(opts.params ?? {})) {
        for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
      }
      const body = new URLSearchParams();
      for (const [key, value] of Object.entries(opts.data ?? {})) {
        for (const item of Array.isArray(value) ? value : [value]) body.append(key, String(item));
      }
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.username && opts.password) {
        headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString("base64")}`;
      }
      const method = opts.method.toUpperCase();
      const response = await fetch(url, { method, headers, body: method === "POST" ? body : undefined });
      const text = await response.text();
      seen.push(`${method} ${url.pathname}${url.search}`);
      if (text) conformance.validate(method, url.pathname, response.status, JSON.parse(text));
      return { statusCode: response.status, body: text, headers: Object.fromEntries(response.headers) };
    },
  };
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, sims: 300, seed: 31, timeScale: 0.001, updateDelayMs: 1000 });
});
afterAll(() => sandbox.close());

function client() {
  const parent = sandbox.credentials[0] as (typeof sandbox.credentials)[number];
  return twilio(parent.accountSid, parent.clientSecret, {
    httpClient: sandboxHttpClient(sandbox.url) as never,
  });
}

describe("the official twilio helper library against the sandbox", () => {
  it("lists SIMs across pages with a filter, by following next_page_url", async () => {
    const sims = await client().wireless.v1.sims.list({ status: "active", pageSize: 20, limit: 70 });
    expect(sims).toHaveLength(70);
    expect(sims.every((s) => s.status === "active")).toBe(true);
    expect(new Set(sims.map((s) => s.sid)).size).toBe(70);
    expect(seen.filter((r) => r.startsWith("GET /v1/Sims?"))).toHaveLength(4);
    expect(seen.some((r) => r.includes("PageToken=PA"))).toBe(true);
    expect(sims[0]?.accountSid).toBe(sandbox.credentials[0]?.accountSid);
    expect(sims[0]?.links?.usage_records).toMatch(/\/UsageRecords$/);
  });

  it("fetches a SIM by SID and by unique name, with every mapped property", async () => {
    const [first] = await client().wireless.v1.sims.list({ pageSize: 50, limit: 50 });
    const sim = await client()
      .wireless.v1.sims(first?.sid as string)
      .fetch();
    expect(sim.sid).toBe(first?.sid);
    expect(sim.iccid).toMatch(/^89\d{17,18}$/);
    expect(sim.dateCreated).toBeInstanceOf(Date);
    expect(sim).toHaveProperty("eId");
    const named = (await client().wireless.v1.sims.list({ limit: 200 })).find((s) => s.uniqueName);
    const byName = await client()
      .wireless.v1.sims(named?.uniqueName as string)
      .fetch();
    expect(byName.sid).toBe(named?.sid);
  });

  it("updates a SIM and sees the asynchronous change complete", async () => {
    const [active] = await client().wireless.v1.sims.list({ status: "active", limit: 1 });
    const updated = await client()
      .wireless.v1.sims(active?.sid as string)
      .update({ status: "suspended", friendlyName: "via twilio-node", callbackMethod: "POST" });
    expect(updated.status).toBe("updating");
    expect(updated.friendlyName).toBe("via twilio-node");
    sandbox.clock.advance(1000);
    expect(
      (
        await client()
          .wireless.v1.sims(active?.sid as string)
          .fetch()
      ).status,
    ).toBe("suspended");
  });

  it("surfaces sandbox errors as RestException with the KORE code", async () => {
    const [canceled] = await client().wireless.v1.sims.list({ status: "canceled", limit: 1 });
    await expect(
      client()
        .wireless.v1.sims(canceled?.sid as string)
        .update({ status: "active" }),
    ).rejects.toMatchObject({
      status: 400,
      code: 33105,
    });
    await expect(
      client().wireless.v1.sims("DE00000000000000000000000000000000").fetch(),
    ).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
  });

  it("reads rate plans, usage, data sessions and commands", async () => {
    const plans = await client().wireless.v1.ratePlans.list();
    expect(plans.map((p) => p.uniqueName)).toContain("iot-basic");
    const [active] = await client().wireless.v1.sims.list({ status: "active", limit: 1 });
    const sid = active?.sid as string;
    const usage = await client().wireless.v1.sims(sid).usageRecords.list({ granularity: "daily", limit: 5 });
    expect(usage).toHaveLength(5);
    expect(usage[0]?.simSid).toBe(sid);
    const sessions = await client().wireless.v1.sims(sid).dataSessions.list({ limit: 3 });
    expect(sessions.length).toBeGreaterThan(0);
    const command = await client().wireless.v1.commands.create({ sim: sid, command: "wake up" });
    expect(command.status).toBe("queued");
    expect((await client().wireless.v1.commands(command.sid).fetch()).simSid).toBe(sid);
    const account = await client().wireless.v1.usageRecords.list({ granularity: "all" });
    expect(account).toHaveLength(1);
  });
});
