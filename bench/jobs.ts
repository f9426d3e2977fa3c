/**
 * Bulk jobs and the SIM export, measured in-process on the server side (no browser, no Next):
 *
 * 1. A 10,000-SIM suspend job, the runner set to JOB_RATE requests/s (50) against a sandbox whose
 *    own rate limit is set to that same rate (`rateLimitPerSecond`, a token bucket: more and it
 *    answers 429), with 10 % 429 and 10 % 503 injected at random on top. Reported:
 *    - requests/s achieved / configured: every request the runner sent (writes and check reads,
 *      refused or not) per second of the job, over JOB_RATE. Goal ≥ 0.9: the pace holds the rate it
 *      was given and does not take random 429s for a limit.
 *    - SIM changes/s / configured: SIMs suspended per second over the same JOB_RATE. It is lower by
 *      design, and says what a user sees: a fifth of the requests are refused or fail at random and
 *      each 503 costs a check read, so a SIM takes about 1.4 requests and the ceiling is ≈ 0.7.
 *    - the pace's allowed rate (time average) and the share of time no request waited on it: when
 *      the achieved rate falls short while the pace allowed the full rate, the runner was held back
 *      (on a busy machine: PGlite and the in-process sandbox share one starved event loop);
 *    - 0 failed items, 0 lost and 0 duplicated updates, counted on the sandbox's side (the updates it
 *      APPLIED per SIM, lib/jobs/testing/job-harness.ts) and checked in its final state.
 * 2. A 1,000-SIM job at the same configured rate against a sandbox limited to half of it, no random
 *    faults: the pace has to find the limit. Reported: requests/s sent / the sandbox's limit (about
 *    1.3-1.4: a share of 429s under the pace's tolerance is taken as noise, see lib/jobs/pace.ts),
 *    the share of requests the limit refused (about a quarter) and SIM changes/s / the limit (≈ 1:
 *    the SIMs still change as fast as the limit allows).
 * 3. A 100,000-SIM CSV export through the same stream the route serves: time, and the peak growth
 *    of this process's memory while it runs, goal ≤ 150 MB. The sandbox for it runs in a child
 *    process so only the console side is measured.
 *
 * The console started by bench/run.ts is not used (the suite is registered without one there):
 * in-process numbers isolate the runner and the stream from page rendering and HTTP to the browser.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { JobHarness } from "../lib/jobs/testing/job-harness";
import type { BenchFigure, BenchSuite } from "./types";

const JOB_SIMS = Number(process.env.BENCH_JOB_SIMS ?? 10_000);
/** SIMs of the job run against a sandbox limited below the configured rate. */
const LIMITED_JOB_SIMS = Number(process.env.BENCH_LIMITED_JOB_SIMS ?? 1_000);
/**
 * Requests per second the runner is configured for. The console's default is 20; 50 leaves room
 * for the audit trail on the embedded database (PGlite), which costs a few ms per SIM.
 */
const JOB_RATE = Number(process.env.BENCH_JOB_RATE ?? 50);
const JOB_CONCURRENCY = 16;
const EXPORT_SIMS = Number(process.env.BENCH_EXPORT_SIMS ?? 100_000);

function allowServerOnlyImports() {
  const require = createRequire(import.meta.url);
  const marker = require.resolve("server-only");
  require.cache[marker] ??= { id: marker, filename: marker, loaded: true, exports: {} } as NodeJS.Module;
}

type JobRun = {
  sids: string[];
  /** The sandbox's settings while the job runs (reset afterwards). */
  faults: { rateLimitPerSecond: number; rate429?: number; rate503?: number };
};

async function runJob(h: JobHarness, run: JobRun) {
  const [{ simsInStatus, waitForJob }, { createJobPreview }, { createJobRunner }, { createPace }, store] =
    await Promise.all([
      import("../lib/jobs/testing/job-harness"),
      import("../lib/jobs/preview"),
      import("../lib/jobs/runner"),
      import("../lib/jobs/pace"),
      import("../lib/jobs/store"),
    ]);
  const jobId = await createJobPreview(
    { db: h.db, kore: h.kore, resetCooldownSeconds: 0, creator: h.creator },
    { spec: { action: "suspend" }, selection: { kind: "list", text: run.sids.join("\n") } },
  );
  await store.confirmDraft(h.db, jobId, "benchmark");
  const faults = h.sandbox.sandbox.faults;
  const before = { ...faults.counters };
  faults.apply(run.faults);
  // The runner's own pace, watched: what rate it allowed over the job, and how often no request
  // was waiting for it (then the runner, not the pace, held the rate back: database work, event
  // loop delays on a busy machine, or the last items of the job waiting out their backoff).
  const pace = createPace({ ratePerSecond: JOB_RATE });
  let waiting = 0;
  const watch = { samples: 0, allowed: 0, idle: 0 };
  const runner = createJobRunner({
    db: h.db,
    kore: h.runnerKore,
    concurrency: JOB_CONCURRENCY,
    ratePerSecond: JOB_RATE,
    idlePollMs: 100,
    retryBaseMs: 500,
    statusCallbackUrl: () => null,
    log: () => {},
    pace: {
      ...pace,
      currentRate: () => pace.currentRate(),
      accepted: () => pace.accepted(),
      throttled: (retryAfterMs) => pace.throttled(retryAfterMs),
      acquire: async (signal) => {
        waiting++;
        try {
          await pace.acquire(signal);
        } finally {
          waiting--;
        }
      },
    },
  });
  const sampler = setInterval(() => {
    watch.samples++;
    watch.allowed += pace.currentRate();
    if (waiting === 0) watch.idle++;
  }, 50);
  const started = performance.now();
  runner.start();
  await waitForJob(h.db, jobId, 30 * 60_000);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await runner.stop();
  faults.apply({ reset: true });

  const counts = (await store.itemCounts(h.db, [jobId])).get(jobId);
  h.sandbox.clock.advance(60_000);
  const suspended = new Set((await simsInStatus(h.kore, "suspended")).map((s) => s.sid));
  return {
    seconds,
    requests: runner.stats.sent + runner.stats.reads,
    stats: { ...runner.stats },
    counts,
    lost: run.sids.filter((sid) => !suspended.has(sid) || (h.applied.get(sid) ?? 0) === 0).length,
    duplicated: run.sids.filter((sid) => (h.applied.get(sid) ?? 0) > 1).length,
    refusedByLimit: faults.counters.rateLimited - before.rateLimited,
    paceAllowed: watch.allowed / Math.max(1, watch.samples) / JOB_RATE,
    paceIdle: watch.idle / Math.max(1, watch.samples),
  };
}

function exactlyOnceFigures(label: string, r: Awaited<ReturnType<typeof runJob>>): BenchFigure[] {
  return [
    {
      name: `${label}: failed items`,
      value: r.counts?.failed ?? -1,
      unit: "SIMs",
      goal: "0",
      ok: r.counts?.failed === 0,
    },
    { name: `${label}: lost updates`, value: r.lost, unit: "SIMs", goal: "0", ok: r.lost === 0 },
    {
      name: `${label}: duplicated updates`,
      value: r.duplicated,
      unit: "SIMs",
      goal: "0",
      ok: r.duplicated === 0,
    },
  ];
}

async function jobFigures(): Promise<BenchFigure[]> {
  const { openJobHarness, simsInStatus } = await import("../lib/jobs/testing/job-harness");
  // The parent account sees a little over half of the fleet, about 60 % of it active.
  const h = await openJobHarness({ sims: Math.ceil((JOB_SIMS + LIMITED_JOB_SIMS) / 0.35), seed: 3 });
  const figures: BenchFigure[] = [];
  try {
    const active = (await simsInStatus(h.kore, "active")).map((s) => s.sid);
    if (active.length < JOB_SIMS + LIMITED_JOB_SIMS)
      throw new Error(`only ${active.length} active SIMs in the sandbox`);

    const sims = (n: number) => n.toLocaleString("en-US");
    const main = await runJob(h, {
      sids: active.slice(0, JOB_SIMS),
      faults: { rateLimitPerSecond: JOB_RATE, rate429: 0.1, rate503: 0.1 },
    });
    const label = `Job of ${sims(JOB_SIMS)} at ${JOB_RATE}/s (limit ${JOB_RATE}/s, 10% 429+503)`;
    const requestRatio = main.requests / main.seconds / JOB_RATE;
    const changeRatio = (main.counts?.succeeded ?? 0) / main.seconds / JOB_RATE;
    figures.push(
      {
        name: `${label}: req/s achieved / configured`,
        value: requestRatio,
        unit: "×",
        goal: "≥ 0.9",
        ok: requestRatio >= 0.9,
      },
      { name: `${label}: SIM changes/s / configured`, value: changeRatio, unit: "×" },
      { name: `${label}: time`, value: main.seconds, unit: "s" },
      { name: `${label}: requests (writes + check reads)`, value: main.requests, unit: "req" },
      {
        name: `${label}: requests per SIM change`,
        value: main.requests / Math.max(1, main.counts?.succeeded ?? 0),
        unit: "req",
      },
      { name: `${label}: pace's allowed rate / configured`, value: main.paceAllowed, unit: "×" },
      { name: `${label}: time no request waited on the pace`, value: 100 * main.paceIdle, unit: "%" },
      { name: `${label}: 429s absorbed`, value: main.stats.throttled, unit: "" },
      { name: `${label}: 429s from the sandbox's limit`, value: main.refusedByLimit, unit: "" },
      { name: `${label}: transient failures retried`, value: main.stats.transient, unit: "" },
      ...exactlyOnceFigures(label, main),
    );

    const limit = JOB_RATE / 2;
    const limited = await runJob(h, {
      sids: active.slice(JOB_SIMS, JOB_SIMS + LIMITED_JOB_SIMS),
      faults: { rateLimitPerSecond: limit },
    });
    const limitedLabel = `Job of ${sims(LIMITED_JOB_SIMS)} at ${JOB_RATE}/s (limit ${limit}/s)`;
    figures.push(
      {
        name: `${limitedLabel}: req/s sent / limit`,
        value: limited.requests / limited.seconds / limit,
        unit: "×",
      },
      {
        name: `${limitedLabel}: SIM changes/s / limit`,
        value: (limited.counts?.succeeded ?? 0) / limited.seconds / limit,
        unit: "×",
      },
      { name: `${limitedLabel}: time`, value: limited.seconds, unit: "s" },
      {
        name: `${limitedLabel}: requests refused`,
        value: (100 * limited.refusedByLimit) / limited.requests,
        unit: "%",
      },
      ...exactlyOnceFigures(limitedLabel, limited),
    );
  } finally {
    await h.close();
  }
  return figures;
}

/** A sandbox in a child process (this same file, see the bottom), so its memory is not ours. */
async function startChildSandbox(sims: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const root = path.resolve(import.meta.dirname, "..");
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), fileURLToPath(import.meta.url)],
    {
      cwd: root,
      env: { ...process.env, BENCH_JOBS_SANDBOX_CHILD: String(sims) },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /SANDBOX_URL=(\S+)/.exec(buffer);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`sandbox child exited with ${code}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

async function exportFigures(): Promise<BenchFigure[]> {
  const [{ createKoreClient }, { createSimExportStream }] = await Promise.all([
    import("../lib/kore/client"),
    import("../lib/jobs/sim-export"),
  ]);
  // The parent account sees a little over half of the fleet.
  const sandbox = await startChildSandbox(Math.ceil(EXPORT_SIMS / 0.5));
  try {
    const kore = createKoreClient({
      clientId: "sandbox-parent-client",
      clientSecret: "sandbox-parent-secret",
      tokenUrl: `${sandbox.url}/api-services/v1/auth/token`,
      wirelessBaseUrl: sandbox.url,
      monitorBaseUrl: sandbox.url,
      iamBaseUrl: sandbox.url,
      timeoutMs: 60_000,
    });
    const plans = await kore.listRatePlans();
    const names = new Map(plans.map((p) => [p.sid, p.friendlyName ?? p.sid]));
    // Warm the client (token, module code) so the baseline is the steady state.
    await kore.listSimsPage({ pageSize: 10 });
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    const stream = await createSimExportStream(kore, {}, names);
    let rows = -1;
    let bytes = 0;
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (;;) {
      const { value: chunk, done } = await reader.read();
      if (done) break;
      bytes += chunk.byteLength;
      const text = decoder.decode(chunk, { stream: true });
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) rows++;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const growthMb = (peak - baseline) / 1024 / 1024;
    return [
      {
        name: `CSV export: SIMs exported`,
        value: rows,
        unit: "rows",
        goal: `≥ ${EXPORT_SIMS}`,
        ok: rows >= EXPORT_SIMS,
      },
      { name: "CSV export: time", value: seconds, unit: "s" },
      { name: "CSV export: throughput", value: rows / seconds, unit: "rows/s" },
      { name: "CSV export: size", value: bytes / 1024 / 1024, unit: "MB" },
      {
        name: "CSV export: peak memory growth (RSS)",
        value: growthMb,
        unit: "MB",
        goal: "≤ 150",
        ok: growthMb <= 150,
      },
    ];
  } finally {
    await sandbox.stop();
  }
}

export const suite: BenchSuite = {
  name: "Bulk jobs and CSV export (in-process runner and stream against the sandbox)",
  async run() {
    allowServerOnlyImports();
    const only = process.env.BENCH_JOBS_ONLY;
    return [
      ...(only === "export" ? [] : await jobFigures()),
      ...(only === "job" ? [] : await exportFigures()),
    ];
  },
};

// Child mode: serve a sandbox of N SIMs and print its URL.
if (process.env.BENCH_JOBS_SANDBOX_CHILD) {
  const sims = Number(process.env.BENCH_JOBS_SANDBOX_CHILD);
  void import("../lib/sandbox/server").then(async ({ startSandbox }) => {
    const sandbox = await startSandbox({ port: 0, host: "127.0.0.1", sims, seed: 5, latencyMs: 0 });
    process.stdout.write(`SANDBOX_URL=${sandbox.url}\n`);
    process.on("SIGTERM", () => {
      void sandbox.close().then(() => process.exit(0));
    });
  });
}
