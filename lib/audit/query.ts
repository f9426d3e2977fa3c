/** Reads the audit trail for the `/audit` page, `GET /api/audit` and SIM timelines. */
import { and, asc, count, desc, eq, gte, ilike, lt, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema/audit";
import type { AuditQuery } from "./schemas";

export type AuditEntry = typeof auditEntries.$inferSelect;

export type AuditPage = {
  entries: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
};

/** Newest first, filtered, one page at a time. Dates are whole UTC days, `to` inclusive. */
export async function listAuditEntries(db: Db, query: AuditQuery): Promise<AuditPage> {
  const where = and(...filters(query));
  const [totals] = await db.select({ total: count() }).from(auditEntries).where(where);
  const total = totals?.total ?? 0;
  const entries = await db
    .select()
    .from(auditEntries)
    .where(where)
    .orderBy(desc(auditEntries.createdAt), desc(auditEntries.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    entries,
    total,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
  };
}

/** The action names that occur in the trail, for the "Action" filter. */
export async function listAuditActionNames(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditEntries.action })
    .from(auditEntries)
    .orderBy(asc(auditEntries.action));
  return rows.map((r) => r.action);
}

function filters(query: AuditQuery): SQL[] {
  const out: SQL[] = [];
  if (query.person) out.push(ilike(auditEntries.actorEmail, `%${escapeLike(query.person)}%`));
  if (query.action) out.push(eq(auditEntries.action, query.action));
  if (query.sim) out.push(eq(auditEntries.simSid, query.sim));
  if (query.job) out.push(eq(auditEntries.jobId, query.job));
  if (query.entry) out.push(eq(auditEntries.id, query.entry));
  if (query.outcome) out.push(eq(auditEntries.outcome, query.outcome));
  if (query.from) out.push(gte(auditEntries.createdAt, new Date(`${query.from}T00:00:00Z`)));
  if (query.to) {
    const end = new Date(`${query.to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    out.push(lt(auditEntries.createdAt, end));
  }
  return out;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
