/**
 * The per-SIM cooldown between connectivity resets. A reset detaches the device, which then has
 * to find the network again; resetting again before it has had the chance only keeps it offline
 * longer, and support agents under pressure click twice.
 *
 * The clock starts at the last SUCCESSFUL reset of the SIM in the audit trail: the audit trail is
 * already written before and after every reset (lib/actions/define-action.ts), is shared by every
 * console instance through the database, and survives restarts, so no extra table is needed.
 * Failed attempts (upstream refused, nothing happened) do not start it.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema/audit";

/** The audit action name of a connectivity reset; the action and this query must agree. */
export const RESET_ACTION = "sims.reset";

export type ResetCooldown = {
  /** When the last successful reset was requested, ISO 8601; null when there was none. */
  lastResetAt: string | null;
  /** When the next reset is allowed, ISO 8601; null when allowed now. */
  availableAt: string | null;
  /** Whole seconds until then (0 when allowed now). */
  remainingSeconds: number;
  cooldownSeconds: number;
};

/** Pure: the cooldown state given the last reset and the clock. */
export function cooldownState(lastReset: Date | null, now: Date, cooldownSeconds: number): ResetCooldown {
  if (!lastReset || cooldownSeconds <= 0) {
    return {
      lastResetAt: lastReset?.toISOString() ?? null,
      availableAt: null,
      remainingSeconds: 0,
      cooldownSeconds,
    };
  }
  const available = lastReset.getTime() + cooldownSeconds * 1000;
  const remainingMs = available - now.getTime();
  return {
    lastResetAt: lastReset.toISOString(),
    availableAt: remainingMs > 0 ? new Date(available).toISOString() : null,
    remainingSeconds: remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0,
    cooldownSeconds,
  };
}

/** When the SIM was last reset successfully through the console, or null. */
export async function lastSuccessfulReset(db: Db, simSid: string): Promise<Date | null> {
  const [row] = await db
    .select({ createdAt: auditEntries.createdAt })
    .from(auditEntries)
    .where(
      and(
        eq(auditEntries.action, RESET_ACTION),
        eq(auditEntries.simSid, simSid),
        eq(auditEntries.outcome, "ok"),
      ),
    )
    .orderBy(desc(auditEntries.createdAt))
    .limit(1);
  return row?.createdAt ?? null;
}

export async function getResetCooldown(
  db: Db,
  simSid: string,
  cooldownSeconds: number,
  now: Date = new Date(),
): Promise<ResetCooldown> {
  return cooldownState(await lastSuccessfulReset(db, simSid), now, cooldownSeconds);
}

/** "4 min 10 s" for the refusal message and the pre-check panel. */
export function formatCooldown(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
