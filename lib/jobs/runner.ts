/**
 * The job runner: takes pending items from the database and changes their SIMs upstream, with at
 * most `concurrency` SIMs in hand and requests paced at `ratePerSecond` (lib/jobs/pace.ts).
 *
 * Exactly once, across crashes. A change is never sent twice without first reading the SIM:
 * - claiming an item records `sent_at` and its pending audit entry before any request for it
 *   leaves (lib/jobs/store.ts `claimItems`, then `withAuditEntries` below);
 * - a 429 is refused before any work (sim-api.md §14.4): the item waits its Retry-After, the pace
 *   slows, and it is sent again as if for the first time (it does not count as a failure);
 * - a 5xx, a timeout or a lost connection after a write leaves the outcome unknown: the item is
 *   requeued with `needs_check`, and its next attempt GETs the SIM. If the SIM already shows the
 *   target (lib/jobs/eligibility.ts `targetReached`) the item succeeded; if it is still
 *   `updating` the runner waits and reads again; otherwise the change is sent again. Only failed
 *   writes count towards `maxTransientFailures`; a failed check read is retried without counting;
 * - an item still `running` when its runner died (lease expired) goes the same way: requeued with
 *   `needs_check`, since its request may have left.
 * A reset leaves no lasting trace upstream, so one whose reset had already finished when it was
 * checked would be sent again: at worst one extra reconnect, in the window of a crash.
 *
 * Each SIM change is ONE audit entry (job id, SIM, before → after, reason, the person who
 * confirmed the job), begun before the first send and completed with the final outcome.
 *
 * Database work is batched because on PGlite every statement costs: items are claimed a few at a
 * time, finished items are written together every few milliseconds, and a job's status is read
 * at most every 250 ms (cancel takes effect within that, or at once through `wake()`).
 *
 * The KORE client given here must not retry on its own (`retry: { maxAttempts: 1 }`), so that a
 * 429 slows the whole job instead of one request sleeping inside the client.
 */
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { beginAuditEntry, completeAuditEntry } from "@/lib/audit/writer";
import type { Db } from "@/lib/db/client";
import { isKoreError } from "@/lib/kore/errors";
import { isTransientSimStatus } from "@/lib/kore/sim-status";
import type { SimsApi } from "@/lib/kore/sims";
import { checkEligibility, targetReached } from "./eligibility";
import { type JobSpec, jobSpecSchema } from "./job-spec";
import { createPace, type Pace } from "./pace";
import { JOB_AUDIT_ACTIONS, simUpdateFor } from "./sim-change";
import {
  activeJobs,
  CANCELED_SKIP_REASON,
  claimItems,
  completeAuditEntriesOk,
  completeIfDone,
  deleteStaleDrafts,
  finishItems,
  type ItemFinish,
  type ItemOutcome,
  type JobItemRow,
  type JobRow,
  jobStatus,
  nextDueAt,
  reclaimExpired,
  renewLeases,
  requeueItem,
  setAuditEntries,
} from "./store";

export type JobRunnerOptions = {
  db: Db;
  kore: Pick<SimsApi, "getSim" | "updateSim">;
  concurrency: number;
  ratePerSecond: number;
  runnerId?: string;
  /** How long a claimed item stays ours without renewal; a dead runner's items wait this long. */
  leaseMs?: number;
  /** How often an idle runner looks for new jobs (it is also woken when one is confirmed). */
  idlePollMs?: number;
  /**
   * Failed writes (5xx, timeouts, conflicts) one item may meet before it is marked failed. A check
   * read that fails does not count: reading is harmless, and counting it would double the odds of
   * giving up on a SIM whose outcome is unknown (see `checkFailed`).
   */
  maxTransientFailures?: number;
  /** First retry delay after a transient failure; doubles each time. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How long to wait before reading again a SIM that is still `updating`/`scheduled`. */
  settleMs?: number;
  /** `CallbackUrl` for asynchronous changes (lib/webhooks/callback-url.ts), or null for none. */
  statusCallbackUrl?: () => string | null;
  pace?: Pace;
  random?: () => number;
  log?: (message: string, error?: unknown) => void;
};

export type JobRunner = {
  start(): void;
  /**
   * Stops taking items and aborts requests in flight. Graceful (default): items in hand go back
   * to the queue (checked first if their request had left). `abandon: true` behaves like a crash:
   * nothing more is written, and the items stay `running` until their lease expires.
   */
  stop(options?: { abandon?: boolean }): Promise<void>;
  /** Something changed (a job was confirmed, canceled or retried): look again now. */
  wake(): void;
  readonly running: boolean;
  readonly pace: Pace;
  /** Requests sent (writes, check reads), 429s absorbed, transient failures retried (of them, check reads). */
  readonly stats: { sent: number; reads: number; throttled: number; transient: number; checkRetries: number };
};

type LoadedJob = { row: JobRow; spec: JobSpec };
type Finished = ItemFinish & { jobId: string; auditEntryId: string | null };

const DRAFT_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * An item claimed this many times is given up on when its SIM is still transitional or its check
 * read still fails: the bound for the waits that do not count as failed writes.
 */
const MAX_ATTEMPTS = 60;
/** How long a job's status (canceled or not) is trusted before it is read again. */
const STATUS_TTL_MS = 250;
/** Finished items are written together every this often (or when this many are waiting). */
const FLUSH_MS = 50;
const FLUSH_BATCH = 64;

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, kore } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const runnerId = options.runnerId ?? `runner-${randomUUID()}`;
  const leaseMs = options.leaseMs ?? 60_000;
  const idlePollMs = options.idlePollMs ?? 1000;
  // The 7 retries between 8 failed writes wait 45 to 90 s in all (delays below): an outage longer
  // than that fails the item, while at 10 % random 5xx an item gives up with odds of (1/9)^8 ≈ 2e-8.
  const maxTransient = options.maxTransientFailures ?? 8;
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const retryMaxMs = options.retryMaxMs ?? 30_000;
  const settleMs = options.settleMs ?? 3000;
  const random = options.random ?? Math.random;
  const log = options.log ?? ((message, error) => console.error(`[jobs] ${message}`, error ?? ""));
  const pace = options.pace ?? createPace({ ratePerSecond: options.ratePerSecond });

  const inFlight = new Map<number, { jobId: string; promise: Promise<void> }>();
  const stats = { sent: 0, reads: 0, throttled: 0, transient: 0, checkRetries: 0 };
  const loaded = new Map<string, LoadedJob>();
  const statuses = new Map<string, { status: string | null; at: number }>();
  const finished: Finished[] = [];
  let active: { rows: JobRow[]; at: number } | null = null;
  let abort = new AbortController();
  let running = false;
  let dead = false;
  let loopDone: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let flushing: Promise<void> = Promise.resolve();

  function wake() {
    active = null;
    statuses.clear();
    poke();
  }

  function poke() {
    wakeUp?.();
  }

  function waitForWake(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        if (wakeUp === done) wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function loop() {
    let lastReclaim = -Infinity;
    let lastRenew = Date.now();
    let lastCleanup = -Infinity;
    while (running) {
      try {
        const t = Date.now();
        if (t - lastReclaim >= Math.min(leaseMs / 2, 10_000)) {
          lastReclaim = t;
          if ((await reclaimExpired(db, new Date(t))) > 0) active = null;
        }
        if (inFlight.size > 0 && t - lastRenew >= leaseMs / 3) {
          lastRenew = t;
          await renewLeases(db, runnerId, new Date(t), leaseMs);
        }
        if (t - lastCleanup >= 60 * 60_000) {
          lastCleanup = t;
          await deleteStaleDrafts(db, new Date(t - DRAFT_TTL_MS));
        }

        let claimed = 0;
        let nextDue = Number.POSITIVE_INFINITY;
        if (inFlight.size < concurrency) {
          if (!active || Date.now() - active.at > idlePollMs)
            active = { rows: await activeJobs(db), at: Date.now() };
          for (const row of active.rows) {
            if (!running) break;
            const free = concurrency - inFlight.size;
            if (free <= 0) break;
            const job = loadJob(row);
            if (!job) continue;
            const items = await claimItems(db, {
              jobId: row.id,
              runnerId,
              limit: free,
              now: new Date(),
              leaseMs,
              startJob: row.status === "queued",
            });
            if (items.length > 0) row.status = "running";
            claimed += items.length;
            for (const item of await withAuditEntries(job, items)) launch(job, item);
            if (items.length === 0 && !hasWork(row.id)) {
              await flushing;
              if (await completeIfDone(db, row.id, new Date())) {
                loaded.delete(row.id);
                active = null;
                continue;
              }
              const due = await nextDueAt(db, row.id);
              if (due) nextDue = Math.min(nextDue, due.getTime());
            }
          }
        }
        if (claimed > 0 && inFlight.size < concurrency) continue;
        const until = Math.min(idlePollMs, nextDue - Date.now());
        await waitForWake(inFlight.size >= concurrency ? idlePollMs : until);
      } catch (error) {
        if (!running) break;
        log("runner loop failed; trying again in a second", error);
        await waitForWake(1000);
      }
    }
  }

  /** In hand, or finished but not yet written. */
  function hasWork(jobId: string): boolean {
    for (const entry of inFlight.values()) if (entry.jobId === jobId) return true;
    return finished.some((f) => f.jobId === jobId);
  }

  function loadJob(row: JobRow): LoadedJob | null {
    const cached = loaded.get(row.id);
    if (cached) {
      cached.row = row;
      return cached;
    }
    const parsed = jobSpecSchema.safeParse(row.params);
    if (!parsed.success) {
      log(`job ${row.id} has parameters this console cannot read; it is left alone`);
      return null;
    }
    const job = { row, spec: parsed.data };
    loaded.set(row.id, job);
    return job;
  }

  /**
   * One audit entry per SIM change, begun before its first request leaves: for a claimed batch the
   * entries are written first, then linked to their items in one statement, so a resumed item
   * completes the entry it already has instead of starting another.
   */
  async function withAuditEntries(job: LoadedJob, items: JobItemRow[]): Promise<JobItemRow[]> {
    const out = await Promise.all(
      items.map(async (item) => {
        if (item.auditEntryId) return item;
        const entry = await beginAuditEntry(db, {
          requestId: `job:${job.row.id}`,
          actor: { id: job.row.createdById, email: job.row.createdByEmail, role: job.row.createdByRole },
          action: JOB_AUDIT_ACTIONS[job.spec.action],
          simSid: item.simSid,
          jobId: job.row.id,
          changes: auditChanges(item),
          reason: job.row.reason,
        });
        return { ...item, auditEntryId: entry.id };
      }),
    );
    await setAuditEntries(
      db,
      out.flatMap((item, i) =>
        item.auditEntryId && !items[i]?.auditEntryId
          ? [{ id: item.id, auditEntryId: item.auditEntryId }]
          : [],
      ),
    );
    return out;
  }

  function launch(job: LoadedJob, item: JobItemRow) {
    const promise = processItem(job, item)
      .catch((error) => {
        // A database failure mid-item: the item stays `running` and its lease brings it back.
        if (!dead) log(`item ${item.id} of job ${job.row.id} could not be recorded`, error);
      })
      .finally(() => {
        inFlight.delete(item.id);
        // Claiming is a query: refill when a few slots are free rather than one by one.
        if (concurrency - inFlight.size >= Math.max(1, Math.floor(concurrency / 4)) || inFlight.size === 0)
          poke();
      });
    inFlight.set(item.id, { jobId: job.row.id, promise });
  }

  async function processItem(job: LoadedJob, item: JobItemRow): Promise<void> {
    const { spec } = job;
    const signal = abort.signal;

    if (await isCanceled(job.row.id)) return finishCanceled(item);

    if (item.needsCheck) {
      await pace.acquire(signal).catch(() => {});
      if (!running) return release(item);
      stats.reads++;
      let sim: Awaited<ReturnType<typeof kore.getSim>>;
      try {
        sim = await kore.getSim(item.simSid, { signal });
      } catch (error) {
        answered(error);
        // Moved SIMs leave this account's view: not found after a move we sent means it arrived.
        if (spec.action === "move" && isKoreError(error) && error.code === 20404) return succeed(item);
        return checkFailed(item, error);
      }
      pace.accepted();
      if (dead) return;
      if (targetReached(spec, sim, item.before)) return succeed(item);
      if (isTransientSimStatus(sim.status)) {
        if (item.attempts >= MAX_ATTEMPTS) {
          return finish(item, {
            status: "failed",
            errorCode: "unsettled",
            errorMessage: "The SIM stayed in a transitional status; check it and retry.",
          });
        }
        return requeue(item, { delayMs: settleMs, needsCheck: true, countsAsFailure: false });
      }
      const now = checkEligibility(spec, sim);
      if (!now.eligible) return finish(item, { status: "skipped", skipReason: now.reason });
    }

    await pace.acquire(signal).catch(() => {});
    if (!running) return release(item);
    // Checked again after the wait: cancel stops every request that has not left yet.
    if (await isCanceled(job.row.id)) return finishCanceled(item);
    if (dead) return;

    stats.sent++;
    try {
      await kore.updateSim(item.simSid, simUpdateFor(spec, options.statusCallbackUrl?.() ?? null), {
        signal,
      });
    } catch (error) {
      answered(error);
      return failed(item, error, { sent: true });
    }
    pace.accepted();
    return succeed(item);
  }

  /** Tells the pace the upstream let a request through when it answered with anything but 429. */
  function answered(error: unknown) {
    if (isKoreError(error) && error.httpStatus !== null && !isThrottle(error)) pace.accepted();
  }

  /**
   * The check read before a resend failed. A transient failure here is retried like a failed write
   * (same backoff) but does not use up the item's failures: the read changes nothing upstream, and
   * under 10 % 503 an item needing a check would otherwise meet two chances to fail per attempt
   * (read, then write) and run out of failures about twice as often. It stays bounded by
   * MAX_ATTEMPTS.
   */
  async function checkFailed(item: JobItemRow, error: unknown) {
    if (dead) return;
    const transient = isKoreError(error) ? error.retryable && !isThrottle(error) : true;
    const aborted = isKoreError(error) && error.code === "aborted";
    if (!running || aborted || !transient || item.attempts >= MAX_ATTEMPTS) {
      return failed(item, error, { sent: false });
    }
    stats.transient++;
    stats.checkRetries++;
    if (!isKoreError(error)) log(`item ${item.id}: unexpected error on its check read, will retry`, error);
    return requeue(item, {
      delayMs: retryDelay(item.transientFailures + 1),
      needsCheck: true,
      countsAsFailure: false,
    });
  }

  async function isCanceled(jobId: string): Promise<boolean> {
    const cached = statuses.get(jobId);
    if (cached && Date.now() - cached.at < STATUS_TTL_MS) return cached.status === "canceled";
    const status = await jobStatus(db, jobId);
    statuses.set(jobId, { status, at: Date.now() });
    return status === "canceled";
  }

  async function succeed(item: JobItemRow) {
    await finish(item, { status: "succeeded" });
  }

  async function finishCanceled(item: JobItemRow) {
    const reason = item.needsCheck
      ? `${CANCELED_SKIP_REASON} An earlier attempt may have reached KORE; check this SIM.`
      : CANCELED_SKIP_REASON;
    await finish(item, { status: "skipped", skipReason: reason });
  }

  async function finish(item: JobItemRow, outcome: ItemOutcome) {
    if (dead) return;
    finished.push({ id: item.id, outcome, jobId: item.jobId, auditEntryId: item.auditEntryId });
    if (finished.length >= FLUSH_BATCH) void flush();
    else flushTimer ??= setTimeout(() => void flush(), FLUSH_MS);
  }

  /** Writes the buffered outcomes: the items in one statement, then their audit entries. */
  function flush(): Promise<void> {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    const batch = finished.splice(0);
    if (batch.length === 0 || dead) return flushing;
    flushing = flushing.then(async () => {
      try {
        const recorded = new Set(await finishItems(db, runnerId, batch, new Date()));
        const done = batch.filter((f) => recorded.has(f.id) && f.auditEntryId);
        const ok = done.filter((f) => f.outcome.status === "succeeded");
        await completeAuditEntriesOk(
          db,
          ok.map((f) => f.auditEntryId as string),
          new Date(),
        );
        for (const f of done) {
          if (f.outcome.status === "succeeded") continue;
          await completeAuditEntry(
            db,
            f.auditEntryId as string,
            f.outcome.status === "failed"
              ? { ok: false, code: f.outcome.errorCode, message: f.outcome.errorMessage }
              : { ok: false, code: "canceled", message: f.outcome.skipReason },
          );
        }
      } catch (error) {
        // The items stay `running`; their lease brings them back, checked before any resend.
        if (!dead) log("recording finished items failed", error);
      }
      poke();
    });
    return flushing;
  }

  async function failed(item: JobItemRow, error: unknown, context: { sent: boolean }) {
    if (dead) return;
    const mayHaveArrived = item.needsCheck || context.sent;
    if (!running || (isKoreError(error) && error.code === "aborted")) {
      return requeue(item, { delayMs: 0, needsCheck: mayHaveArrived, countsAsFailure: false });
    }
    if (isKoreError(error) && isThrottle(error)) {
      stats.throttled++;
      pace.throttled(error.retryAfterMs);
      // Refused before any work: the send did not happen, so no check is needed for it.
      return requeue(item, {
        delayMs: Math.max(error.retryAfterMs ?? 0, retryDelay(0)),
        needsCheck: item.needsCheck,
        countsAsFailure: false,
      });
    }
    const transient = isKoreError(error) ? error.retryable || error.code === 33010 : true;
    if (transient && item.transientFailures + 1 < maxTransient) {
      stats.transient++;
      if (!isKoreError(error)) log(`item ${item.id}: unexpected error, will retry`, error);
      return requeue(item, {
        delayMs: retryDelay(item.transientFailures + 1),
        needsCheck: mayHaveArrived,
        countsAsFailure: true,
        lastError: isKoreError(error) ? { code: String(error.code), message: error.userMessage } : undefined,
      });
    }
    const code = isKoreError(error) ? String(error.code) : "internal_error";
    const message = isKoreError(error)
      ? error.userMessage
      : "Something went wrong in the console while changing this SIM. Retry it.";
    await finish(item, { status: "failed", errorCode: code, errorMessage: message });
  }

  async function requeue(
    item: JobItemRow,
    change: {
      delayMs: number;
      needsCheck: boolean;
      countsAsFailure: boolean;
      lastError?: { code: string; message: string };
    },
  ) {
    if (dead) return;
    const now = new Date();
    await requeueItem(
      db,
      item,
      runnerId,
      {
        notBefore: new Date(now.getTime() + change.delayMs),
        needsCheck: change.needsCheck,
        countsAsFailure: change.countsAsFailure,
        lastError: change.lastError,
      },
      now,
    );
    // A due item elsewhere in the queue may be waiting for this slot's claim.
    active = null;
  }

  /** Stopping before anything was sent: the item goes back as it was. */
  async function release(item: JobItemRow) {
    await requeue(item, { delayMs: 0, needsCheck: item.needsCheck, countsAsFailure: false });
  }

  function retryDelay(failures: number): number {
    const ceiling = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.max(0, failures - 1));
    // Half fixed, half jitter: spread out, but never hammering straight back.
    return Math.floor(ceiling / 2 + random() * (ceiling / 2));
  }

  return {
    start() {
      if (running) return;
      running = true;
      dead = false;
      abort = new AbortController();
      // Every item in hand (and its pace wait) listens to the one stop signal.
      setMaxListeners(0, abort.signal);
      loopDone = loop();
    },
    async stop(stopOptions = {}) {
      if (!running) return;
      running = false;
      if (stopOptions.abandon) dead = true;
      abort.abort(new Error("job runner stopping"));
      poke();
      await loopDone;
      await Promise.allSettled([...inFlight.values()].map((entry) => entry.promise));
      if (!dead) await flush();
      await flushing;
    },
    wake,
    get running() {
      return running;
    },
    pace,
    stats,
  };
}

function auditChanges(item: JobItemRow) {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [field, after] of Object.entries(item.after ?? {})) {
    changes[field] = { before: item.before?.[field] ?? null, after };
  }
  return changes;
}

function isThrottle(error: { httpStatus: number | null; code: unknown }): boolean {
  return error.httpStatus === 429 || error.code === 20429;
}
