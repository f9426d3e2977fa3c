import { describe, expect, it } from "vitest";
import { eventListParamsSchema, simListParamsSchema, simUpdateSchema, usageParamsSchema } from "./params";

describe("simListParamsSchema", () => {
  it("accepts every filter and the paging cursor", () => {
    expect(
      simListParamsSchema.parse({
        status: "suspended",
        iccid: " 8901260000000000042 ",
        ratePlan: "iot-basic",
        eId: "8904",
        simRegistrationCode: "ABCDEFGH23",
        pageSize: 1000,
        page: 3,
        pageToken: "PADE0123",
      }),
    ).toMatchObject({ status: "suspended", iccid: "8901260000000000042", pageSize: 1000 });
  });

  it("treats empty strings as absent, so a cursor without a token round-trips", () => {
    expect(simListParamsSchema.parse({ pageToken: "", iccid: "" })).toEqual({});
  });

  it("refuses values the upstream would refuse", () => {
    expect(simListParamsSchema.safeParse({ pageSize: 1001 }).success).toBe(false);
    expect(simListParamsSchema.safeParse({ pageSize: 0 }).success).toBe(false);
    expect(simListParamsSchema.safeParse({ page: -1 }).success).toBe(false);
    expect(simListParamsSchema.safeParse({ status: "sleeping" }).success).toBe(false);
  });
});

describe("simUpdateSchema", () => {
  it("allows only the settable statuses and the one reset value", () => {
    expect(simUpdateSchema.safeParse({ status: "active" }).success).toBe(true);
    expect(simUpdateSchema.safeParse({ status: "canceled" }).success).toBe(false);
    expect(simUpdateSchema.safeParse({ resetStatus: "resetting" }).success).toBe(true);
    expect(simUpdateSchema.safeParse({ resetStatus: "done" }).success).toBe(false);
  });

  it("refuses unknown keys, so a typo cannot silently send nothing", () => {
    expect(simUpdateSchema.safeParse({ ratePlanSid: "WP1" }).success).toBe(false);
  });

  it("checks the shape of a target account SID", () => {
    expect(simUpdateSchema.safeParse({ accountSid: `AC${"b".repeat(32)}` }).success).toBe(true);
    expect(simUpdateSchema.safeParse({ accountSid: "acct_123" }).success).toBe(false);
  });
});

describe("date parameters", () => {
  it("take ISO strings or Dates and drop milliseconds like the upstream's own dates", () => {
    expect(
      usageParamsSchema.parse({ start: new Date("2024-06-01T00:00:00.000Z"), end: "2024-06-02T00:00:00Z" }),
    ).toEqual({ start: "2024-06-01T00:00:00Z", end: "2024-06-02T00:00:00Z", granularity: "all" });
    expect(eventListParamsSchema.safeParse({ startDate: "yesterday" }).success).toBe(false);
  });
});
