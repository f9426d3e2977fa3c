/**
 * The job runner of this console process, started once (instrumentation.ts) and woken by the
 * actions that queue work. It has its own KORE client: same credentials and token cache as the
 * rest of the console, but no retries of its own (the runner paces and retries per job, see
 * runner.ts) and its own concurrency cap, so a big job never starves the pages people are using.
 *
 * Kept on `globalThis` because Next may evaluate this module more than once per process; two
 * runners in one process would still be correct (claims are atomic) but would double the rate.
 */
import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/get-db";
import { createKoreClient } from "@/lib/kore/client";
import { getDefaultKoreHttp } from "@/lib/kore/instance";
import { simStatusCallbackUrl } from "@/lib/webhooks/callback-url";
import { createJobRunner, type JobRunner } from "./runner";

const KEY = Symbol.for("sim-console.jobs.runner");
type Holder = { [KEY]?: Promise<JobRunner> };

export function startJobRunner(): Promise<JobRunner> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => {
    const config = getConfig();
    const runner = createJobRunner({
      db: await getDb(),
      kore: createKoreClient(config.upstream, {
        retry: { maxAttempts: 1 },
        maxConcurrency: config.jobs.concurrency,
        tokens: getDefaultKoreHttp().tokens,
      }),
      concurrency: config.jobs.concurrency,
      ratePerSecond: config.jobs.ratePerSecond,
      statusCallbackUrl: () => {
        try {
          return simStatusCallbackUrl();
        } catch (error) {
          // Without a callback the change still happens; the timeline learns of it by polling.
          console.error("[jobs] no status callback URL:", error);
          return null;
        }
      },
    });
    runner.start();
    return runner;
  })();
  const starting = holder[KEY];
  starting.catch(() => {
    if (holder[KEY] === starting) holder[KEY] = undefined;
  });
  return starting;
}

/** Tells the runner there is work now (it also polls), starting it if this process has none yet. */
export function wakeJobRunner(): void {
  startJobRunner()
    .then((runner) => runner.wake())
    .catch((error) => console.error("[jobs] the job runner could not start:", error));
}
