/**
 * The audit trail: one row per mutation attempt made through the console. Actor email and role
 * are copied, not joined, so an entry still says who acted after that user is renamed or removed.
 */
import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const AUDIT_OUTCOMES = ["pending", "ok", "error", "refused"] as const;

/** `{ field: { before, after } }`; values are whatever JSON the field holds upstream. */
export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

export const auditEntries = pgTable(
  "audit_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: text("request_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).defaultNow().notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }),
    actorId: text("actor_id"),
    actorEmail: text("actor_email"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    simSid: text("sim_sid"),
    jobId: text("job_id"),
    // What the action was about when it is not a SIM, e.g. "user:ops@example.com" for a role change.
    subject: text("subject"),
    changes: jsonb("changes").$type<AuditChanges>(),
    reason: text("reason"),
    outcome: text("outcome", { enum: AUDIT_OUTCOMES }).notNull(),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
  },
  (t) => [
    check("audit_entries_outcome_check", sql`${t.outcome} in ('pending', 'ok', 'error', 'refused')`),
    index("audit_entries_created_at_idx").on(t.createdAt.desc(), t.id.desc()),
    index("audit_entries_sim_sid_idx").on(t.simSid, t.createdAt.desc()),
    index("audit_entries_actor_email_idx").on(t.actorEmail),
    index("audit_entries_action_idx").on(t.action),
    index("audit_entries_job_id_idx").on(t.jobId),
    index("audit_entries_outcome_idx").on(t.outcome),
  ],
);
