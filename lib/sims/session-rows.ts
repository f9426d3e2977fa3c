/**
 * Data sessions for the Sessions tab (sim-api.md §13.3), newest first, each flagged when its
 * IMEI differs from the session before it: the SIM was moved to another device, which support
 * wants to see first when a device "stopped working" (or a SIM was stolen).
 */
import type { DataSession } from "@/lib/kore/schemas";

export type SessionRow = DataSession & {
  /** The IMEI of the previous session with one, when it differs from this session's. */
  previousImei: string | null;
};

export function toSessionRows(sessions: DataSession[]): SessionRow[] {
  const oldestFirst = [...sessions].sort((a, b) => (a.start ?? "").localeCompare(b.start ?? ""));
  let lastImei: string | null = null;
  const rows = oldestFirst.map((s) => {
    const previousImei = s.imei && lastImei && s.imei !== lastImei ? lastImei : null;
    if (s.imei) lastImei = s.imei;
    return { ...s, previousImei };
  });
  return rows.reverse();
}

/** The most recent session, for the reset pre-check ("last data session"). */
export function latestSession(sessions: DataSession[]): DataSession | null {
  let latest: DataSession | null = null;
  for (const s of sessions) if (!latest || (s.start ?? "") > (latest.start ?? "")) latest = s;
  return latest;
}

export type ResetOutcome =
  | { kind: "reconnected"; session: DataSession }
  | { kind: "waiting"; until: number }
  | { kind: "not-reconnected"; window: number };

/** How long after a reset a new data session counts as "it came back". */
export const RESET_OUTCOME_WINDOW_MS = 5 * 60_000;

/**
 * Whether the device came back after a reset requested at `resetAt`: a data session that started
 * at or after it (the reset closes the one that was open). Until the window has passed without
 * one, the answer is "still waiting", not "failed".
 */
export function resetOutcome(sessions: DataSession[], resetAt: number, now: number): ResetOutcome {
  // Upstream dates have whole seconds; the request time has milliseconds.
  const from = Math.floor(resetAt / 1000) * 1000;
  const session = sessions
    .filter((s) => s.start && Date.parse(s.start) >= from)
    .sort((a, b) => (a.start ?? "").localeCompare(b.start ?? ""))[0];
  if (session) return { kind: "reconnected", session };
  const until = resetAt + RESET_OUTCOME_WINDOW_MS;
  return now < until
    ? { kind: "waiting", until }
    : { kind: "not-reconnected", window: RESET_OUTCOME_WINDOW_MS };
}
