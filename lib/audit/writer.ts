/**
 * Writes the audit trail. A mutation is recorded in two steps: `beginAuditEntry` stores the
 * attempt as "pending" BEFORE the upstream call, and the returned handle completes it after
 * (ok, or the error code and user-safe message). A crash in between leaves the pending row as
 * evidence that something may have changed upstream. Refusals are one-step rows.
 *
 * Everything stored passes through `redactSecrets` first.
 */
import { eq } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { type AuditChanges, auditEntries } from "@/lib/db/schema/audit";
import { redactSecrets } from "./redact";

export type AuditActor = { id: string; email: string; role: string } | null;

export type AuditAttempt = {
  requestId: string;
  actor: AuditActor;
  action: string;
  simSid?: string | null;
  jobId?: string | null;
  subject?: string | null;
  changes?: AuditChanges | null;
  reason?: string | null;
};

export type AuditCompletion = { ok: true } | { ok: false; code: string; message: string };

export type AuditEntryHandle = {
  id: string;
  /** Idempotent: only the first completion is stored. */
  complete: (result: AuditCompletion) => Promise<void>;
  readonly completed: boolean;
};

const MAX_REASON = 1000;
const MAX_MESSAGE = 500;

export async function beginAuditEntry(db: Db, attempt: AuditAttempt): Promise<AuditEntryHandle> {
  const [row] = await db
    .insert(auditEntries)
    .values({ ...attemptColumns(attempt), outcome: "pending" })
    .returning({ id: auditEntries.id });
  if (!row) throw new Error("audit entry insert returned no row");
  let completed = false;
  return {
    id: row.id,
    get completed() {
      return completed;
    },
    async complete(result) {
      if (completed) return;
      completed = true;
      await completeAuditEntry(db, row.id, result);
    },
  };
}

/** Completes a pending entry by id (for callers that resume work, e.g. jobs after a restart). */
export async function completeAuditEntry(db: Db, id: string, result: AuditCompletion): Promise<void> {
  await db
    .update(auditEntries)
    .set(
      result.ok
        ? { outcome: "ok", completedAt: new Date() }
        : {
            outcome: "error",
            completedAt: new Date(),
            errorCode: clip(result.code, 100),
            errorMessage: clip(redactSecrets(result.message, knownSecrets()), MAX_MESSAGE),
          },
    )
    .where(eq(auditEntries.id, id));
}

/** Records an attempt the console refused (signed out, role lacks the permission). */
export async function recordRefusal(
  db: Db,
  attempt: AuditAttempt & { code: string; message: string },
): Promise<string> {
  const now = new Date();
  const [row] = await db
    .insert(auditEntries)
    .values({
      ...attemptColumns(attempt),
      outcome: "refused",
      completedAt: now,
      errorCode: clip(attempt.code, 100),
      errorMessage: clip(attempt.message, MAX_MESSAGE),
    })
    .returning({ id: auditEntries.id });
  if (!row) throw new Error("audit entry insert returned no row");
  return row.id;
}

function attemptColumns(attempt: AuditAttempt) {
  const secrets = knownSecrets();
  return {
    requestId: attempt.requestId,
    actorId: attempt.actor?.id ?? null,
    actorEmail: attempt.actor?.email ?? null,
    actorRole: attempt.actor?.role ?? null,
    action: attempt.action,
    simSid: attempt.simSid ?? null,
    jobId: attempt.jobId ?? null,
    subject: attempt.subject ? clip(attempt.subject, 300) : null,
    changes: attempt.changes ? redactSecrets(attempt.changes, secrets) : null,
    reason: attempt.reason?.trim() ? clip(redactSecrets(attempt.reason.trim(), secrets), MAX_REASON) : null,
  };
}

function knownSecrets(): string[] {
  try {
    const config = getConfig();
    return [config.upstream.clientSecret, config.authSecret, config.webhookToken].filter(
      (s): s is string => typeof s === "string",
    );
  } catch {
    // A broken environment stops start-up elsewhere; redaction by pattern still applies.
    return [];
  }
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
