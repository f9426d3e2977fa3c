/**
 * Bulk jobs (lib/jobs): one `jobs` row per job and one `job_items` row per SIM, so a closed
 * browser or a restarted console loses nothing. Items are claimed atomically by a runner (status
 * `running` + a lease); `needs_check` marks an item whose last request may or may not have
 * reached KORE, so the next attempt reads the SIM before sending anything again.
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const JOB_STATUSES = ["draft", "queued", "running", "completed", "canceled"] as const;
export const JOB_ITEM_STATUSES = ["pending", "running", "succeeded", "failed", "skipped"] as const;

/** `{ field: value }` of the fields an action changes, before or after. */
export type JobFieldValues = Record<string, string | null>;

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    createdAt: timestamptz("created_at").defaultNow().notNull(),
    updatedAt: timestamptz("updated_at").defaultNow().notNull(),
    createdById: text("created_by_id").notNull(),
    createdByEmail: text("created_by_email").notNull(),
    createdByRole: text("created_by_role").notNull(),
    action: text("action").notNull(),
    /** The action's parameters (target rate plan, callback URL, account), validated by lib/jobs. */
    params: jsonb("params").$type<Record<string, unknown>>().notNull(),
    /** How the SIMs were chosen, for people reading the job later. */
    selection: jsonb("selection").$type<Record<string, unknown>>().notNull(),
    /** Pasted lines that named no SIM, with why: listed, never silently dropped. */
    rejectedLines: jsonb("rejected_lines").$type<{ line: number; text: string; reason: string }[]>(),
    reason: text("reason"),
    status: text("status", { enum: JOB_STATUSES }).notNull(),
    total: integer("total").notNull(),
    confirmedAt: timestamptz("confirmed_at"),
    startedAt: timestamptz("started_at"),
    finishedAt: timestamptz("finished_at"),
    canceledAt: timestamptz("canceled_at"),
    canceledByEmail: text("canceled_by_email"),
  },
  (t) => [
    check("jobs_status_check", sql`${t.status} in ('draft', 'queued', 'running', 'completed', 'canceled')`),
    index("jobs_status_created_at_idx").on(t.status, t.createdAt),
    index("jobs_created_at_idx").on(t.createdAt.desc()),
  ],
);

export const jobItems = pgTable(
  "job_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    simSid: text("sim_sid").notNull(),
    iccid: text("iccid"),
    name: text("name"),
    status: text("status", { enum: JOB_ITEM_STATUSES }).notNull(),
    /** Why a SIM was not changed: not eligible at preview, or the job was canceled first. */
    skipReason: text("skip_reason"),
    errorCode: text("error_code"),
    /** User-safe text only (KoreError.userMessage), never the upstream's own words. */
    errorMessage: text("error_message"),
    attempts: integer("attempts").default(0).notNull(),
    /** 5xx, timeouts and conflicts so far; 429s are the upstream pacing us and do not count. */
    transientFailures: integer("transient_failures").default(0).notNull(),
    needsCheck: boolean("needs_check").default(false).notNull(),
    notBefore: timestamptz("not_before"),
    claimedBy: text("claimed_by"),
    leaseUntil: timestamptz("lease_until"),
    before: jsonb("before").$type<JobFieldValues>(),
    after: jsonb("after").$type<JobFieldValues>(),
    auditEntryId: uuid("audit_entry_id"),
    sentAt: timestamptz("sent_at"),
    finishedAt: timestamptz("finished_at"),
    updatedAt: timestamptz("updated_at").defaultNow().notNull(),
  },
  (t) => [
    check(
      "job_items_status_check",
      sql`${t.status} in ('pending', 'running', 'succeeded', 'failed', 'skipped')`,
    ),
    uniqueIndex("job_items_job_sim_idx").on(t.jobId, t.simSid),
    index("job_items_job_status_position_idx").on(t.jobId, t.status, t.position),
    index("job_items_job_position_idx").on(t.jobId, t.position),
    index("job_items_running_lease_idx").on(t.status, t.leaseUntil),
    index("job_items_job_finished_at_idx").on(t.jobId, t.finishedAt),
  ],
);
