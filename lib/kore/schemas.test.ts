import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  commandPageSchema,
  commandSchema,
  dataSessionPageSchema,
  errorEnvelopeSchema,
  iamAccountListSchema,
  platformMappingListSchema,
  ratePlanPageSchema,
  ratePlanSchema,
  simEventPageSchema,
  simEventSchema,
  simPageSchema,
  simSchema,
  tokenResponseSchema,
  usageRecordPageSchema,
} from "./schemas";

// The official OpenAPI files live beside the checkout (../shared/reference, see sim-api.md §0).
const REFERENCE_DIR =
  process.env.KORE_REFERENCE_DIR ?? path.resolve(import.meta.dirname, "../../../shared/reference");

type OpenApi = {
  paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
  components: { schemas: Record<string, { properties?: Record<string, { example?: unknown }> }> };
};
type ResponseObject = { content?: Record<string, { examples?: Record<string, { value: unknown }> }> };

const spec = (file: string) => JSON.parse(readFileSync(path.join(REFERENCE_DIR, file), "utf8")) as OpenApi;
const twilioWireless = spec("twilio_wireless_v1.json");
const twilioMonitor = spec("twilio_monitor_v1.json");

/** Every response example of one operation, by name. */
function examples(doc: OpenApi, route: string, method: string): [string, unknown][] {
  const responses = doc.paths[route]?.[method]?.responses ?? {};
  const found = Object.values(responses).flatMap((r) =>
    Object.entries(r.content?.["application/json"]?.examples ?? {}).map(
      ([name, e]) => [name, e.value] as [string, unknown],
    ),
  );
  if (found.length === 0) throw new Error(`no examples for ${method.toUpperCase()} ${route}`);
  return found;
}

describe("official Twilio Wireless v1 examples", () => {
  it.each(examples(twilioWireless, "/v1/Sims/{Sid}", "get"))("parse the Sim fetch example %s", (_, value) => {
    const sim = simSchema.parse(value);
    expect(sim).toMatchObject({
      sid: "DEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      accountSid: "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      uniqueName: "unique_name",
      eId: "e_id",
      status: "new",
      resetStatus: null,
      commandsCallbackUrl: "http://www.example.com",
      commandsCallbackMethod: "POST",
      ipAddress: "192.168.1.1",
      dateCreated: "2015-07-30T20:00:00Z",
    });
    // Wire names and URLs stay inside lib/kore.
    expect(Object.keys(sim).some((k) => k.includes("_"))).toBe(false);
    expect(sim).not.toHaveProperty("url");
    expect(sim).not.toHaveProperty("links");
  });

  it.each(examples(twilioWireless, "/v1/Sims/{Sid}", "post"))(
    "parse the Sim update example %s",
    (name, value) => {
      const sim = simSchema.parse(value);
      if (name === "updateResetConnectivity")
        expect(sim).toMatchObject({ status: "active", resetStatus: "resetting" });
      if (name === "updateMoveToSubaccount")
        expect(sim.accountSid).toBe("ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    },
  );

  it.each(examples(twilioWireless, "/v1/Sims", "get"))("parse the Sim list example %s", (name, value) => {
    const page = simPageSchema.parse(value);
    expect(page.items).toHaveLength(name === "readEmpty" ? 0 : 1);
    expect(page.meta).toMatchObject({
      page: 0,
      pageSize: 50,
      key: "sims",
      nextPageUrl: null,
      previousPageUrl: null,
    });
  });

  it.each([
    ...examples(twilioWireless, "/v1/RatePlans/{Sid}", "get"),
    ...examples(twilioWireless, "/v1/RatePlans/{Sid}", "post"),
    ...examples(twilioWireless, "/v1/RatePlans", "post"),
  ])("parse the RatePlan example %s", (_, value) => {
    expect(ratePlanSchema.parse(value)).toMatchObject({
      sid: "WPaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      dataLimitMb: 1000,
      dataMetering: "payg",
      internationalRoaming: ["data", "messaging", "voice"],
      dataLimitStrategy: null,
    });
  });

  it.each(examples(twilioWireless, "/v1/RatePlans", "get"))(
    "parse the RatePlan list example %s",
    (_, value) => {
      expect(ratePlanPageSchema.parse(value).meta.key).toBe("rate_plans");
    },
  );

  it.each([
    ...examples(twilioWireless, "/v1/Sims/{SimSid}/UsageRecords", "get"),
    ...examples(twilioWireless, "/v1/UsageRecords", "get"),
  ])("parse the UsageRecord example %s, including its empty record", (_, value) => {
    const [full, empty] = usageRecordPageSchema.parse(value).items;
    expect(full?.data).toMatchObject({
      upload: 731560,
      download: 2763049,
      total: 3494609,
      billed: 0.35,
      units: "bytes",
    });
    expect(full?.data.home?.total).toBe(3494609);
    expect(full?.commands).toMatchObject({ fromSim: 1, toSim: 2, total: 3 });
    expect(full?.period).toEqual({ start: "2015-07-30T20:00:00Z", end: "2015-07-30T20:00:00Z" });
    // The second record is `{commands: {}, data: {}, period: {}}`: zero counters, null sub-objects.
    expect(empty?.data).toMatchObject({
      total: 0,
      home: null,
      nationalRoaming: null,
      internationalRoaming: [],
    });
    expect(empty?.commands.total).toBe(0);
    expect(empty?.period).toEqual({ start: null, end: null });
  });

  it.each(examples(twilioWireless, "/v1/Sims/{SimSid}/DataSessions", "get"))(
    "parse the DataSession example",
    (_, value) => {
      const [open, closed] = dataSessionPageSchema.parse(value).items;
      expect(open).toMatchObject({
        radioLink: "LTE",
        end: null,
        imei: null,
        operatorName: null,
        cellLocationEstimate: null,
      });
      expect(closed).toMatchObject({ radioLink: "3G", imei: "014931000129700", end: "2015-07-30T20:00:00Z" });
    },
  );

  it.each([
    ...examples(twilioWireless, "/v1/Commands/{Sid}", "get"),
    ...examples(twilioWireless, "/v1/Commands", "post"),
  ])("parse the Command example %s", (_, value) => {
    expect(commandSchema.parse(value).sid).toBe("DCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  });

  it.each(examples(twilioWireless, "/v1/Commands", "get"))(
    "parse the Command list example %s",
    (_, value) => {
      expect(commandPageSchema.parse(value).meta.key).toBe("commands");
    },
  );
});

describe("official Twilio Monitor v1 examples", () => {
  it.each(examples(twilioMonitor, "/v1/Events/{Sid}", "get"))("parse the Event example", (_, value) => {
    const event = simEventSchema.parse(value);
    expect(event).toMatchObject({
      sid: "AEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      eventType: "account.updated",
      source: "api",
    });
    // The example puts changes at the top level of event_data.
    expect(event.changes).toEqual({
      friendlyName: { previous: "SubAccount Created at 2014-10-03 09:48 am", updated: "Mr. Friendly" },
    });
  });

  it.each(examples(twilioMonitor, "/v1/Events", "get"))("parse the Event list example %s", (_, value) => {
    expect(simEventPageSchema.parse(value).meta.key).toBe("events");
  });
});

describe("KORE-specific shapes", () => {
  const kore = spec("kore-programmable-wireless-v1.json");
  const token = spec("kore_token_api_v1.json");
  const iam = spec("kore-iam-v1.json");
  const exampleOf = (doc: OpenApi, schema: string) =>
    Object.fromEntries(
      Object.entries(doc.components.schemas[schema]?.properties ?? {}).map(([k, v]) => [k, v.example]),
    );

  it("reads the EID from KORE's `eid` as well as Twilio's `e_id`", () => {
    expect(kore.components.schemas.Sim?.properties).toHaveProperty("eid");
    const base = { sid: "DE0123456789abcdef0123456789abcdef", status: "active" };
    expect(simSchema.parse({ ...base, eid: "89049032000000000000000000000123" }).eId).toBe(
      "89049032000000000000000000000123",
    );
    expect(simSchema.parse({ ...base, e_id: "8904" }).eId).toBe("8904");
    expect(simSchema.parse(base).eId).toBeNull();
  });

  it("parses the token endpoint's example, with expires_in as a number or a numeric string", () => {
    const example = exampleOf(token, "200GetToken");
    expect(tokenResponseSchema.parse(example)).toEqual({
      accessToken: "eyJhbGciOiJSUzI1NiIs",
      expiresInSeconds: 3600,
      tokenType: "Bearer",
      scope: "email",
    });
    expect(tokenResponseSchema.parse({ ...example, expires_in: "86400" }).expiresInSeconds).toBe(86400);
    expect(tokenResponseSchema.safeParse({ ...example, expires_in: "soon" }).success).toBe(false);
    expect(tokenResponseSchema.safeParse({ expires_in: 3600 }).success).toBe(false);
  });

  it("parses every error envelope the upstream uses", () => {
    expect(errorEnvelopeSchema.parse(exampleOf(iam, "ErrorResponse"))).toMatchObject({
      code: 20404,
      status: 404,
      moreInfo: "https://docs.korewireless.com/errors/20404",
    });
    expect(errorEnvelopeSchema.parse(exampleOf(token, "401Error"))).toMatchObject({
      code: null,
      error: "invalid_client",
      errorDescription: "Invalid client or Invalid client credentials",
    });
    expect(
      errorEnvelopeSchema.parse({
        message: "User is not authorized to access this resource with an explicit deny",
        error: "Invalid or expired token",
      }).code,
    ).toBeNull();
  });

  it("parses IAM accounts and platform mappings", () => {
    const accounts = iamAccountListSchema.parse({
      accounts: [
        {
          id: "acct_parent",
          date_created: "2024-01-01T00:00:00Z",
          friendly_name: "Parent",
          status: "ACTIVE",
        },
        { id: "acct_child", parent_id: "acct_parent", friendly_name: "Child", status: "SUSPENDED", extra: 1 },
      ],
    });
    expect(accounts).toEqual([
      {
        id: "acct_parent",
        parentId: null,
        friendlyName: "Parent",
        status: "ACTIVE",
        dateCreated: "2024-01-01T00:00:00Z",
      },
      {
        id: "acct_child",
        parentId: "acct_parent",
        friendlyName: "Child",
        status: "SUSPENDED",
        dateCreated: null,
      },
    ]);
    expect(
      platformMappingListSchema.parse({
        platforms: [{ id: "acct_parent", legacy_account_id: `AC${"a".repeat(32)}`, platform: "twilio" }],
      }),
    ).toEqual([{ id: "acct_parent", legacyAccountId: `AC${"a".repeat(32)}`, platform: "twilio" }]);
    expect(iamAccountListSchema.parse({})).toEqual([]);
  });
});

describe("tolerance", () => {
  const sim = { sid: "DE0123456789abcdef0123456789abcdef", status: "active" };

  it("keeps unknown status strings instead of failing", () => {
    expect(simSchema.parse({ ...sim, status: "deleted" }).status).toBe("deleted");
    expect(simSchema.parse({ ...sim, status: "archived", reset_status: "queued" })).toMatchObject({
      status: "archived",
      resetStatus: "queued",
    });
  });

  it("drops unknown fields and fills absent ones with null", () => {
    const parsed = simSchema.parse({ ...sim, brand_new_field: { nested: true }, links: { x: "y" } });
    expect(parsed).not.toHaveProperty("brand_new_field");
    expect(parsed).not.toHaveProperty("brandNewField");
    expect(parsed.friendlyName).toBeNull();
    expect(parsed.smsMethod).toBeNull();
  });

  it("still refuses a record without its identifier", () => {
    expect(simSchema.safeParse({ status: "active" }).success).toBe(false);
    expect(simSchema.safeParse({ sid: "DE1" }).success).toBe(false);
  });

  it("reads event changes under resource_properties and camelCases them", () => {
    const event = simEventSchema.parse({
      sid: "AE00000000000000000000000000000001",
      event_type: "wireless-sim.updated",
      event_data: {
        resource_properties: {
          status: { previous: "ready", updated: "active" },
          rate_plan_sid: { previous: null, updated: "WP1" },
        },
      },
    });
    expect(event.changes).toEqual({
      status: { previous: "ready", updated: "active" },
      ratePlanSid: { previous: null, updated: "WP1" },
    });
    expect(event.data).toHaveProperty("resourceProperties");
  });

  it("accepts billed amounts sent as decimal strings", () => {
    const page = usageRecordPageSchema.parse({
      usage_records: [{ data: { billed: "0.35", total: 10 } }],
      meta: { page: 0, page_size: 50, next_page_url: null, key: "usage_records" },
    });
    expect(page.items[0]?.data.billed).toBe(0.35);
  });
});
