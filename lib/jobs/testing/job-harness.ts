/**
 * Test-only: a sandbox on a random port, a fresh PGlite database and KORE clients pointed at it,
 * plus an exact count of the SIM updates the sandbox APPLIED (faults are decided before a request
 * is processed, so refused requests are not counted). That count is how tests prove "every SIM
 * changed exactly once" from the upstream's side rather than from the runner's own bookkeeping.
 */
import { createDb, type DbHandle } from "@/lib/db/client";
import { createKoreClient, type KoreClient } from "@/lib/kore/client";
import type { Sim } from "@/lib/kore/schemas";
import { type RunningSandbox, startSandbox } from "@/lib/sandbox/server";
import { getJob, itemCounts } from "../store";

export type JobHarness = {
  sandbox: RunningSandbox;
  db: DbHandle["db"];
  /** With the KORE client's own retries, as the preview uses it. */
  kore: KoreClient;
  /** Without retries, as the runner needs it. */
  runnerKore: KoreClient;
  /** Updates the sandbox applied, per SIM SID. */
  applied: Map<string, number>;
  creator: { id: string; email: string; role: string };
  close(): Promise<void>;
};

export async function openJobHarness(options: { sims: number; seed?: number }): Promise<JobHarness> {
  const sandbox = await startSandbox({
    port: 0,
    host: "127.0.0.1",
    sims: options.sims,
    seed: options.seed ?? 7,
  });
  const handle = await createDb({ kind: "pglite", dir: "memory://" });
  const upstream = {
    clientId: sandbox.settings.clientId,
    clientSecret: sandbox.settings.clientSecret,
    tokenUrl: `${sandbox.url}/api-services/v1/auth/token`,
    wirelessBaseUrl: sandbox.url,
    monitorBaseUrl: sandbox.url,
    iamBaseUrl: sandbox.url,
    timeoutMs: 10_000,
  };
  const kore = createKoreClient(upstream);
  const runnerKore = createKoreClient(upstream, { retry: { maxAttempts: 1 }, tokens: kore.http.tokens });

  const applied = new Map<string, number>();
  const lifecycle = sandbox.sandbox.lifecycle;
  const update = lifecycle.update.bind(lifecycle);
  lifecycle.update = (index, form, caller) => {
    update(index, form, caller);
    const sid = simSidAt(sandbox, index);
    applied.set(sid, (applied.get(sid) ?? 0) + 1);
  };

  return {
    sandbox,
    db: handle.db,
    kore,
    runnerKore,
    applied,
    creator: { id: "test-operator", email: "operator@test.example", role: "operator" },
    async close() {
      await sandbox.close();
      await handle.close();
    },
  };
}

function simSidAt(sandbox: RunningSandbox, index: number): string {
  const world = sandbox.world as unknown as { fleet: { identity: { simSid(index: number): string } } };
  return world.fleet.identity.simSid(index);
}

/** Every SIM of the account in one status. */
export async function simsInStatus(kore: KoreClient, status: string): Promise<Sim[]> {
  const out: Sim[] = [];
  for await (const page of kore.iterateSims({ status: status as "active", pageSize: 1000 }))
    out.push(...page.sims);
  return out;
}

/** Polls until the job is completed or canceled (or the time is up). */
export async function waitForJob(db: DbHandle["db"], jobId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(db, jobId);
    if (job && (job.status === "completed" || job.status === "canceled")) return job;
    if (Date.now() > deadline) {
      const counts = (await itemCounts(db, [jobId])).get(jobId);
      throw new Error(`job ${jobId} still ${job?.status} after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
