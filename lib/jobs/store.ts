/**
 * The jobs tables as the rest of lib/jobs sees them: create a previewed (draft) job, confirm,
 * cancel, retry its failures, read progress, and the runner's atomic claim of items.
 *
 * Claiming is one `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`: on PostgreSQL several
 * console instances can run jobs side by side without two of them taking the same SIM, and on
 * PGlite (one connection) it is simply atomic. A claimed item carries a lease; a runner renews its
 * leases while it works, so an item whose lease ran out belongs to a runner that died.
 */
import { and, asc, count, desc, eq, gt, inArray, isNotNull, lt, lte, or, sql } from "drizzle-orm";
import { type Db, queryRows } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema/audit";
import { type JobFieldValues, jobItems, jobs } from "@/lib/db/schema/jobs";

export type JobRow = typeof jobs.$inferSelect;
export type JobItemRow = typeof jobItems.$inferSelect;
export type JobItemStatus = JobItemRow["status"];

export type ItemCounts = Record<JobItemStatus, number>;

export type DraftItem = {
  simSid: string;
  iccid: string | null;
  name: string | null;
  eligible: boolean;
  skipReason?: string | null;
  before: JobFieldValues;
  after: JobFieldValues;
};

export type NewDraftJob = {
  creator: { id: string; email: string; role: string };
  action: string;
  params: Record<string, unknown>;
  selection: Record<string, unknown>;
  rejectedLines: { line: number; text: string; reason: string }[];
  items: DraftItem[];
};

const INSERT_BATCH = 1000;

export async function createDraftJob(db: Db, draft: NewDraftJob): Promise<string> {
  return db.transaction(async (tx) => {
    const [job] = await tx
      .insert(jobs)
      .values({
        createdById: draft.creator.id,
        createdByEmail: draft.creator.email,
        createdByRole: draft.creator.role,
        action: draft.action,
        params: draft.params,
        selection: draft.selection,
        rejectedLines: draft.rejectedLines,
        status: "draft",
        total: draft.items.length,
      })
      .returning({ id: jobs.id });
    if (!job) throw new Error("job insert returned no row");
    for (let start = 0; start < draft.items.length; start += INSERT_BATCH) {
      const batch = draft.items.slice(start, start + INSERT_BATCH);
      await tx.insert(jobItems).values(
        batch.map((item, i) => ({
          jobId: job.id,
          position: start + i,
          simSid: item.simSid,
          iccid: item.iccid,
          name: item.name,
          status: item.eligible ? ("pending" as const) : ("skipped" as const),
          skipReason: item.eligible ? null : (item.skipReason ?? null),
          before: item.before,
          after: item.after,
        })),
      );
    }
    return job.id;
  });
}

export async function getJob(db: Db, id: string): Promise<JobRow | null> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id)).limit(1);
  return row ?? null;
}

const ZERO_COUNTS: ItemCounts = { pending: 0, running: 0, succeeded: 0, failed: 0, skipped: 0 };

export async function itemCounts(db: Db, jobIds: string[]): Promise<Map<string, ItemCounts>> {
  const out = new Map<string, ItemCounts>(jobIds.map((id) => [id, { ...ZERO_COUNTS }]));
  if (jobIds.length === 0) return out;
  const rows = await db
    .select({ jobId: jobItems.jobId, status: jobItems.status, n: count() })
    .from(jobItems)
    .where(inArray(jobItems.jobId, jobIds))
    .groupBy(jobItems.jobId, jobItems.status);
  for (const row of rows) {
    const counts = out.get(row.jobId);
    if (counts) counts[row.status] = Number(row.n);
  }
  return out;
}

/** Items finished within the last `windowMs`, for the job's current rate. */
export async function recentlyFinished(db: Db, jobId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(jobItems)
    .where(and(eq(jobItems.jobId, jobId), gt(jobItems.finishedAt, since)));
  return Number(row?.n ?? 0);
}

export async function listJobRows(db: Db, options: { limit: number; before?: Date }): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(options.before ? lt(jobs.createdAt, options.before) : undefined)
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(options.limit);
}

export async function listItemRows(
  db: Db,
  jobId: string,
  options: { statuses?: JobItemStatus[]; afterPosition?: number; limit: number },
): Promise<JobItemRow[]> {
  return db
    .select()
    .from(jobItems)
    .where(
      and(
        eq(jobItems.jobId, jobId),
        options.statuses?.length ? inArray(jobItems.status, options.statuses) : undefined,
        options.afterPosition === undefined ? undefined : gt(jobItems.position, options.afterPosition),
      ),
    )
    .orderBy(asc(jobItems.position))
    .limit(options.limit);
}

/** draft → queued, with the reason. False when the job is no longer a draft. */
export async function confirmDraft(db: Db, id: string, reason: string): Promise<boolean> {
  const now = new Date();
  const rows = await db
    .update(jobs)
    .set({ status: "queued", reason, confirmedAt: now, updatedAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.status, "draft")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export const CANCELED_SKIP_REASON = "The job was canceled before this SIM was changed.";

/**
 * Stops a job: no item is claimed from it any more and its pending items are skipped. Items a
 * runner holds at this moment finish or are skipped by the runner's own check before it sends.
 */
export async function cancelJobRow(db: Db, id: string, byEmail: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const rows = await tx
      .update(jobs)
      .set({ status: "canceled", canceledAt: now, canceledByEmail: byEmail, updatedAt: now })
      .where(and(eq(jobs.id, id), inArray(jobs.status, ["draft", "queued", "running"])))
      .returning({ id: jobs.id });
    if (rows.length === 0) return false;
    await tx
      .update(jobItems)
      .set({ status: "skipped", skipReason: CANCELED_SKIP_REASON, finishedAt: now, updatedAt: now })
      .where(and(eq(jobItems.jobId, id), eq(jobItems.status, "pending")));
    return true;
  });
}

/** Puts a finished job's failed items back in the queue. Returns how many (0: nothing changed). */
export async function retryFailedItems(db: Db, id: string): Promise<number> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const items = await tx
      .update(jobItems)
      .set({
        status: "pending",
        errorCode: null,
        errorMessage: null,
        transientFailures: 0,
        notBefore: null,
        finishedAt: null,
        // A new attempt is a new change in the audit trail; the failed entry stays as it was.
        auditEntryId: null,
        updatedAt: now,
      })
      .where(
        and(
          eq(jobItems.jobId, id),
          eq(jobItems.status, "failed"),
          sql`exists (select 1 from ${jobs} where ${jobs.id} = ${id} and ${jobs.status} in ('completed', 'canceled'))`,
        ),
      )
      .returning({ id: jobItems.id });
    if (items.length > 0) {
      await tx
        .update(jobs)
        .set({ status: "queued", finishedAt: null, updatedAt: now })
        .where(eq(jobs.id, id));
    }
    return items.length;
  });
}

export async function deleteStaleDrafts(db: Db, olderThan: Date): Promise<void> {
  await db.delete(jobs).where(and(eq(jobs.status, "draft"), lt(jobs.createdAt, olderThan)));
}

// ----------------------------------------------------------------------------------------------
// The runner's side

/** Jobs with work to do, oldest confirmation first. */
export async function activeJobs(db: Db): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(inArray(jobs.status, ["queued", "running"]))
    .orderBy(asc(jobs.confirmedAt), asc(jobs.createdAt));
}

/** Claims up to `limit` due items of one job for `runnerId`; they come back `running`. */
export async function claimItems(
  db: Db,
  options: { jobId: string; runnerId: string; limit: number; now: Date; leaseMs: number; startJob?: boolean },
): Promise<JobItemRow[]> {
  const { jobId, runnerId, limit, now, leaseMs } = options;
  const lease = new Date(now.getTime() + leaseMs);
  const due = db
    .select({ id: jobItems.id })
    .from(jobItems)
    .where(
      and(
        eq(jobItems.jobId, jobId),
        eq(jobItems.status, "pending"),
        or(sql`${jobItems.notBefore} is null`, lte(jobItems.notBefore, now)),
      ),
    )
    .orderBy(asc(jobItems.position))
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(jobItems)
    .set({
      status: "running",
      attempts: sql`${jobItems.attempts} + 1`,
      claimedBy: runnerId,
      leaseUntil: lease,
      // From here a request may leave at any moment: a crash from now on means "check first".
      sentAt: sql`coalesce(${jobItems.sentAt}, ${now})`,
      updatedAt: now,
    })
    .where(and(inArray(jobItems.id, due), eq(jobItems.status, "pending")))
    .returning();
  if (claimed.length > 0 && options.startJob !== false) {
    await db
      .update(jobs)
      .set({ status: "running", startedAt: sql`coalesce(${jobs.startedAt}, ${now})`, updatedAt: now })
      .where(and(eq(jobs.id, jobId), eq(jobs.status, "queued")));
  }
  return claimed.sort((a, b) => a.position - b.position);
}

/** Keeps this runner's items its own while it works on them. */
export async function renewLeases(db: Db, runnerId: string, now: Date, leaseMs: number): Promise<void> {
  await db
    .update(jobItems)
    .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(and(eq(jobItems.claimedBy, runnerId), eq(jobItems.status, "running")));
}

/**
 * Items whose runner stopped without finishing them go back to the queue. If their request had
 * been sent, nobody knows whether it arrived, so the next attempt reads the SIM first.
 */
export async function reclaimExpired(db: Db, now: Date): Promise<number> {
  const rows = await db
    .update(jobItems)
    .set({
      status: "pending",
      claimedBy: null,
      leaseUntil: null,
      needsCheck: sql`${jobItems.needsCheck} or ${jobItems.sentAt} is not null`,
      updatedAt: now,
    })
    .where(and(eq(jobItems.status, "running"), lt(jobItems.leaseUntil, now)))
    .returning({ id: jobItems.id });
  return rows.length;
}

export type ItemOutcome =
  | { status: "succeeded" }
  | { status: "failed"; errorCode: string; errorMessage: string }
  | { status: "skipped"; skipReason: string };

export type ItemFinish = { id: number; outcome: ItemOutcome };

/**
 * Final answers for many items in one statement (the runner buffers them for a few milliseconds:
 * on PGlite every statement costs, and a finish lost to a crash is recovered by the check-before-
 * resend rule anyway). Only items this runner still holds are written; returns their ids.
 */
export async function finishItems(
  db: Db,
  runnerId: string,
  finishes: ItemFinish[],
  now: Date,
): Promise<number[]> {
  if (finishes.length === 0) return [];
  const values = sql.join(
    finishes.map(({ id, outcome }) => {
      const failed = outcome.status === "failed" ? outcome : null;
      const skipped = outcome.status === "skipped" ? outcome.skipReason : null;
      return sql`(${id}::bigint, ${outcome.status}::text, ${failed?.errorCode ?? null}::text, ${failed?.errorMessage ?? null}::text, ${skipped}::text)`;
    }),
    sql`, `,
  );
  const rows = await queryRows<{ id: number | string }>(
    db,
    sql`update ${jobItems} as j set
          status = v.status,
          error_code = v.error_code,
          error_message = v.error_message,
          skip_reason = v.skip_reason,
          needs_check = case when v.status = 'failed' then (j.needs_check or j.sent_at is not null) else false end,
          claimed_by = null,
          lease_until = null,
          finished_at = ${now},
          updated_at = ${now}
        from (values ${values}) as v(id, status, error_code, error_message, skip_reason)
        where j.id = v.id and j.claimed_by = ${runnerId} and j.status = 'running'
        returning j.id`,
  );
  return rows.map((r) => Number(r.id));
}

/** Records each item's audit entry on it (one statement for a claimed batch). */
export async function setAuditEntries(
  db: Db,
  entries: { id: number; auditEntryId: string }[],
): Promise<void> {
  if (entries.length === 0) return;
  const values = sql.join(
    entries.map((e) => sql`(${e.id}::bigint, ${e.auditEntryId}::uuid)`),
    sql`, `,
  );
  await db.execute(
    sql`update ${jobItems} as j set audit_entry_id = v.audit_entry_id
        from (values ${values}) as v(id, audit_entry_id) where j.id = v.id`,
  );
}

/**
 * Completes the audit entries of items that succeeded, in one statement. The audit writer
 * (lib/audit/writer.ts `completeAuditEntry`) completes one entry at a time; a success carries no
 * text to redact, so a batch of them is written here directly. Failures still go through the
 * writer, which redacts their message.
 */
export async function completeAuditEntriesOk(db: Db, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(auditEntries)
    .set({ outcome: "ok", completedAt: now })
    .where(and(inArray(auditEntries.id, ids), eq(auditEntries.outcome, "pending")));
}

/** Back to the queue, due again at `notBefore`. */
export async function requeueItem(
  db: Db,
  item: Pick<JobItemRow, "id">,
  runnerId: string,
  change: {
    notBefore: Date;
    needsCheck: boolean;
    countsAsFailure: boolean;
    lastError?: { code: string; message: string };
  },
  now: Date,
): Promise<void> {
  await db
    .update(jobItems)
    .set({
      status: "pending",
      notBefore: change.notBefore,
      needsCheck: change.needsCheck,
      transientFailures: change.countsAsFailure
        ? sql`${jobItems.transientFailures} + 1`
        : jobItems.transientFailures,
      errorCode: change.lastError?.code ?? jobItems.errorCode,
      errorMessage: change.lastError?.message ?? jobItems.errorMessage,
      claimedBy: null,
      leaseUntil: null,
      updatedAt: now,
    })
    .where(and(eq(jobItems.id, item.id), eq(jobItems.claimedBy, runnerId)));
}

/** Marks a started job completed once nothing is left pending or running. */
export async function completeIfDone(db: Db, jobId: string, now: Date): Promise<boolean> {
  const [left] = await db
    .select({ n: count() })
    .from(jobItems)
    .where(and(eq(jobItems.jobId, jobId), inArray(jobItems.status, ["pending", "running"])));
  if (Number(left?.n ?? 0) > 0) return false;
  const rows = await db
    .update(jobs)
    .set({
      status: "completed",
      finishedAt: now,
      updatedAt: now,
      startedAt: sql`coalesce(${jobs.startedAt}, ${now})`,
    })
    .where(and(eq(jobs.id, jobId), inArray(jobs.status, ["queued", "running"])))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function jobStatus(db: Db, jobId: string): Promise<JobRow["status"] | null> {
  const [row] = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, jobId)).limit(1);
  return row?.status ?? null;
}

/** Whether any item of the job is due now or later (used to sleep until the earliest). */
export async function nextDueAt(db: Db, jobId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | string | null>`min(${jobItems.notBefore})` })
    .from(jobItems)
    .where(and(eq(jobItems.jobId, jobId), eq(jobItems.status, "pending"), isNotNull(jobItems.notBefore)));
  return row?.at ? new Date(row.at) : null;
}
