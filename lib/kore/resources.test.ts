import { afterEach, describe, expect, it } from "vitest";
import { pickCurrentAccount } from "./accounts";
import { createKoreClient } from "./client";
import type { Account } from "./schemas";
import { fakeJwt } from "./testing/fake-jwt";
import {
  type FakeUpstream,
  type FakeUpstreamOptions,
  pageReply,
  type RecordedRequest,
  startFakeUpstream,
  wireSim,
} from "./testing/fake-upstream";

let servers: FakeUpstream[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function kore(options: FakeUpstreamOptions) {
  const server = await startFakeUpstream(options);
  servers.push(server);
  return { server, client: createKoreClient(server.upstream(), { sleep: async () => {} }) };
}

const AC_PARENT = `AC${"a".repeat(32)}`;
const AC_CHILD = `AC${"b".repeat(32)}`;

describe("sims", () => {
  it("lists one page with every filter and returns cursors from the paging links", async () => {
    const { server, client } = await kore({
      handle: (r) =>
        r.path === "/v1/Sims"
          ? pageReply("sims", [wireSim(1), wireSim(2)], {
              page: 1,
              pageSize: 2,
              next: "https://programmable-wireless.api.korewireless.com/v1/Sims?Status=active&PageSize=2&Page=2&PageToken=PADE2",
              previous:
                "https://programmable-wireless.api.korewireless.com/v1/Sims?Status=active&PageSize=2&Page=0&PageToken=PBDE1",
            })
          : undefined,
    });
    const page = await client.listSimsPage({
      status: "active",
      iccid: "8901260000000000042",
      ratePlan: "iot-basic",
      eId: "8904",
      simRegistrationCode: "ABCDEFGH23",
      pageSize: 2,
      page: 1,
      pageToken: "PADE0",
    });
    expect(server.requests[0]?.query.toString()).toBe(
      "Status=active&Iccid=8901260000000000042&RatePlan=iot-basic&EId=8904&SimRegistrationCode=ABCDEFGH23&PageSize=2&Page=1&PageToken=PADE0",
    );
    expect(page.sims.map((s) => s.friendlyName)).toEqual(["SIM 1", "SIM 2"]);
    expect(page).toMatchObject({
      page: 1,
      pageSize: 2,
      next: { page: 2, pageToken: "PADE2" },
      previous: { page: 0, pageToken: "PBDE1" },
    });
    expect(JSON.stringify(page)).not.toContain("korewireless.com");
  });

  it("lists a page of summaries: the fields a list shows, mapped as for a full SIM", async () => {
    const extra = { sms_url: "https://example.test/sms", voice_method: 42, ip_address: "10.0.0.1" };
    const { server, client } = await kore({
      handle: (r) =>
        r.path === "/v1/Sims"
          ? pageReply("sims", [wireSim(1, { ...extra, reset_status: "resetting" }), wireSim(2)], {
              pageSize: 2,
              next: `${server.url}/v1/Sims?Status=active&PageSize=2&Page=1&PageToken=PADE2`,
            })
          : undefined,
    });
    const params = { status: "active", pageSize: 2 } as const;
    const page = await client.listSimSummariesPage(params);
    expect(server.requests[0]?.query.toString()).toBe("Status=active&PageSize=2");
    // A field the list does not read may hold anything (voice_method is a number here): the
    // full listSimsPage would refuse this page.
    expect(page.sims[0]).toEqual({
      sid: wireSim(1).sid,
      uniqueName: null,
      friendlyName: "SIM 1",
      iccid: wireSim(1).iccid,
      status: "active",
      resetStatus: "resetting",
      ratePlanSid: wireSim(1).rate_plan_sid,
      dateCreated: "2024-05-01T10:00:00Z",
      dateUpdated: "2024-06-12T08:30:05Z",
    });
    expect(page).toMatchObject({
      page: 0,
      pageSize: 2,
      next: { page: 1, pageToken: "PADE2" },
      previous: null,
    });
  });

  it("refuses a summary page whose SIM lacks a field the list needs", async () => {
    const { client } = await kore({
      handle: (r) =>
        r.path === "/v1/Sims" ? pageReply("sims", [wireSim(1, { status: undefined })]) : undefined,
    });
    await expect(client.listSimSummariesPage({})).rejects.toMatchObject({ code: "invalid_response" });
  });

  it("iterates every page by following next_page_url as given", async () => {
    const { server, client } = await kore({
      handle: (r) => {
        if (r.path !== "/v1/Sims") return undefined;
        const token = r.query.get("PageToken");
        const next = (t: string, p: number) =>
          `${server.url}/v1/Sims?Status=new&PageSize=2&Page=${p}&PageToken=${t}&Extra=kept`;
        if (!token) return pageReply("sims", [wireSim(1), wireSim(2)], { next: next("PA2", 1) });
        if (token === "PA2")
          return pageReply("sims", [wireSim(3), wireSim(4)], { page: 1, next: next("PA4", 2) });
        return pageReply("sims", [wireSim(5)], { page: 2 });
      },
    });
    const pages = [];
    for await (const page of client.iterateSims({ status: "new", pageSize: 2 })) pages.push(page);
    expect(pages.map((p) => p.sims.length)).toEqual([2, 2, 1]);
    expect(pages.at(-1)?.next).toBeNull();
    expect(server.requests.map((r) => r.query.get("Extra"))).toEqual([null, "kept", "kept"]);
  });

  it("fetches by unique name, encoding it as one path segment", async () => {
    const { server, client } = await kore({
      handle: (r) =>
        r.path.startsWith("/v1/Sims/") ? { json: wireSim(7, { unique_name: "pump/7 east" }) } : undefined,
    });
    const sim = await client.getSim("pump/7 east");
    expect(server.requests[0]?.path).toBe("/v1/Sims/pump%2F7%20east");
    expect(sim.uniqueName).toBe("pump/7 east");
  });

  it("raises 20404 for an unknown SIM", async () => {
    const { client } = await kore({});
    await expect(client.getSim("DE404")).rejects.toMatchObject({ code: 20404, httpStatus: 404 });
  });

  it("updates with PascalCase form fields, clearing with empty values", async () => {
    let seen: RecordedRequest | undefined;
    const { client } = await kore({
      handle: (r) => {
        seen = r;
        return { json: wireSim(1, { status: "updating", commands_callback_url: null }) };
      },
    });
    const sim = await client.updateSim("DE1", {
      status: "active",
      callbackUrl: "https://console.test/api/webhooks/sim-status?t=x",
      callbackMethod: "POST",
      commandsCallbackUrl: null,
      friendlyName: "Pump 7",
    });
    expect(seen?.method).toBe("POST");
    expect(Object.fromEntries(new URLSearchParams(seen?.body))).toEqual({
      Status: "active",
      CallbackUrl: "https://console.test/api/webhooks/sim-status?t=x",
      CallbackMethod: "POST",
      CommandsCallbackUrl: "",
      FriendlyName: "Pump 7",
    });
    expect(sim).toMatchObject({ status: "updating", commandsCallbackUrl: null });
  });

  it("refuses an invalid update without sending anything", async () => {
    const { server, client } = await kore({ handle: () => ({ json: wireSim(1) }) });
    // @ts-expect-error: a status the API cannot set
    await expect(client.updateSim("DE1", { status: "canceled" })).rejects.toMatchObject({
      code: "invalid_request",
    });
    await expect(client.updateSim("", { friendlyName: "x" })).rejects.toMatchObject({
      code: "invalid_request",
    });
    await expect(client.listSimsPage({ pageSize: 5000 })).rejects.toMatchObject({ code: "invalid_request" });
    expect(server.requests).toHaveLength(0);
  });

  it("deletes with DELETE and accepts the empty 204", async () => {
    const { server, client } = await kore({
      handle: (r) => (r.method === "DELETE" ? { status: 204 } : undefined),
    });
    await expect(client.deleteSim("DE1")).resolves.toBeUndefined();
    expect(server.requests[0]).toMatchObject({ method: "DELETE", path: "/v1/Sims/DE1" });
  });
});

describe("rate plans, usage and data sessions", () => {
  const plan = (n: number) => ({
    sid: `WP${String(n).padStart(32, "0")}`,
    unique_name: `plan-${n}`,
    data_limit: 1000,
  });

  it("lists every rate plan across pages and fetches one by name", async () => {
    const { server, client } = await kore({
      handle: (r) => {
        if (r.path === "/v1/RatePlans") {
          return r.query.get("Page") === "1"
            ? pageReply("rate_plans", [plan(3)], { page: 1 })
            : pageReply("rate_plans", [plan(1), plan(2)], {
                next: `${server.url}/v1/RatePlans?PageSize=2&Page=1&PageToken=PAWP2`,
              });
        }
        if (r.path === "/v1/RatePlans/plan-2") return { json: plan(2) };
        return undefined;
      },
    });
    expect((await client.listRatePlans()).map((p) => p.uniqueName)).toEqual(["plan-1", "plan-2", "plan-3"]);
    expect(server.requests[0]?.query.get("PageSize")).toBe("1000");
    expect((await client.getRatePlan("plan-2")).dataLimitMb).toBe(1000);
  });

  it("reads a SIM's usage with Start, End and Granularity, and the account's", async () => {
    const record = {
      sim_sid: "DE1",
      period: { start: "2024-06-01T00:00:00Z", end: "2024-06-02T00:00:00Z" },
      data: { total: 5 },
    };
    const { server, client } = await kore({
      handle: (r) =>
        r.path === "/v1/Sims/DE1/UsageRecords" || r.path === "/v1/UsageRecords"
          ? pageReply("usage_records", [record])
          : undefined,
    });
    const usage = await client.getSimUsage("DE1", {
      start: "2024-06-01T00:00:00Z",
      end: new Date("2024-06-08T00:00:00.000Z"),
      granularity: "daily",
    });
    expect(server.requests[0]?.query.toString()).toBe(
      "Start=2024-06-01T00%3A00%3A00Z&End=2024-06-08T00%3A00%3A00Z&Granularity=daily&PageSize=1000",
    );
    expect(usage[0]?.data.total).toBe(5);
    await client.getAccountUsage();
    expect(server.requests[1]?.query.toString()).toBe("Granularity=all&PageSize=1000");
  });

  it("lists a SIM's data sessions", async () => {
    const { client } = await kore({
      handle: (r) =>
        r.path === "/v1/Sims/DE1/DataSessions"
          ? pageReply("data_sessions", [{ sid: "WN1", sim_sid: "DE1", radio_link: "LTE", end: null }])
          : undefined,
    });
    expect(await client.listDataSessions("DE1")).toMatchObject([{ sid: "WN1", radioLink: "LTE", end: null }]);
  });
});

describe("events", () => {
  it("reads events from the Monitor host with its filters", async () => {
    const monitor = await startFakeUpstream({
      handle: (r) =>
        r.path === "/v1/Events"
          ? pageReply("events", [{ sid: "AE1", event_type: "wireless-sim.updated", resource_sid: "DE1" }], {
              next: "https://monitor.example/v1/Events?ResourceSid=DE1&PageSize=1&Page=1&PageToken=PAAE1",
            })
          : undefined,
    });
    servers.push(monitor);
    const wireless = await startFakeUpstream({
      token: (_, n) => ({ json: { access_token: `t${n}`, expires_in: 60 } }),
    });
    servers.push(wireless);
    const client = createKoreClient({ ...wireless.upstream(), monitorBaseUrl: monitor.url });
    const page = await client.listEventsPage({
      resourceSid: "DE1",
      startDate: "2024-06-01T00:00:00Z",
      pageSize: 1,
    });
    expect(monitor.requests[0]?.query.toString()).toBe(
      "ResourceSid=DE1&StartDate=2024-06-01T00%3A00%3A00Z&PageSize=1",
    );
    expect(page.events[0]).toMatchObject({ sid: "AE1", eventType: "wireless-sim.updated" });
    expect(page.next).toEqual({ page: 1, pageToken: "PAAE1" });
    expect(wireless.requests).toHaveLength(0);
  });
});

describe("accounts", () => {
  const iam = (accounts: unknown[], platforms: unknown[]) => (r: RecordedRequest) => {
    if (r.path === "/v1/accounts") return { json: { accounts } };
    if (r.path === "/v1/platform_account_mappings") return { json: { platforms } };
    return undefined;
  };

  it("joins IAM accounts with their AC… SIDs", async () => {
    const { client } = await kore({
      handle: iam(
        [
          { id: "acct_parent", friendly_name: "Parent", status: "ACTIVE" },
          { id: "acct_child", parent_id: "acct_parent", friendly_name: "Child", status: "ACTIVE" },
          { id: "acct_unmapped", parent_id: "acct_parent", friendly_name: "New", status: "PENDING" },
        ],
        [
          { id: "acct_parent", legacy_account_id: AC_PARENT, platform: "twilio" },
          { id: "acct_child", legacy_account_id: AC_CHILD, platform: "twilio" },
        ],
      ),
    });
    const accounts = await client.listAccounts();
    expect(accounts.map((a) => [a.id, a.sid])).toEqual([
      ["acct_parent", AC_PARENT],
      ["acct_child", AC_CHILD],
      ["acct_unmapped", null],
    ]);
    expect((await client.getCurrentAccount())?.id).toBe("acct_parent");
  });

  it("prefers a token claim that names exactly one listed account", async () => {
    const { client } = await kore({
      token: () => ({
        json: { access_token: fakeJwt({ sub: "acct_child", exp: 4_000_000_000 }), expires_in: 3600 },
      }),
      handle: iam(
        [
          { id: "acct_parent", friendly_name: "Parent" },
          { id: "acct_child", parent_id: "acct_parent", friendly_name: "Child" },
        ],
        [{ id: "acct_child", legacy_account_id: AC_CHILD, platform: "twilio" }],
      ),
    });
    expect(await client.getCurrentAccount()).toMatchObject({ id: "acct_child", sid: AC_CHILD });
  });

  it("says null rather than guess when the tree has several roots", () => {
    const account = (id: string, parentId: string | null): Account => ({
      id,
      parentId,
      sid: null,
      friendlyName: id,
      status: "ACTIVE",
      dateCreated: null,
    });
    expect(pickCurrentAccount([account("a", "x"), account("b", "y")], null)).toBeNull();
    expect(pickCurrentAccount([account("a", null), account("b", "a")], { sub: "zzz" })?.id).toBe("a");
  });
});
