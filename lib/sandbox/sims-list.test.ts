import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "./server";
import { createTestApi, followPages, type TestApi } from "./testing/api";

type Sim = {
  sid: string;
  account_sid: string;
  status: string;
  iccid: string;
  e_id: string | null;
  unique_name: string | null;
  rate_plan_sid: string | null;
  date_created: string;
  url: string;
};
type Meta = {
  page: number;
  page_size: number;
  first_page_url: string;
  previous_page_url: string | null;
  url: string;
  next_page_url: string | null;
  key: string;
};
type SimPage = { sims: Sim[]; meta: Meta };

let sandbox: RunningSandbox;
let api: TestApi;
let parent: Awaited<ReturnType<TestApi["as"]>>;
let all: Sim[];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, sims: 600, seed: 11 });
  api = createTestApi(sandbox);
  parent = await api.as(0);
  all = (await followPages<Sim>(parent, "/v1/Sims?PageSize=1000")).items;
});
afterAll(() => sandbox.close());

const path = (url: string) => url.slice(sandbox.url.length);

describe("GET /v1/Sims paging", () => {
  it("answers the first page with the meta envelope and absolute URLs", async () => {
    const res = await parent.get<SimPage>("/v1/Sims");
    expect(res.status).toBe(200);
    const { meta, sims } = res.body;
    expect(sims).toHaveLength(50);
    expect(meta).toEqual({
      page: 0,
      page_size: 50,
      first_page_url: `${sandbox.url}/v1/Sims?PageSize=50&Page=0`,
      previous_page_url: null,
      url: `${sandbox.url}/v1/Sims?PageSize=50&Page=0`,
      next_page_url: `${sandbox.url}/v1/Sims?PageSize=50&Page=1&PageToken=PA${sims[49]?.sid}`,
      key: "sims",
    });
    expect(sims[0]?.url).toBe(`${sandbox.url}/v1/Sims/${sims[0]?.sid}`);
  });

  it("pages through every SIM of the account exactly once, oldest first, by following next_page_url", async () => {
    const { items, pages } = await followPages<Sim>(parent, "/v1/Sims?PageSize=37");
    const state = await api.admin<{ accounts: { sims: number }[] }>("GET", "/state");
    expect(items).toHaveLength(state.body.accounts[0]?.sims as number);
    expect(pages).toBe(Math.ceil(items.length / 37));
    expect(new Set(items.map((s) => s.sid)).size).toBe(items.length);
    expect(items.every((s) => s.account_sid === sandbox.credentials[0]?.accountSid)).toBe(true);
    const created = items.map((s) => s.date_created);
    expect([...created].sort()).toEqual(created);
    expect(items.map((s) => s.sid)).toEqual(all.map((s) => s.sid));
  });

  it("goes back with previous_page_url to exactly the previous page", async () => {
    const first = await parent.get<SimPage>("/v1/Sims", { PageSize: 25 });
    const second = await parent.get<SimPage>(path(first.body.meta.next_page_url as string));
    // A page reached by token names itself with that token; first_page_url never carries one.
    expect(second.body.meta.url).toBe(first.body.meta.next_page_url);
    expect(second.body.meta.first_page_url).toBe(first.body.meta.first_page_url);
    expect(second.body.meta.first_page_url).not.toContain("PageToken");
    const third = await parent.get<SimPage>(path(second.body.meta.next_page_url as string));
    expect(third.body.meta.page).toBe(2);
    const back = await parent.get<SimPage>(path(third.body.meta.previous_page_url as string));
    expect(back.body.meta.page).toBe(1);
    expect(back.body.sims.map((s) => s.sid)).toEqual(second.body.sims.map((s) => s.sid));
    expect(back.body.meta.previous_page_url).toContain(`PageToken=PB${second.body.sims[0]?.sid}`);
    const start = await parent.get<SimPage>(path(back.body.meta.previous_page_url as string));
    expect(start.body.sims.map((s) => s.sid)).toEqual(first.body.sims.map((s) => s.sid));
    expect(start.body.meta.previous_page_url).toBeNull();
  });

  it("ends with next_page_url null on the last page", async () => {
    const size = 100;
    const lastPage = Math.ceil(all.length / size) - 1;
    const last = await parent.get<SimPage>("/v1/Sims", { PageSize: size, Page: lastPage });
    expect(last.body.sims.map((s) => s.sid)).toEqual(all.slice(lastPage * size).map((s) => s.sid));
    expect(last.body.meta.next_page_url).toBeNull();
    expect(last.body.meta.previous_page_url).not.toBeNull();
    const beyond = await parent.get<SimPage>("/v1/Sims", { PageSize: size, Page: lastPage + 5 });
    expect(beyond.body.sims).toEqual([]);
    expect(beyond.body.meta.next_page_url).toBeNull();
  });

  it("serves a middle page by Page offset when no token is given", async () => {
    const res = await parent.get<SimPage>("/v1/Sims", { PageSize: 10, Page: 3 });
    expect(res.body.sims.map((s) => s.sid)).toEqual(all.slice(30, 40).map((s) => s.sid));
    expect(res.body.meta.page).toBe(3);
    expect(res.body.meta.previous_page_url).toContain("Page=2&PageToken=PB");
  });

  it("accepts PageSize 1 and 1000 and refuses 0, 1001, non-numbers, negative pages and foreign tokens (33103)", async () => {
    expect((await parent.get<SimPage>("/v1/Sims", { PageSize: 1 })).body.sims).toHaveLength(1);
    expect((await parent.get<SimPage>("/v1/Sims", { PageSize: 1000 })).body.meta.page_size).toBe(1000);
    const forged = `PADE${"0".repeat(32)}`;
    const invalid: Record<string, string | number>[] = [
      { PageSize: 0 },
      { PageSize: 1001 },
      { PageSize: "ten" },
      { PageSize: "1.5" },
      { Page: -1 },
      { Page: "x" },
      { PageToken: "garbage" },
      { PageToken: forged },
      { PageToken: "PBWP00000000000000000000000000000000" },
      { PageToken: "PA" },
    ];
    for (const query of invalid) {
      const res = await parent.get("/v1/Sims", query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body).toMatchObject({
        code: 33103,
        status: 400,
        more_info: "https://docs.korewireless.com/errors/33103",
      });
    }
  });

  it("keeps cursors correct while SIMs change underneath", async () => {
    const first = await parent.get<SimPage>("/v1/Sims", { PageSize: 20 });
    const lastOfFirst = first.body.sims[19] as Sim;
    // Delete the SIM the next-page token points at and one SIM on the next page.
    const deletable = (s: Sim) => ["new", "deactivated", "canceled"].includes(s.status);
    const rest = all.slice(all.findIndex((s) => s.sid === lastOfFirst.sid) + 1);
    const victim = rest.slice(0, 20).find(deletable) as Sim;
    expect(victim).toBeDefined();
    if (deletable(lastOfFirst)) expect((await parent.del(`/v1/Sims/${lastOfFirst.sid}`)).status).toBe(204);
    expect((await parent.del(`/v1/Sims/${victim.sid}`)).status).toBe(204);
    // And change one SIM on the next page (status changes do not move it).
    const changed = rest.find((s) => s.status === "active" && s.sid !== victim.sid) as Sim;
    await parent.post(`/v1/Sims/${changed.sid}`, { Status: "suspended" });

    const next = await parent.get<SimPage>(path(first.body.meta.next_page_url as string));
    const expected = rest.filter((s) => s.sid !== victim.sid).slice(0, 20);
    expect(next.body.sims.map((s) => s.sid)).toEqual(expected.map((s) => s.sid));
    expect(next.body.sims.find((s) => s.sid === changed.sid)?.status).toBe("updating");
    all = (await followPages<Sim>(parent, "/v1/Sims?PageSize=1000")).items;
  });

  it("builds every URL on the host the client used", async () => {
    // fetch() may not set Host, so speak HTTP directly.
    const auth = parent.auth.kind === "bearer" ? `Bearer ${parent.auth.token}` : "";
    const body = await new Promise<SimPage>((resolve, reject) => {
      const req = request(
        `${sandbox.url}/v1/Sims?PageSize=2`,
        {
          headers: { Host: "wireless.example.test:8443", Authorization: auth, "X-Forwarded-Proto": "https" },
        },
        (res) => {
          let text = "";
          res.on("data", (chunk) => {
            text += chunk;
          });
          res.on("end", () => resolve(JSON.parse(text)));
        },
      );
      req.on("error", reject);
      req.end();
    });
    api.conformance.validate("GET", "/v1/Sims", 200, body);
    expect(body.meta.next_page_url?.startsWith("https://wireless.example.test:8443/v1/Sims?")).toBe(true);
    expect(body.sims[0]?.url.startsWith("https://wireless.example.test:8443/v1/Sims/DE")).toBe(true);
  });

  it("accepts a .json suffix like the Twilio-era API", async () => {
    const res = await parent.get<SimPage>("/v1/Sims.json", { PageSize: 3 });
    expect(res.status).toBe(200);
    expect(res.body.sims).toHaveLength(3);
  });
});

describe("GET /v1/Sims filters", () => {
  it("filters by Status and echoes the filter in every meta URL", async () => {
    const res = await parent.get<SimPage>("/v1/Sims", { Status: "suspended", PageSize: 5 });
    expect(res.body.sims.length).toBeGreaterThan(0);
    expect(res.body.sims.every((s) => s.status === "suspended")).toBe(true);
    expect(res.body.meta.first_page_url).toBe(`${sandbox.url}/v1/Sims?Status=suspended&PageSize=5&Page=0`);
    const { items } = await followPages<Sim>(parent, "/v1/Sims?Status=suspended&PageSize=5");
    expect(items.map((s) => s.sid)).toEqual(all.filter((s) => s.status === "suspended").map((s) => s.sid));
    for (const status of [
      "new",
      "ready",
      "active",
      "deactivated",
      "canceled",
      "scheduled",
      "updating",
      "deleted",
    ]) {
      const page = await parent.get<SimPage>("/v1/Sims", { Status: status, PageSize: 1000 });
      expect(page.status).toBe(200);
      expect(page.body.sims.every((s) => s.status === status)).toBe(true);
    }
  });

  it("refuses an unknown Status value", async () => {
    const res = await parent.get("/v1/Sims", { Status: "sleeping" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 33101 });
  });

  it("finds exactly one SIM by Iccid, EId or SimRegistrationCode", async () => {
    const sim = all[17] as Sim;
    const byIccid = await parent.get<SimPage>("/v1/Sims", { Iccid: sim.iccid });
    expect(byIccid.body.sims.map((s) => s.sid)).toEqual([sim.sid]);
    expect(byIccid.body.meta.url).toBe(`${sandbox.url}/v1/Sims?Iccid=${sim.iccid}&PageSize=50&Page=0`);
    expect((await parent.get<SimPage>("/v1/Sims", { Iccid: "8901260000000000000" })).body.sims).toEqual([]);

    const withEid = all.find((s) => s.e_id) as Sim;
    const byEid = await parent.get<SimPage>("/v1/Sims", { EId: withEid.e_id as string });
    expect(byEid.body.sims.map((s) => s.sid)).toEqual([withEid.sid]);

    const index = sandbox.world.fleet.identity.indexOfSimSid(withEid.sid) as number;
    const { identity } = sandbox.world.fleet;
    let code: string | null = null;
    let owner: Sim | undefined;
    for (const s of all) {
      code = identity.registrationCode(identity.indexOfSimSid(s.sid) as number);
      if (code) {
        owner = s;
        break;
      }
    }
    expect(index).toBeGreaterThanOrEqual(0);
    const byCode = await parent.get<SimPage>("/v1/Sims", { SimRegistrationCode: code as string });
    expect(byCode.body.sims.map((s) => s.sid)).toEqual([owner?.sid]);
    expect((await parent.get<SimPage>("/v1/Sims", { SimRegistrationCode: "ZZZZZZZZZZ" })).body.sims).toEqual(
      [],
    );
  });

  it("filters by RatePlan given as SID or unique name, combined with Status (AND)", async () => {
    const plans = await parent.get<{ rate_plans: { sid: string; unique_name: string }[] }>("/v1/RatePlans");
    const plan = plans.body.rate_plans.find((p) => p.unique_name === "iot-standard") as { sid: string };
    const bySid = await followPages<Sim>(parent, `/v1/Sims?RatePlan=${plan.sid}&PageSize=1000`);
    const byName = await followPages<Sim>(parent, "/v1/Sims?RatePlan=iot-standard&PageSize=1000");
    expect(bySid.items.length).toBeGreaterThan(0);
    expect(byName.items.map((s) => s.sid)).toEqual(bySid.items.map((s) => s.sid));
    expect(bySid.items.every((s) => s.rate_plan_sid === plan.sid)).toBe(true);
    expect(bySid.items.map((s) => s.sid)).toEqual(
      all.filter((s) => s.rate_plan_sid === plan.sid).map((s) => s.sid),
    );

    const both = await followPages<Sim>(parent, "/v1/Sims?Status=active&RatePlan=iot-standard&PageSize=7");
    // Filters come first in Twilio's order (Status, Iccid, RatePlan), then PageSize, Page.
    const reordered = await parent.get<SimPage>("/v1/Sims", {
      PageSize: 7,
      RatePlan: "iot-standard",
      Status: "active",
    });
    expect(reordered.body.meta.first_page_url).toBe(
      `${sandbox.url}/v1/Sims?Status=active&RatePlan=iot-standard&PageSize=7&Page=0`,
    );
    expect(both.items.map((s) => s.sid)).toEqual(
      all.filter((s) => s.rate_plan_sid === plan.sid && s.status === "active").map((s) => s.sid),
    );
    expect((await parent.get<SimPage>("/v1/Sims", { RatePlan: "no-such-plan" })).body.sims).toEqual([]);
  });
});

describe("accounts see only their own SIMs", () => {
  it("gives the parent and each subaccount disjoint fleets and 404 for another account's SIM", async () => {
    const seen = new Set(all.map((s) => s.sid));
    for (const account of [1, 2, 3]) {
      const client = await api.as(account);
      const { items } = await followPages<Sim>(client, "/v1/Sims?PageSize=1000");
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((s) => s.account_sid === sandbox.credentials[account]?.accountSid)).toBe(true);
      for (const sim of items) {
        expect(seen.has(sim.sid)).toBe(false);
        seen.add(sim.sid);
      }
      const foreign = await client.get(`/v1/Sims/${all[0]?.sid}`);
      expect(foreign.status).toBe(404);
      expect(foreign.body).toMatchObject({ code: 20404, status: 404 });
    }
  });
});

describe("GET /v1/Sims/{Sid}", () => {
  it("fetches by SID or unique name, and 404s unknown ones", async () => {
    const named = all.find((s) => s.unique_name) as Sim;
    const bySid = await parent.get<Sim>(`/v1/Sims/${named.sid}`);
    const byName = await parent.get<Sim>(`/v1/Sims/${encodeURIComponent(named.unique_name as string)}`);
    expect(bySid.body).toEqual(byName.body);
    const missing = await parent.get(`/v1/Sims/DE${"a".repeat(32)}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      code: 20404,
      message: `The requested resource /Sims/DE${"a".repeat(32)} was not found`,
      more_info: "https://docs.korewireless.com/errors/20404",
      status: 404,
    });
    expect((await parent.get("/v1/Sims/no-such-name")).status).toBe(404);
  });
});
