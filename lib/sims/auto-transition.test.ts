import { describe, expect, it } from "vitest";
import { automaticTransition, formatCountdown } from "./auto-transition";

describe("automaticTransition", () => {
  it("cancels a deactivated SIM 72 hours after deactivation", () => {
    const t = automaticTransition("deactivated", "2026-11-01T10:00:00Z");
    expect(t).toEqual({
      kind: "cancel",
      since: "2026-11-01T10:00:00Z",
      dueAt: Date.parse("2026-11-04T10:00:00Z"),
    });
  });

  it("activates a ready SIM after 3 calendar months at the latest, clamping to the month's end", () => {
    expect(automaticTransition("ready", "2026-11-30T08:00:00Z")?.dueAt).toBe(
      Date.parse("2027-02-28T08:00:00Z"),
    );
    expect(automaticTransition("ready", "2026-01-15T00:00:00Z")?.dueAt).toBe(
      Date.parse("2026-04-15T00:00:00Z"),
    );
  });

  it("has nothing to count down for other statuses or without a start", () => {
    expect(automaticTransition("active", "2026-11-01T10:00:00Z")).toBeNull();
    expect(automaticTransition("deactivated", null)).toBeNull();
    expect(automaticTransition("deactivated", "not a date")).toBeNull();
  });
});

describe("formatCountdown", () => {
  it.each([
    [0, "any moment now"],
    [-5, "any moment now"],
    [30_000, "1 min"],
    [59 * 60_000, "59 min"],
    [3 * 3600_000 + 12 * 60_000, "3 h 12 min"],
    [2 * 86_400_000, "2 d"],
    [2 * 86_400_000 + 5 * 3600_000, "2 d 5 h"],
  ])("%d ms → %s", (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});
