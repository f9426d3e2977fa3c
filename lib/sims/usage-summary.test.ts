import { describe, expect, it } from "vitest";
import { usageRecordSchema } from "@/lib/kore/schemas";
import { formatBytes, summarizeUsage, usageQuerySchema, usageWindow } from "./usage-summary";

const NOW = Date.parse("2026-11-29T18:20:00Z");

describe("usageWindow", () => {
  it("asks for hourly records over the last 24 h and daily ones over 7 and 30 days", () => {
    expect(usageWindow(usageQuerySchema.parse({ range: "24h" }), NOW)).toEqual({
      start: "2026-11-28T19:00:00Z",
      end: "2026-11-29T19:00:00Z",
      granularity: "hourly",
    });
    expect(usageWindow(usageQuerySchema.parse({}), NOW)).toEqual({
      start: "2026-11-23T00:00:00Z",
      end: "2026-11-30T00:00:00Z",
      granularity: "daily",
    });
    expect(usageWindow(usageQuerySchema.parse({ range: "30d" }), NOW).start).toBe("2026-10-31T00:00:00Z");
  });

  it("covers custom ranges as whole days, hourly up to 3 days, never past now", () => {
    const short = usageWindow(
      usageQuerySchema.parse({ range: "custom", start: "2026-11-27", end: "2026-11-29" }),
      NOW,
    );
    expect(short).toEqual({
      start: "2026-11-27T00:00:00Z",
      end: "2026-11-29T19:00:00Z",
      granularity: "hourly",
    });
    const long = usageWindow(
      usageQuerySchema.parse({ range: "custom", start: "2026-10-01", end: "2026-10-31" }),
      NOW,
    );
    expect(long).toEqual({
      start: "2026-10-01T00:00:00Z",
      end: "2026-11-01T00:00:00Z",
      granularity: "daily",
    });
  });

  it("refuses a custom range without dates or ending before it starts", () => {
    expect(usageQuerySchema.safeParse({ range: "custom" }).success).toBe(false);
    const reversed = usageQuerySchema.safeParse({ range: "custom", start: "2026-11-10", end: "2026-11-01" });
    expect(reversed.error?.issues[0]?.message).toBe("The end date must not be before the start date.");
  });
});

describe("summarizeUsage", () => {
  const record = (start: string, up: number, down: number, roaming = false) =>
    usageRecordSchema.parse({
      period: { start, end: start },
      data: {
        upload: up,
        download: down,
        total: up + down,
        home: roaming ? null : { upload: up, download: down, total: up + down },
        international_roaming: roaming
          ? [{ upload: up, download: down, total: up + down, country_code: "FR" }]
          : [],
      },
      commands: { from_sim: 1, to_sim: 2, total: 3, home: { from_sim: 1, to_sim: 2, total: 3 } },
    });

  it("orders the points, adds the totals and splits home from roaming", () => {
    const window = { start: "a", end: "b", granularity: "daily" as const };
    const s = summarizeUsage(window, [
      record("2026-11-02T00:00:00Z", 10, 20, true),
      record("2026-11-01T00:00:00Z", 1, 2),
    ]);
    expect(s.points.map((p) => p.start)).toEqual(["2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"]);
    expect(s.data).toEqual({ upload: 11, download: 22, total: 33 });
    expect(s.commands).toEqual({ fromSim: 2, toSim: 4, total: 6 });
    expect(s.home).toEqual({ data: 3, commands: 6 });
    expect(s.internationalRoaming).toEqual([{ countryCode: "FR", data: 30, commands: 0 }]);
  });
});

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [1023, "1023 B"],
    [1536, "1.5 KB"],
    [250 * 1024, "250 KB"],
    [5 * 1024 ** 3, "5 GB"],
  ])("%d → %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
