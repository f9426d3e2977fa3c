import { randomUUID } from "node:crypto";

/**
 * Status and command callbacks ([EMU] sim-api.md §9): form-encoded POST or query-string GET, a
 * `kore-idempotency-token` header that stays the same on the retry, one retry on 408/423/5xx or
 * a network error, 5 s connect / 15 s overall timeout. Deliveries are logged for the admin API.
 */
export type CallbackParams = Record<string, string>;

export type Delivery = {
  id: string;
  url: string;
  method: "GET" | "POST";
  params: CallbackParams;
  attempts: { at: string; status: number | null; error?: string }[];
  done: boolean;
};

const LOG_LIMIT = 500;

export class CallbackSender {
  private readonly log: Delivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly controller = new AbortController();

  constructor(private readonly retryDelayMs: number) {}

  send(url: string, method: "GET" | "POST", params: CallbackParams): Delivery {
    const delivery: Delivery = { id: randomUUID(), url, method, params, attempts: [], done: false };
    this.log.push(delivery);
    if (this.log.length > LOG_LIMIT) this.log.shift();
    const run = this.deliver(delivery).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
    return delivery;
  }

  get deliveries(): readonly Delivery[] {
    return this.log;
  }

  /** Waits for deliveries in flight (tests), or aborts them when `abort` is set (shutdown). */
  async settle(abort = false): Promise<void> {
    if (abort) this.controller.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(delivery: Delivery): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (attempt > 0) await sleep(this.retryDelayMs, this.controller.signal);
      if (this.controller.signal.aborted) break;
      const status = await this.attempt(delivery);
      if (status !== null && !(status === 408 || status === 423 || status >= 500)) break;
    }
    delivery.done = true;
  }

  private async attempt(delivery: Delivery): Promise<number | null> {
    const body = new URLSearchParams(delivery.params).toString();
    const target = delivery.method === "GET" ? appendQuery(delivery.url, body) : delivery.url;
    const at = new Date().toISOString();
    try {
      const response = await fetch(target, {
        method: delivery.method,
        headers: {
          "kore-idempotency-token": delivery.id,
          "User-Agent": "KORE-Sandbox-Callbacks/1.0",
          ...(delivery.method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
        },
        body: delivery.method === "POST" ? body : undefined,
        signal: AbortSignal.any([AbortSignal.timeout(15_000), this.controller.signal]),
        redirect: "manual",
      });
      await response.arrayBuffer().catch(() => undefined);
      delivery.attempts.push({ at, status: response.status });
      return response.status;
    } catch (error) {
      delivery.attempts.push({
        at,
        status: null,
        error: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
  }
}

function appendQuery(url: string, query: string): string {
  return query ? `${url}${url.includes("?") ? "&" : "?"}${query}` : url;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
