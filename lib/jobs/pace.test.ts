import { describe, expect, it } from "vitest";
import { createPace, type Pace } from "./pace";

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

/** A deterministic stand-in for Math.random (LCG), so "10 % at random" is the same every run. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Sends through `pace` for `seconds` of fake time against an upstream that refuses a share of
 * requests at random and, when `limitPerSecond` is set, everything over that rate (a token bucket
 * one second deep, as the sandbox's `rateLimitPerSecond`). Returns what was sent and refused.
 */
async function drive(
  pace: Pace,
  clock: ReturnType<typeof fakeClock>,
  upstream: { seconds: number; randomShare: number; limitPerSecond?: number },
) {
  const random = seeded(42);
  const limit = upstream.limitPerSecond ?? 0;
  let tokens = limit;
  let tokensAt = clock.now();
  const start = clock.now();
  let sent = 0;
  let refused = 0;
  let lowest = pace.currentRate();
  while (clock.now() - start < upstream.seconds * 1000) {
    await pace.acquire();
    sent++;
    let ok = true;
    if (limit > 0) {
      tokens = Math.min(limit, tokens + ((clock.now() - tokensAt) / 1000) * limit);
      tokensAt = clock.now();
      if (tokens >= 1) tokens -= 1;
      else ok = false;
    }
    if (ok && random() < upstream.randomShare) ok = false;
    if (ok) pace.accepted();
    else {
      refused++;
      pace.throttled(1000);
    }
    lowest = Math.min(lowest, pace.currentRate());
  }
  return { sentPerSecond: sent / upstream.seconds, refusedShare: refused / sent, lowest };
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

  it("keeps the configured rate under a steady trickle of random 429s", async () => {
    const clock = fakeClock();
    const pace = createPace({ ratePerSecond: 50, ...clock });
    const run = await drive(pace, clock, { seconds: 600, randomShare: 0.1 });
    // 30,000 answers, a tenth of them refused: not once taken for a limit.
    expect(run.refusedShare).toBeGreaterThan(0.09);
    expect(run.lowest).toBe(50);
    expect(run.sentPerSecond).toBeCloseTo(50, 0);
  });

  it("cuts to the rate the upstream let through once its 429s are clearly over the tolerance", () => {
    const clock = fakeClock();
    const pace = createPace({ ratePerSecond: 100, ...clock });
    // Twenty answers, seven refused: 35 % is over the 20 % tolerance, but not clearly for so few.
    for (let i = 0; i < 13; i++) pace.accepted();
    for (let i = 0; i < 7; i++) pace.throttled(1000);
    expect(pace.currentRate()).toBe(100);
    // Twenty-one, eight refused (38 %): clearly over. 13 of 21 sent got through.
    pace.throttled(1000);
    expect(pace.currentRate()).toBeCloseTo(100 * (13 / 21), 6);
  });

  it("holds the cut for the Retry-After window, ignoring answers sent before it, then recovers", () => {
    const clock = fakeClock();
    const pace = createPace({ ratePerSecond: 100, recoveryPerSecond: 0.1, ...clock });
    for (let i = 0; i < 4; i++) pace.accepted();
    for (let i = 0; i < 16; i++) pace.throttled(2000);
    expect(pace.currentRate()).toBeCloseTo(20, 6);
    // Requests in flight at the old rate come back refused: no further cut for them.
    for (let i = 0; i < 50; i++) pace.throttled(2000);
    clock.advance(1999);
    expect(pace.currentRate()).toBeCloseTo(20, 6);
    // After the window, +10 % of itself per second, up to the configured rate.
    clock.advance(1);
    expect(pace.currentRate()).toBeCloseTo(20, 6);
    clock.advance(1000);
    expect(pace.currentRate()).toBeCloseTo(22, 6);
    clock.advance(60_000);
    expect(pace.currentRate()).toBe(100);
  });

  it("slows a job to near the upstream's real limit, with random 429s on top", async () => {
    const clock = fakeClock();
    const pace = createPace({ ratePerSecond: 50, ...clock });
    const run = await drive(pace, clock, { seconds: 300, randomShare: 0.1, limitPerSecond: 20 });
    // Without the pace slowing it would send 50/s and 60 %+ would be refused. It settles a little
    // above the limit (a share of 429s under the tolerance is taken as noise), never far below it.
    expect(run.sentPerSecond).toBeGreaterThan(20);
    expect(run.sentPerSecond).toBeLessThan(30);
    expect(run.refusedShare).toBeLessThan(0.35);
  });

  it("never goes below its floor", () => {
    const clock = fakeClock();
    const pace = createPace({ ratePerSecond: 100, minFraction: 0.2, ...clock });
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 20; i++) pace.throttled(1000);
      clock.advance(1000);
    }
    expect(pace.currentRate()).toBe(20);
  });

  it("refuses a rate that is not positive", () => {
    expect(() => createPace({ ratePerSecond: 0 })).toThrow(RangeError);
  });
});
