import { describe, expect, it } from "vitest";
import { formatDuration, formatRate, plural } from "./format";

describe("job formatting", () => {
  it("formats durations", () => {
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(185)).toBe("3 min 5 s");
    expect(formatDuration(7800)).toBe("2 h 10 min");
  });
  it("formats rates and plurals", () => {
    expect(formatRate(12.5)).toBe("13 SIMs/s");
    expect(formatRate(2.25)).toBe("2.3 SIMs/s");
    expect(formatRate(0.5)).toBe("30.0 SIMs/min");
    expect(plural(1, "SIM")).toBe("1 SIM");
    expect(plural(1204, "SIM")).toBe("1,204 SIMs");
  });
});
