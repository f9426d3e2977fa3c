import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "./server";
import { loadConformance } from "./testing/conformance";

/**
 * Issue 3's "done when": a program that knows only KORE's public documentation (token endpoint,
 * Bearer auth, PascalCase form parameters, `meta.next_page_url`, asynchronous updates, error
 * codes) works against the sandbox. No admin routes, no clock tricks: it polls like a real client.
 */
let sandbox: RunningSandbox;
const conformance = loadConformance();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, sims: 1500, seed: 2024, updateDelayMs: 300, resetDelayMs: 300 });
});
afterAll(() => sandbox.close());

/** A minimal KORE client, as someone would write it from docs.korewireless.com. */
function documentedClient(base: string, clientId: string, clientSecret: string) {
  let token: string | undefined;
  const call = async <T>(
    method: string,
    url: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; body: T }> => {
    if (!token) {
      const res = await fetch(`${base}/api-services/v1/auth/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: clientId,
          client_secret: clientSecret,
        }),
      });
      token = ((await res.json()) as { access_token: string }).access_token;
    }
    const absolute = url.startsWith("http") ? url : `${base}${url}`;
    const res = await fetch(absolute, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form) : undefined,
    });
    const text = await res.text();
    const body = (text ? JSON.parse(text) : undefined) as T;
    if (text) conformance.validate(method, new URL(absolute).pathname, res.status, body);
    return { status: res.status, body };
  };
  return {
    get: <T>(url: string) => call<T>("GET", url),
    post: <T>(url: string, form: Record<string, string>) => call<T>("POST", url, form),
    delete: (url: string) => call<undefined>("DELETE", url),
    async *pages<T>(url: string): AsyncGenerator<T[]> {
      let next: string | null = url;
      while (next) {
        const page: {
          status: number;
          body: Record<string, unknown> & { meta: { key: string; next_page_url: string | null } };
        } = await call("GET", next);
        expect(page.status).toBe(200);
        yield page.body[page.body.meta.key] as T[];
        next = page.body.meta.next_page_url;
      }
    },
  };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Sim = {
  sid: string;
  status: string;
  unique_name: string | null;
  reset_status: string | null;
  iccid: string;
};

it("a program written against KORE's documentation works end to end", async () => {
  const parent = sandbox.credentials[0] as (typeof sandbox.credentials)[number];
  const kore = documentedClient(sandbox.url, parent.clientId, parent.clientSecret);

  // Page through hundreds of SIMs by following next_page_url.
  const fleet: Sim[] = [];
  let pages = 0;
  for await (const page of kore.pages<Sim>("/v1/Sims?PageSize=100")) {
    fleet.push(...page);
    pages++;
  }
  expect(fleet.length).toBeGreaterThan(500);
  expect(pages).toBe(Math.ceil(fleet.length / 100));
  expect(new Set(fleet.map((s) => s.sid)).size).toBe(fleet.length);

  // Filter.
  const suspended: Sim[] = [];
  for await (const page of kore.pages<Sim>("/v1/Sims?Status=suspended&PageSize=20")) suspended.push(...page);
  expect(suspended.length).toBeGreaterThan(0);
  expect(suspended.every((s) => s.status === "suspended")).toBe(true);
  const byIccid = await kore.get<{ sims: Sim[] }>(`/v1/Sims?Iccid=${fleet[10]?.iccid}`);
  expect(byIccid.body.sims.map((s) => s.sid)).toEqual([fleet[10]?.sid]);

  // Fetch by unique name.
  const named = fleet.find((s) => s.unique_name && s.status === "active") as Sim;
  const fetched = await kore.get<Sim>(`/v1/Sims/${encodeURIComponent(named.unique_name as string)}`);
  expect(fetched.body.sid).toBe(named.sid);

  // Update, and see the status change complete asynchronously.
  const update = await kore.post<Sim & { friendly_name: string }>(`/v1/Sims/${named.sid}`, {
    Status: "suspended",
    FriendlyName: "Pump 12 (out of service)",
  });
  expect(update.status).toBe(200);
  expect(update.body.friendly_name).toBe("Pump 12 (out of service)");
  expect(["updating", "scheduled"]).toContain(update.body.status);
  const settled = await until(
    () => kore.get<Sim>(`/v1/Sims/${named.sid}`),
    (res) => res.body.status === "suspended",
  );
  expect(settled.body.status).toBe("suspended");

  // Reset connectivity of another SIM.
  const active = fleet.find((s) => s.status === "active" && s.sid !== named.sid) as Sim;
  const reset = await kore.post<Sim>(`/v1/Sims/${active.sid}`, { ResetStatus: "resetting" });
  expect(reset.body.reset_status).toBe("resetting");
  const resetDone = await until(
    () => kore.get<Sim>(`/v1/Sims/${active.sid}`),
    (res) => res.body.reset_status === null,
  );
  expect(resetDone.body).toMatchObject({ status: "active", reset_status: null });

  // Be refused with the right codes.
  const canceled = fleet.find((s) => s.status === "canceled") as Sim;
  expect((await kore.post(`/v1/Sims/${canceled.sid}`, { Status: "active" })).body).toMatchObject({
    code: 33105,
    status: 400,
  });
  expect(
    (await kore.post(`/v1/Sims/${active.sid}`, { Status: "suspended", ResetStatus: "resetting" })).body,
  ).toMatchObject({
    code: 33121,
  });
  expect(
    (await kore.post(`/v1/Sims/${active.sid}`, { AccountSid: sandbox.credentials[1]?.accountSid as string }))
      .body,
  ).toMatchObject({
    code: 33201,
    status: 403,
  });
  expect((await kore.get("/v1/Sims?PageSize=1001")).body).toMatchObject({ code: 33103 });

  // Read usage, data sessions and Monitor events.
  const usage = await kore.get<{ usage_records: { data: { total: number } }[] }>(
    `/v1/Sims/${active.sid}/UsageRecords?Granularity=daily`,
  );
  expect(usage.body.usage_records.length).toBeGreaterThanOrEqual(28);
  expect(usage.body.usage_records.some((r) => r.data.total > 0)).toBe(true);
  const sessions = await kore.get<{ data_sessions: { start: string; end: string | null }[] }>(
    `/v1/Sims/${active.sid}/DataSessions`,
  );
  expect(sessions.body.data_sessions[0]?.end).toBeNull();
  const events = await kore.get<{
    events: { event_type: string; event_data: { resource_properties: { status?: unknown } } }[];
  }>(`/v1/Events?ResourceSid=${named.sid}`);
  // The suspension is recorded, and so is the device being cut off (a connection event).
  expect(events.body.events.find((e) => e.event_type === "wireless-sim.updated")).toMatchObject({
    event_data: { resource_properties: { status: { previous: "active", updated: "suspended" } } },
  });
  expect(
    (await kore.get(`/v1/Events?ResourceSid=${named.sid}&EventType=wireless-sim.updated`)).body,
  ).toMatchObject({
    code: 20004,
    status: 400,
  });

  // Delete a SIM and get 404 afterwards.
  const disposable = fleet.find((s) => s.status === "new") as Sim;
  expect((await kore.delete(`/v1/Sims/${disposable.sid}`)).status).toBe(204);
  const gone = await kore.get(`/v1/Sims/${disposable.sid}`);
  expect(gone.status).toBe(404);
  expect(gone.body).toMatchObject({ code: 20404, status: 404 });
});
