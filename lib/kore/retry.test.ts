import { describe, expect, it } from "vitest";
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isTransientStatus,
  parseRetryAfter,
  retryDelayMs,
} from "./retry";

const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };

describe("parseRetryAfter", () => {
  const now = Date.parse("2024-06-12T08:30:00Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("1", now)).toBe(1_000);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
    expect(parseRetryAfter("0", now)).toBe(0);
  });

  it("reads an HTTP date relative to now, never negative", () => {
    expect(parseRetryAfter("Wed, 12 Jun 2024 08:30:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Wed, 12 Jun 2024 08:29:00 GMT", now)).toBe(0);
  });

  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("", now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-3", now)).toBeNull();
  });
});

describe("backoff", () => {
  it("doubles the ceiling per retry up to the maximum, with full jitter below it", () => {
    expect(backoffDelayMs(1, policy, () => 0.999)).toBe(99);
    expect(backoffDelayMs(2, policy, () => 0.999)).toBe(199);
    expect(backoffDelayMs(3, policy, () => 0.999)).toBe(399);
    expect(backoffDelayMs(10, policy, () => 0.999)).toBe(999);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
  });

  it("waits at least what Retry-After asks", () => {
    expect(retryDelayMs(1, 2_000, policy, () => 0.5)).toBe(2_000);
    expect(retryDelayMs(4, 10, policy, () => 0.5)).toBe(400);
    expect(retryDelayMs(1, null, policy, () => 0.5)).toBe(50);
  });
});

describe("isTransientStatus", () => {
  it("treats rate limits, timeouts and server trouble as transient, client errors as final", () => {
    for (const s of [408, 429, 500, 502, 503, 504]) expect(isTransientStatus(s), String(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 409, 415, 422, 501])
      expect(isTransientStatus(s), String(s)).toBe(false);
  });
});
