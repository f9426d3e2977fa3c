/**
 * The pace of a job runner: requests leave evenly spaced at the configured rate, and slow down when
 * the upstream is really over its limit, judged by how many of its recent answers were 429s.
 *
 * Why not TCP-style AIMD (every 429 cuts the rate): a 429 is refused before any work (sim-api.md
 * §14.4), so a few of them cost the job nothing but the refused SIM's wait (the runner requeues it
 * after its Retry-After). Under a steady trickle of 429s that have nothing to do with our rate
 * (another client sharing the account, a gateway hiccup, the sandbox's `rate429`), cutting on each
 * one ratchets the rate down to the floor and the job crawls. A real limit looks different: the
 * share of refusals grows with the rate we send at. So:
 *
 * - the pace keeps the last `sampleSize` answers (any answer but a 429 counts as let through,
 *   errors included) and slows only when clearly more than `tolerance` of them were 429s;
 * - it then cuts to the rate the upstream let through (current rate × share accepted), which
 *   lands on a real limit in one step instead of several blind cuts;
 * - for the Retry-After window after a cut (at least a second) answers are not sampled, since they
 *   answer requests sent at the old rate, and the sample starts afresh;
 * - after that window the rate grows by `recoveryPerSecond` of itself per second, up to the
 *   configured rate; if the upstream is still over its limit, the sample says so again.
 *
 * The price of tolerating noise: above a real limit the pace settles over it (about 1.3-1.4× with
 * the defaults, a quarter of the requests refused; bench/jobs.ts measures it), since a share of
 * 429s under the tolerance plus the margin looks like noise. The SIMs still change as fast as the
 * limit allows, and refused requests were never processed.
 *
 * Spacing rather than a token bucket: an idle runner does not save up a burst to fire at the
 * upstream when work arrives.
 */

export type PaceOptions = {
  ratePerSecond: number;
  /** Lowest rate as a fraction of the configured one. */
  minFraction?: number;
  /** Share of 429s among recent answers that is taken as noise, not as a limit. */
  tolerance?: number;
  /** How many recent answers the share of 429s is taken over. */
  sampleSize?: number;
  /** After a cut, the rate grows by this fraction of itself per second (up to the configured one). */
  recoveryPerSecond?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export type Pace = {
  /** Resolves when the caller may send one request. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** The upstream answered a request with anything but 429 (errors included): it let it through. */
  accepted(): void;
  /** The upstream answered 429; `retryAfterMs` is its Retry-After, when it sent one. */
  throttled(retryAfterMs: number | null): void;
  /** Requests per second allowed now. */
  currentRate(): number;
  readonly configuredRate: number;
};

/** A share of 429s is judged once this many answers are in the sample. */
const MIN_SAMPLE = 20;
/** Standard errors above `tolerance` a share must be before the pace believes it. */
const CONFIDENCE = 2;

export function createPace(options: PaceOptions): Pace {
  const configured = options.ratePerSecond;
  if (!(configured > 0) || !Number.isFinite(configured)) {
    throw new RangeError(`ratePerSecond must be a positive number, got ${configured}`);
  }
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const minRate = configured * (options.minFraction ?? 0.05);
  const tolerance = options.tolerance ?? 0.2;
  const sampleSize = Math.max(MIN_SAMPLE, Math.floor(options.sampleSize ?? 100));
  const growth = options.recoveryPerSecond ?? 0.1;

  let nextAt = 0;
  // The rate right after the last cut, and when recovery from it starts (the end of its hold).
  let lowered = configured;
  let recoverFrom = 0;
  // The last `sampleSize` answers, true for a 429, as a ring.
  const sample: boolean[] = [];
  let ringAt = 0;
  let refusedInSample = 0;

  function currentRate(): number {
    if (lowered >= configured) return configured;
    const elapsed = Math.max(0, now() - recoverFrom) / 1000;
    return Math.min(configured, lowered * (1 + growth) ** elapsed);
  }

  /** Records one answer; false while a cut's hold lasts (its answers are not sampled). */
  function record(refused: boolean): boolean {
    if (now() < recoverFrom) return false;
    if (sample.length < sampleSize) {
      sample.push(refused);
    } else {
      if (sample[ringAt]) refusedInSample--;
      sample[ringAt] = refused;
      ringAt = (ringAt + 1) % sampleSize;
    }
    if (refused) refusedInSample++;
    return true;
  }

  /**
   * Over the limit when the share of 429s is clearly above `tolerance`: by two standard errors for
   * the sample's size (20 answers need 8 refused, a full 100 need 29), so a hard limit shows within
   * a few dozen answers while 10 % at random is almost never taken for one, even in a small sample.
   */
  function overLimit(): number | null {
    const n = sample.length;
    if (n < MIN_SAMPLE) return null;
    const share = refusedInSample / n;
    const margin = CONFIDENCE * Math.sqrt((tolerance * (1 - tolerance)) / n);
    return share > tolerance + margin ? share : null;
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
    accepted() {
      record(false);
    },
    throttled(retryAfterMs) {
      if (!record(true)) return;
      const share = overLimit();
      if (share === null) return;
      // What the upstream let through at the rate we sent: a real limit is reached in one cut.
      lowered = Math.max(minRate, currentRate() * (1 - share));
      recoverFrom = now() + Math.max(1000, retryAfterMs ?? 0);
      sample.length = 0;
      ringAt = 0;
      refusedInSample = 0;
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
