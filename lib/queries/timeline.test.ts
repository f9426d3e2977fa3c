import { describe, expect, it } from "vitest";
import { IDLE_POLL_MS, LIVE_POLL_MAX_MS, LIVE_POLL_MIN_MS, nextPollDelay, timelineKeys } from "./timeline";

describe("timeline polling", () => {
  it("polls every 2 s while live, backing off the longer nothing new arrives", () => {
    expect(nextPollDelay(true, 0)).toBe(LIVE_POLL_MIN_MS);
    expect(nextPollDelay(true, 19_999)).toBe(2_000);
    expect(nextPollDelay(true, 20_000)).toBe(4_000);
    expect(nextPollDelay(true, 40_000)).toBe(8_000);
    expect(nextPollDelay(true, 10 * 60_000)).toBe(LIVE_POLL_MAX_MS);
  });

  it("re-reads at an idle pace when nothing is in flight", () => {
    expect(nextPollDelay(false, 0)).toBe(IDLE_POLL_MS);
  });

  it("keys a SIM's timeline under one prefix, for invalidation after a change", () => {
    expect(timelineKeys.sim("DE1")).toEqual(["timeline", "DE1"]);
  });
});
