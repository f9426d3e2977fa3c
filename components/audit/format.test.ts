import { describe, expect, it } from "vitest";
import { describeChanges, formatAuditTime } from "./format";

describe("formatAuditTime", () => {
  it("prints UTC to the second", () => {
    expect(formatAuditTime(new Date("2026-03-04T05:06:07.890Z"))).toBe("2026-03-04 05:06:07 UTC");
    expect(formatAuditTime("2026-12-31T23:59:59Z")).toBe("2026-12-31 23:59:59 UTC");
  });
});

describe("describeChanges", () => {
  it("lists each field as before → after", () => {
    expect(
      describeChanges({
        status: { before: "active", after: "suspended" },
        ratePlan: { before: null, after: "WP1" },
      }),
    ).toEqual(["status: active → suspended", "ratePlan: — → WP1"]);
  });

  it("shows redacted and odd values without crashing", () => {
    expect(describeChanges({ authToken: "[redacted]", flags: { before: [1], after: { a: true } } })).toEqual([
      "authToken: [redacted]",
      'flags: [1] → {"a":true}',
    ]);
    expect(describeChanges(null)).toEqual([]);
    expect(describeChanges(["x"])).toEqual([]);
  });
});
