import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ACCOUNTS } from "./accounts";
import { type RunningSandbox, startSandbox } from "./server";
import { createTestApi, followPages, type TestApi } from "./testing/api";

type Account = {
  id: string;
  parent_id?: string;
  date_created: string;
  friendly_name: string;
  status: string;
};
type Platform = { id: string; legacy_account_id: string; platform: string };
type StateAccount = {
  sid: string;
  iamId: string;
  parentSid: string | null;
  clientId: string;
  clientSecret: string;
};
type Sim = { sid: string; account_sid: string; status: string; rate_plan_sid: string | null };
type UsageRecord = { account_sid: string; sim_sid?: string; data: { total: number } };
type Client = Awaited<ReturnType<TestApi["as"]>>;

const HOUR = 3_600_000;
let sandbox: RunningSandbox;
let api: TestApi;
let parent: Client;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, sims: 400, seed: 31, timeScale: 0.001, updateDelayMs: 1000 });
  api = createTestApi(sandbox);
  parent = await api.as(0);
});
afterAll(() => sandbox.close());

/** POST /v1/accounts with a JSON body, as the IAM spec defines it. */
function createAccount(client: Client, body: unknown, contentType = "application/json") {
  return client.send<Account>("POST", "/v1/accounts", {
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "Content-Type": contentType },
  });
}

/** The new account's API client, as the admin API lists it (the IAM response carries none). */
async function clientFor(iamId: string): Promise<Client> {
  const state = await api.admin<{ accounts: StateAccount[] }>("GET", "/state");
  const account = state.body.accounts.find((a) => a.iamId === iamId);
  if (!account) throw new Error(`no account ${iamId} in /_sandbox/state`);
  return api.withAuth({ kind: "bearer", token: await api.token(account.clientId, account.clientSecret) });
}

async function legacySid(client: Client, iamId: string): Promise<string> {
  const res = await client.get<{ platforms: Platform[] }>("/v1/platform_account_mappings", {
    account_id: iamId,
  });
  return res.body.platforms[0]?.legacy_account_id as string;
}

describe("POST /v1/accounts (IAM, sim-api.md §11)", () => {
  it("creates a child of the caller's account, listed with a fresh AC… mapping", async () => {
    const before = await parent.get<{ accounts: Account[] }>("/v1/accounts");
    const root = before.body.accounts[0] as Account;
    const res = await createAccount(parent, {
      friendly_name: "  Acme IoT - Pilots ",
      description: "field trial",
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^acct_[0-9a-f]{16}$/),
      parent_id: root.id,
      date_created: new Date(Math.floor(sandbox.clock.now() / 1000) * 1000).toISOString().replace(".000", ""),
      friendly_name: "Acme IoT - Pilots",
      status: "ACTIVE",
    });
    const after = await parent.get<{ accounts: Account[] }>("/v1/accounts");
    expect(after.body.accounts.map((a) => a.id)).toEqual([
      ...before.body.accounts.map((a) => a.id),
      res.body.id,
    ]);

    const mappings = await parent.get<{ platforms: Platform[] }>("/v1/platform_account_mappings");
    const mapping = mappings.body.platforms.find((p) => p.id === res.body.id) as Platform;
    expect(mapping.platform).toBe("twilio");
    expect(mapping.legacy_account_id).toMatch(/^AC[0-9a-f]{32}$/);
    expect(sandbox.credentials.filter((c) => c.accountSid === mapping.legacy_account_id)).toHaveLength(1);
    expect(new Set(mappings.body.platforms.map((p) => p.legacy_account_id)).size).toBe(
      mappings.body.platforms.length,
    );
    // A sibling subaccount does not see it.
    const sibling = await api.as(1);
    const theirs = await sibling.get<{ accounts: Account[] }>("/v1/accounts");
    expect(theirs.body.accounts.some((a) => a.id === res.body.id)).toBe(false);
  });

  it("gives the new account its own API client, which sees only that account", async () => {
    const created = await createAccount(parent, { friendly_name: "Own client" });
    const child = await clientFor(created.body.id);
    const accounts = await child.get<{ accounts: Account[] }>("/v1/accounts");
    expect(accounts.body.accounts).toEqual([created.body]);
    const sims = await child.get<{ sims: Sim[] }>("/v1/Sims");
    expect(sims.body.sims).toEqual([]);
    // The parent's rate plans are visible to its descendants.
    const plans = await child.get<{ rate_plans: unknown[] }>("/v1/RatePlans");
    expect(plans.body.rate_plans.length).toBeGreaterThanOrEqual(5);
    // Twilio-style Basic AccountSid:secret works for it too.
    const state = await api.admin<{ accounts: StateAccount[] }>("GET", "/state");
    const entry = state.body.accounts.find((a) => a.iamId === created.body.id) as StateAccount;
    const basic = api.withAuth({ kind: "basic", user: entry.sid, password: entry.clientSecret });
    expect((await basic.get("/v1/Sims")).status).toBe(200);
    expect(entry.parentSid).toBe(sandbox.credentials[0]?.accountSid);
  });

  it("is a move target for new SIMs, whose usage then counts for the new account", async () => {
    const created = await createAccount(parent, { friendly_name: "Move target" });
    const target = await legacySid(parent, created.body.id);
    const { items } = await followPages<Sim>(parent, "/v1/Sims?Status=new&PageSize=1000");
    const sim = items.find((s) => s.rate_plan_sid !== null) as Sim;
    const moved = await parent.post<Sim>(`/v1/Sims/${sim.sid}`, { AccountSid: target });
    expect(moved.status).toBe(200);
    expect(moved.body.account_sid).toBe(target);
    expect((await parent.get(`/v1/Sims/${sim.sid}`)).status).toBe(404);

    const child = await clientFor(created.body.id);
    expect((await child.get<Sim>(`/v1/Sims/${sim.sid}`)).body.account_sid).toBe(target);
    await child.post(`/v1/Sims/${sim.sid}`, { Status: "active" });
    sandbox.clock.advance(1000);
    expect((await child.get<Sim>(`/v1/Sims/${sim.sid}`)).body.status).toBe("active");
    sandbox.clock.advance(48 * HOUR);
    const simUsage = await child.get<{ usage_records: UsageRecord[] }>(`/v1/Sims/${sim.sid}/UsageRecords`);
    const accountUsage = await child.get<{ usage_records: UsageRecord[] }>("/v1/UsageRecords");
    expect(accountUsage.status).toBe(200);
    expect(accountUsage.body.usage_records[0]?.account_sid).toBe(target);
    const simTotal = simUsage.body.usage_records[0]?.data.total;
    expect(simTotal).toBeGreaterThan(0);
    expect(accountUsage.body.usage_records[0]?.data.total).toBe(simTotal);
  });

  it("lets a subaccount create its own child, which its ancestors see and can move SIMs to", async () => {
    const sub = await api.as(2);
    const res = await createAccount(sub, { friendly_name: "Kiosks - Berlin" });
    expect(res.status).toBe(200);
    const subRoot = (await sub.get<{ accounts: Account[] }>("/v1/accounts")).body.accounts[0] as Account;
    expect(res.body.parent_id).toBe(subRoot.id);
    const fromParent = await parent.get<{ accounts: Account[] }>("/v1/accounts", { account_id: res.body.id });
    expect(fromParent.body.accounts).toEqual([res.body]);
    const target = await legacySid(parent, res.body.id);

    const subSim = (await followPages<Sim>(sub, "/v1/Sims?Status=new&PageSize=1000")).items[0] as Sim;
    expect((await sub.post<Sim>(`/v1/Sims/${subSim.sid}`, { AccountSid: target })).status).toBe(200);
    const parentSim = (await followPages<Sim>(parent, "/v1/Sims?Status=new&PageSize=1000")).items[0] as Sim;
    expect((await parent.post<Sim>(`/v1/Sims/${parentSim.sid}`, { AccountSid: target })).status).toBe(200);
    // A sibling of the creator may not.
    const sibling = await api.as(3);
    const siblingSim = (await followPages<Sim>(sibling, "/v1/Sims?Status=new&PageSize=1000")).items[0] as Sim;
    const refused = await sibling.post(`/v1/Sims/${siblingSim.sid}`, { AccountSid: target });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 33201 });
  });

  it("answers invalid requests with the error envelope (400) and creates nothing", async () => {
    const count = (await parent.get<{ accounts: Account[] }>("/v1/accounts")).body.accounts.length;
    const cases: [unknown, string, number][] = [
      [{}, "application/json", 20002],
      [{ description: "no name" }, "application/json", 20002],
      [{ friendly_name: "" }, "application/json", 20001],
      [{ friendly_name: "   " }, "application/json", 20001],
      [{ friendly_name: 42 }, "application/json", 20001],
      [{ friendly_name: null }, "application/json", 20001],
      [{ friendly_name: "x".repeat(65) }, "application/json", 20001],
      [{ friendly_name: "ok", description: ["x"] }, "application/json", 20001],
      [["friendly_name"], "application/json", 20001],
      ["{not json", "application/json", 20001],
      ["friendly_name=Form", "application/x-www-form-urlencoded", 20001],
      [{ friendly_name: "text" }, "text/plain", 20001],
    ];
    for (const [body, type, code] of cases) {
      const res = await createAccount(parent, body, type);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({
        code,
        status: 400,
        more_info: `https://docs.korewireless.com/errors/${code}`,
      });
    }
    const anonymous = await api.send("POST", "/v1/accounts", {
      body: JSON.stringify({ friendly_name: "anonymous" }),
      headers: { "Content-Type": "application/json" },
    });
    expect(anonymous.status).toBe(401);
    expect((await parent.get<{ accounts: Account[] }>("/v1/accounts")).body.accounts).toHaveLength(count);
  });

  it("refuses a child beyond the sandbox's account limit with 409", async () => {
    let res = await createAccount(parent, { friendly_name: "filler" });
    while (res.status === 200) res = await createAccount(parent, { friendly_name: "filler" });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 20409, status: 409 });
    expect(sandbox.credentials).toHaveLength(MAX_ACCOUNTS);
  });
});
