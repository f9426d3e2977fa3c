/**
 * Jobs as the pages and GET routes show them: counts, progress, the current rate and the time
 * left, computed from the items so they are right whichever console instance did the work.
 */
import type { Db } from "@/lib/db/client";
import { JOB_ACTION_INFO, type JobAction, jobActionSchema } from "./job-spec";
import {
  getJob,
  type ItemCounts,
  itemCounts,
  type JobItemRow,
  type JobItemStatus,
  type JobRow,
  listItemRows,
  listJobRows,
  recentlyFinished,
} from "./store";

/** The rate is measured over this window of finished items. */
const RATE_WINDOW_MS = 30_000;

export type JobSummary = ReturnType<typeof toJobSummary>;
export type JobDetail = JobSummary & { rejectedLines: NonNullable<JobRow["rejectedLines"]> };
export type JobItemView = ReturnType<typeof toItemView>;

export function toJobSummary(row: JobRow, counts: ItemCounts, finishedInWindow: number, now: Date) {
  const action = jobActionSchema.safeParse(row.action);
  const remaining = counts.pending + counts.running;
  const eligible = row.total - (row.status === "draft" ? counts.skipped : 0);
  const done = counts.succeeded + counts.failed + (row.status === "draft" ? 0 : counts.skipped);
  const windowSeconds = row.startedAt
    ? Math.min(RATE_WINDOW_MS, Math.max(1000, now.getTime() - row.startedAt.getTime())) / 1000
    : 0;
  const perSecond = row.status === "running" && windowSeconds > 0 ? finishedInWindow / windowSeconds : null;
  const params = (row.params ?? {}) as { labels?: Record<string, string> };
  return {
    id: row.id,
    action: row.action as JobAction,
    actionLabel: action.success ? JOB_ACTION_INFO[action.data].label : row.action,
    destructive: action.success ? JOB_ACTION_INFO[action.data].destructive : true,
    status: row.status,
    params: row.params,
    targetLabel: params.labels?.target ?? null,
    selection: row.selection,
    reason: row.reason,
    createdBy: row.createdByEmail,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    canceledBy: row.canceledByEmail,
    total: row.total,
    /** In a draft, `pending` are the eligible SIMs and `skipped` the ineligible ones. */
    counts,
    eligible: row.status === "draft" ? counts.pending : eligible,
    done,
    remaining,
    ratePerSecond: perSecond,
    etaSeconds: perSecond && perSecond > 0 && remaining > 0 ? Math.ceil(remaining / perSecond) : null,
  };
}

export async function getJobDetail(db: Db, id: string, now = new Date()): Promise<JobDetail | null> {
  const row = await getJob(db, id);
  if (!row) return null;
  const counts = (await itemCounts(db, [id])).get(id) as ItemCounts;
  const recent =
    row.status === "running" ? await recentlyFinished(db, id, new Date(now.getTime() - RATE_WINDOW_MS)) : 0;
  return { ...toJobSummary(row, counts, recent, now), rejectedLines: row.rejectedLines ?? [] };
}

export async function listJobSummaries(db: Db, options: { limit: number; before?: Date }, now = new Date()) {
  const rows = await listJobRows(db, options);
  const counts = await itemCounts(
    db,
    rows.map((r) => r.id),
  );
  const recent = await Promise.all(
    rows.map((r) =>
      r.status === "running" ? recentlyFinished(db, r.id, new Date(now.getTime() - RATE_WINDOW_MS)) : 0,
    ),
  );
  return rows.map((row, i) => toJobSummary(row, counts.get(row.id) as ItemCounts, recent[i] ?? 0, now));
}

export function toItemView(row: JobItemRow) {
  return {
    id: row.id,
    position: row.position,
    simSid: row.simSid,
    iccid: row.iccid,
    name: row.name,
    status: row.status,
    skipReason: row.skipReason,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    attempts: row.attempts,
    before: row.before ?? {},
    after: row.after ?? {},
    auditEntryId: row.auditEntryId,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export type ItemPage = { items: JobItemView[]; nextAfter: number | null };

export async function listJobItemViews(
  db: Db,
  jobId: string,
  options: { statuses?: JobItemStatus[]; after?: number; limit: number },
): Promise<ItemPage> {
  const rows = await listItemRows(db, jobId, {
    statuses: options.statuses,
    afterPosition: options.after,
    limit: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  return {
    items: page.map(toItemView),
    nextAfter: rows.length > options.limit ? (page.at(-1)?.position ?? null) : null,
  };
}
