import { describe, expect, it } from "vitest";
import { dataSessionSchema } from "@/lib/kore/schemas";
import { latestSession, resetOutcome, toSessionRows } from "./session-rows";

const session = (sid: string, start: string, imei: string | null, end: string | null = null) =>
  dataSessionSchema.parse({ sid, start, end, imei });

describe("toSessionRows", () => {
  it("lists newest first and flags a session whose IMEI differs from the one before", () => {
    const rows = toSessionRows([
      session("WN3", "2026-11-03T00:00:00Z", "490154203237518"),
      session("WN1", "2026-11-01T00:00:00Z", "356938035643809", "2026-11-01T01:00:00Z"),
      session("WN2", "2026-11-02T00:00:00Z", null, "2026-11-02T01:00:00Z"),
    ]);
    expect(rows.map((r) => [r.sid, r.previousImei])).toEqual([
      ["WN3", "356938035643809"],
      ["WN2", null],
      ["WN1", null],
    ]);
  });

  it("does not flag the same device twice", () => {
    const rows = toSessionRows([
      session("WN1", "2026-11-01T00:00:00Z", "356938035643809"),
      session("WN2", "2026-11-02T00:00:00Z", "356938035643809"),
    ]);
    expect(rows.every((r) => r.previousImei === null)).toBe(true);
  });

  it("finds the latest session", () => {
    expect(
      latestSession([
        session("WN1", "2026-11-01T00:00:00Z", null),
        session("WN2", "2026-11-02T00:00:00Z", null),
      ])?.sid,
    ).toBe("WN2");
    expect(latestSession([])).toBeNull();
  });
});

describe("resetOutcome", () => {
  const resetAt = Date.parse("2026-11-29T10:00:00.400Z");

  it("reports the first session that started at or after the reset", () => {
    const sessions = [
      session("WN1", "2026-11-29T09:00:00Z", null, "2026-11-29T10:00:00Z"),
      session("WN2", "2026-11-29T10:00:03Z", null),
    ];
    expect(resetOutcome(sessions, resetAt, resetAt + 5000)).toMatchObject({
      kind: "reconnected",
      session: { sid: "WN2" },
    });
  });

  it("keeps waiting for 5 minutes, then says the device did not come back", () => {
    const old = [session("WN1", "2026-11-29T09:00:00Z", null, "2026-11-29T10:00:00Z")];
    expect(resetOutcome(old, resetAt, resetAt + 60_000)).toEqual({
      kind: "waiting",
      until: resetAt + 300_000,
    });
    expect(resetOutcome(old, resetAt, resetAt + 300_000)).toEqual({
      kind: "not-reconnected",
      window: 300_000,
    });
  });
});
