import { describe, expect, it } from "vitest";
import { createPace } from "./pace";

function fakeClock() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("createPace", () => {
  it("spaces requests evenly at the configured rate, without a burst after idling", async () => {
    const clock = fakeClock();
    const pace = createPace({ ratePerSecond: 10, ...clock });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await pace.acquire();
      times.push(clock.now());
    }
    expect(times).toEqual([0, 100, 200, 300, 400]);
    clock.advance(10_000);
    await pace.acquire();
    const idleEnd = clock.now();
    await pace.acquire();
    expect(clock.now() - idleEnd).toBe(100);
  });

  it("lowers the rate once per back-off window on 429 and recovers afterwards", () => {
    const clock = fakeClock();
    const pace = createPace({ ratePerSecond: 100, decrease: 0.5, recoveryPerSecond: 0.1, ...clock });
    pace.throttled(1000);
    expect(pace.currentRate()).toBe(50);
    // More 429s from requests already in flight within the same window: no further cut.
    pace.throttled(1000);
    pace.throttled(null);
    expect(pace.currentRate()).toBe(50);
    // No recovery until the Retry-After window has passed, then +10 % of 100 per second.
    clock.advance(1000);
    expect(pace.currentRate()).toBe(50);
    clock.advance(2000);
    expect(pace.currentRate()).toBe(70);
    clock.advance(10_000);
    expect(pace.currentRate()).toBe(100);
  });

  it("never goes below its floor", () => {
    const clock = fakeClock();
    const pace = createPace({ ratePerSecond: 100, minFraction: 0.2, decrease: 0.1, ...clock });
    for (let i = 0; i < 5; i++) {
      pace.throttled(1000);
      clock.advance(1000);
    }
    expect(pace.currentRate()).toBe(20);
  });

  it("refuses a rate that is not positive", () => {
    expect(() => createPace({ ratePerSecond: 0 })).toThrow(RangeError);
  });
});
