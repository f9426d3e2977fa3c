import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createEventSyncRunner,
  getEventSyncRunner,
  MAX_BACKOFF_MS,
  nextSyncDelay,
  startEventSync,
  stopEventSync,
} from "./event-sync";

describe("nextSyncDelay", () => {
  const exact = () => 0.5; // no jitter

  it("waits one interval after a success", () => {
    expect(nextSyncDelay(60_000, 0, null, exact)).toBe(60_000);
  });

  it("doubles per consecutive failure up to 15 minutes", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => nextSyncDelay(60_000, n, null, exact))).toEqual([
      120_000,
      240_000,
      480_000,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
    ]);
  });

  it("caps a short interval at 32 intervals, and a long one never below itself", () => {
    expect(nextSyncDelay(2_000, 10, null, exact)).toBe(64_000);
    expect(nextSyncDelay(3_600_000, 3, null, exact)).toBe(3_600_000);
  });

  it("jitters by ±10 % and honours the upstream's Retry-After", () => {
    expect(nextSyncDelay(60_000, 1, null, () => 0)).toBe(108_000);
    expect(nextSyncDelay(60_000, 1, null, () => 1)).toBe(132_000);
    expect(nextSyncDelay(60_000, 1, 300_000, exact)).toBe(300_000);
  });
});

describe("the sync runner", () => {
  afterEach(async () => {
    vi.useRealTimers();
    await stopEventSync();
  });

  it("backs off while runs fail: each wait doubles", async () => {
    vi.useFakeTimers();
    const started = Date.now();
    const calls: number[] = [];
    const runner = createEventSyncRunner({
      intervalMs: 1_000,
      random: () => 0.5,
      deps: async () => {
        calls.push(Date.now() - started);
        throw new Error("database unavailable");
      },
    });
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await vi.advanceTimersByTimeAsync(16_000);
    error.mockRestore();
    expect(calls).toEqual([0, 2_000, 6_000, 14_000]);
    expect(runner.failures).toBe(4);
    expect(runner.lastResult).toMatchObject({ ok: false });
    await runner.stop();
  });

  it("runs once at a time: a second caller joins the run in progress", async () => {
    let release: () => void = () => {};
    let runs = 0;
    const runner = createEventSyncRunner({
      intervalMs: 60_000,
      initialDelayMs: 60_000,
      deps: () => {
        runs += 1;
        return new Promise((_, reject) => {
          release = () => reject(new Error("stop"));
        });
      },
    });
    const first = runner.runNow();
    const second = runner.runNow();
    expect(second).toBe(first);
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    release();
    await first;
    error.mockRestore();
    expect(runs).toBe(1);
    await runner.stop();
  });

  it("starts one runner per process however often it is asked", () => {
    const options = { intervalMs: 60_000, initialDelayMs: 60_000, deps: () => new Promise<never>(() => {}) };
    const runner = startEventSync(options);
    expect(startEventSync(options)).toBe(runner);
    expect(getEventSyncRunner()).toBe(runner);
  });
});
