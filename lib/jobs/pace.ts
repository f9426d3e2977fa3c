/**
 * The pace of a job runner: requests leave evenly spaced at the configured rate, and a 429 from
 * the upstream (Twilio's 20429 is a concurrency limit, sim-api.md §14.4) lowers the rate, AIMD
 * style like TCP: multiplied by `decrease` at most once per back-off window, so a burst of 429s
 * from requests already in flight counts once, then recovering by `recoveryPerSecond` of the
 * configured rate for every second without one. The request that was refused waits its own
 * Retry-After (the runner requeues it); the job as a whole goes on, slower.
 *
 * Spacing rather than a token bucket: an idle runner does not save up a burst to fire at the
 * upstream when work arrives.
 */

export type PaceOptions = {
  ratePerSecond: number;
  /** Lowest rate as a fraction of the configured one. */
  minFraction?: number;
  decrease?: number;
  recoveryPerSecond?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export type Pace = {
  /** Resolves when the caller may send one request. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** The upstream answered 429; `retryAfterMs` is its Retry-After, when it sent one. */
  throttled(retryAfterMs: number | null): void;
  /** Requests per second allowed now. */
  currentRate(): number;
  readonly configuredRate: number;
};

export function createPace(options: PaceOptions): Pace {
  const configured = options.ratePerSecond;
  if (!(configured > 0) || !Number.isFinite(configured)) {
    throw new RangeError(`ratePerSecond must be a positive number, got ${configured}`);
  }
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const minRate = configured * (options.minFraction ?? 0.05);
  const decrease = options.decrease ?? 0.7;
  const recovery = configured * (options.recoveryPerSecond ?? 0.1);

  let nextAt = 0;
  // The rate right after the last decrease, and when recovery from it starts.
  let lowered = configured;
  let recoverFrom = 0;
  let windowEnd = 0;

  function currentRate(): number {
    if (lowered >= configured) return configured;
    const elapsed = Math.max(0, now() - recoverFrom) / 1000;
    return Math.min(configured, lowered + recovery * elapsed);
  }

  return {
    configuredRate: configured,
    currentRate,
    async acquire(signal) {
      const t = Math.max(now(), nextAt);
      nextAt = t + 1000 / currentRate();
      const wait = t - now();
      if (wait > 0) await sleep(wait, signal);
    },
    throttled(retryAfterMs) {
      const at = now();
      const window = Math.max(1000, retryAfterMs ?? 0);
      if (at < windowEnd) return;
      lowered = Math.max(minRate, currentRate() * decrease);
      recoverFrom = at + window;
      windowEnd = at + window;
    },
  };
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
