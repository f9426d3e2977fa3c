import { describe, expect, it } from "vitest";
import { formatAge, formatExactTime, formatRelativeTime } from "./relative-time";

const NOW = Date.parse("2026-11-29T12:00:00Z");
const ago = (seconds: number) => new Date(NOW - seconds * 1000);

describe("formatRelativeTime", () => {
  it("uses the largest whole unit", () => {
    expect(formatRelativeTime(ago(3), NOW)).toBe("just now");
    expect(formatRelativeTime(ago(42), NOW)).toBe("42 seconds ago");
    expect(formatRelativeTime(ago(5 * 60 + 20), NOW)).toBe("5 minutes ago");
    expect(formatRelativeTime(ago(3 * 3600), NOW)).toBe("3 hours ago");
    expect(formatRelativeTime(ago(24 * 3600), NOW)).toBe("yesterday");
    expect(formatRelativeTime(ago(20 * 24 * 3600), NOW)).toBe("2 weeks ago");
    expect(formatRelativeTime(ago(400 * 24 * 3600), NOW)).toBe("last year");
  });

  it("handles future instants (clock skew, scheduled changes)", () => {
    expect(formatRelativeTime(ago(-2 * 3600), NOW)).toBe("in 2 hours");
  });
});

describe("formatExactTime", () => {
  it("shows the instant in UTC whatever the machine's zone", () => {
    expect(formatExactTime(new Date("2024-06-12T08:30:05Z"))).toBe("Jun 12, 2024, 8:30:05 AM UTC");
  });
});

describe("formatAge", () => {
  it("counts seconds, then minutes, then hours", () => {
    expect(formatAge(NOW - 7_400, NOW)).toBe("7 s");
    expect(formatAge(NOW - 125_000, NOW)).toBe("2 min");
    expect(formatAge(NOW - 3 * 3600_000, NOW)).toBe("3 h");
    expect(formatAge(NOW + 5_000, NOW)).toBe("0 s");
  });
});
