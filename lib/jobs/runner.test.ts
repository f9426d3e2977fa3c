import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEntries } from "@/lib/db/schema/audit";
import { jobItems } from "@/lib/db/schema/jobs";
import type { JobSpec } from "./job-spec";
import { createPace } from "./pace";
import { createJobPreview } from "./preview";
import { createJobRunner, type JobRunnerOptions } from "./runner";
import { cancelJobRow, confirmDraft, getJob, itemCounts, listItemRows, retryFailedItems } from "./store";
import { type JobHarness, openJobHarness, simsInStatus, waitForJob, waitUntil } from "./testing/job-harness";

let h: JobHarness;
let active: string[] = [];

beforeAll(async () => {
  h = await openJobHarness({ sims: 6000 });
  active = (await simsInStatus(h.kore, "active")).map((s) => s.sid);
  expect(active.length).toBeGreaterThan(1950);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

function take(from: number, count: number) {
  return active.slice(from, from + count);
}

async function previewAndConfirm(spec: JobSpec, sids: string[]) {
  const id = await createJobPreview(
    { db: h.db, kore: h.kore, resetCooldownSeconds: 0, creator: h.creator },
    { spec, selection: { kind: "list", text: sids.join("\n") } },
  );
  expect(await confirmDraft(h.db, id, "integration test")).toBe(true);
  return id;
}

function runner(overrides: Partial<JobRunnerOptions> = {}) {
  return createJobRunner({
    db: h.db,
    kore: h.runnerKore,
    concurrency: 16,
    ratePerSecond: 1000,
    retryBaseMs: 100,
    retryMaxMs: 1000,
    settleMs: 300,
    idlePollMs: 100,
    statusCallbackUrl: () => null,
    log: () => {},
    ...overrides,
  });
}

function appliedCounts(sids: string[]) {
  const counts = sids.map((sid) => h.applied.get(sid) ?? 0);
  return { once: counts.filter((c) => c === 1).length, more: counts.filter((c) => c > 1).length };
}

async function statusesOf(sids: string[]) {
  // Let every asynchronous change settle on the sandbox's virtual clock first.
  h.sandbox.clock.advance(60_000);
  const want = new Set(sids);
  const byStatus = new Map<string, number>();
  for await (const page of h.kore.iterateSims({ pageSize: 1000 })) {
    for (const sim of page.sims) {
      if (want.has(sim.sid)) byStatus.set(sim.status, (byStatus.get(sim.status) ?? 0) + 1);
    }
  }
  return Object.fromEntries(byStatus);
}

describe("job runner against the sandbox", () => {
  it("suspends 1,000 SIMs under 10% 429 and 10% 503, each exactly once", async () => {
    const sids = take(0, 1000);
    const jobId = await previewAndConfirm({ action: "suspend" }, sids);
    h.sandbox.sandbox.faults.apply({ rate429: 0.1, rate503: 0.1 });
    // The job's own pace, watched: every answer the upstream gave reaches it.
    const pace = createPace({ ratePerSecond: 1000 });
    const answers = { accepted: 0, throttled: 0 };
    const r = runner({
      pace: {
        ...pace,
        acquire: (signal) => pace.acquire(signal),
        currentRate: () => pace.currentRate(),
        accepted: () => {
          answers.accepted++;
          pace.accepted();
        },
        throttled: (retryAfterMs) => {
          answers.throttled++;
          pace.throttled(retryAfterMs);
        },
      },
    });
    r.start();
    try {
      const job = await waitForJob(h.db, jobId, 90_000);
      expect(job.status).toBe("completed");
    } finally {
      await r.stop();
      h.sandbox.sandbox.faults.apply({ reset: true });
    }
    const counts = (await itemCounts(h.db, [jobId])).get(jobId);
    expect(counts).toEqual({ pending: 0, running: 0, succeeded: 1000, failed: 0, skipped: 0 });
    // The faults really happened, and were absorbed: by the runner's default failure budget, with
    // failed check reads (after a 503 on a write) retried without using it up.
    expect(r.stats.throttled).toBeGreaterThan(20);
    expect(r.stats.transient).toBeGreaterThan(20);
    expect(r.stats.checkRetries).toBeGreaterThan(0);
    expect(answers.throttled).toBe(r.stats.throttled);
    expect(answers.accepted + answers.throttled).toBe(r.stats.sent + r.stats.reads);
    // A tenth of the answers refused at random is noise, not a limit: the pace did not collapse
    // (it almost never cuts at all; a rare cut early on, from a small sample, costs at most half).
    expect(pace.currentRate()).toBeGreaterThan(500);
    // Upstream: every SIM applied exactly one update, and is suspended now.
    expect(appliedCounts(sids)).toEqual({ once: 1000, more: 0 });
    expect(await statusesOf(sids)).toEqual({ suspended: 1000 });
    // One audit entry per SIM change, tied to the job, completed ok.
    const entries = await h.db
      .select({ simSid: auditEntries.simSid, outcome: auditEntries.outcome })
      .from(auditEntries)
      .where(eq(auditEntries.jobId, jobId));
    expect(entries).toHaveLength(1000);
    expect(new Set(entries.map((e) => e.simSid)).size).toBe(1000);
    expect(entries.every((e) => e.outcome === "ok")).toBe(true);
    const [item] = await listItemRows(h.db, jobId, { limit: 1 });
    expect(item?.before).toEqual({ status: "active" });
    expect(item?.after).toEqual({ status: "suspended" });
  }, 120_000);

  it("resumes a job after its runner died mid-way, without repeating a SIM", async () => {
    const sids = take(1000, 600);
    const jobId = await previewAndConfirm({ action: "suspend" }, sids);
    const first = runner({ leaseMs: 400, ratePerSecond: 300, concurrency: 12 });
    first.start();
    await waitUntil(
      async () => ((await itemCounts(h.db, [jobId])).get(jobId)?.succeeded ?? 0) >= 150,
      30_000,
      "150 SIMs done",
    );
    await first.stop({ abandon: true });
    const midway = (await itemCounts(h.db, [jobId])).get(jobId);
    expect(midway?.succeeded).toBeLessThan(600);
    const orphaned = await h.db
      .select({ id: jobItems.id })
      .from(jobItems)
      .where(and(eq(jobItems.jobId, jobId), eq(jobItems.status, "running")));
    expect(orphaned.length).toBeGreaterThan(0);

    const second = runner({ leaseMs: 400 });
    second.start();
    try {
      expect((await waitForJob(h.db, jobId, 60_000)).status).toBe("completed");
    } finally {
      await second.stop();
    }
    expect((await itemCounts(h.db, [jobId])).get(jobId)).toMatchObject({ succeeded: 600, failed: 0 });
    expect(appliedCounts(sids)).toEqual({ once: 600, more: 0 });
    expect(await statusesOf(sids)).toEqual({ suspended: 600 });
    // The orphaned items were read before anything was sent again.
    expect(second.stats.reads).toBeGreaterThanOrEqual(orphaned.length);
  }, 120_000);

  it("sends nothing more once a job is canceled", async () => {
    const sids = take(1600, 300);
    const jobId = await previewAndConfirm({ action: "suspend" }, sids);
    const r = runner({ ratePerSecond: 40, concurrency: 4 });
    r.start();
    try {
      await waitUntil(() => r.stats.sent >= 20, 20_000, "20 requests");
      expect(await cancelJobRow(h.db, jobId, "admin@test.example")).toBe(true);
      // As the cancel action does: the runner of this process hears of it at once.
      r.wake();
      const sentAtCancel = r.stats.sent;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // At most the requests already past their last check (one per slot) may still leave.
      expect(r.stats.sent - sentAtCancel).toBeLessThanOrEqual(4);
      const afterGrace = r.stats.sent;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(r.stats.sent).toBe(afterGrace);
    } finally {
      await r.stop();
    }
    const job = await getJob(h.db, jobId);
    expect(job?.status).toBe("canceled");
    const counts = (await itemCounts(h.db, [jobId])).get(jobId);
    expect(counts?.pending).toBe(0);
    expect(counts?.running).toBe(0);
    expect((counts?.succeeded ?? 0) + (counts?.skipped ?? 0)).toBe(300);
    expect(counts?.skipped).toBeGreaterThan(200);
    const applied = sids.reduce((n, sid) => n + (h.applied.get(sid) ?? 0), 0);
    expect(applied).toBe(counts?.succeeded);
  }, 60_000);

  it("marks permanent refusals failed with the user-safe message, and Retry failed re-checks them", async () => {
    const sids = take(2000, 20);
    const jobId = await previewAndConfirm({ action: "suspend" }, sids);
    // After the preview, someone deactivates two of the SIMs: suspending them is refused (33105).
    const [a, b] = sids as [string, string];
    await h.kore.updateSim(a, { status: "deactivated" });
    await h.kore.updateSim(b, { status: "deactivated" });
    h.sandbox.clock.advance(60_000);
    const r = runner();
    r.start();
    try {
      await waitForJob(h.db, jobId, 30_000);
      const failed = await listItemRows(h.db, jobId, { statuses: ["failed"], limit: 10 });
      expect(failed.map((i) => i.simSid).sort()).toEqual([a, b].sort());
      expect(failed[0]?.errorCode).toBe("33105");
      expect(failed[0]?.errorMessage).toBe(
        "That status change is not allowed from the SIM's current status.",
      );
      const [entry] = await h.db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.jobId, jobId), eq(auditEntries.simSid, a)));
      expect(entry?.outcome).toBe("error");
      expect(entry?.errorCode).toBe("33105");

      // Retry failed: the SIM is read first, is no longer eligible, and is skipped with the reason.
      expect(await retryFailedItems(h.db, jobId)).toBe(2);
      r.wake();
      await waitForJob(h.db, jobId, 30_000);
    } finally {
      await r.stop();
    }
    const retried = await listItemRows(h.db, jobId, { statuses: ["skipped"], limit: 10 });
    expect(retried.map((i) => i.simSid).sort()).toEqual([a, b].sort());
    expect(retried[0]?.skipReason).toMatch(/Deactivated SIM cannot become Suspended/);
    expect((await itemCounts(h.db, [jobId])).get(jobId)).toMatchObject({
      succeeded: 18,
      failed: 0,
      skipped: 2,
    });
  }, 60_000);
});
