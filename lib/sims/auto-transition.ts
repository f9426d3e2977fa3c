/**
 * The transitions the upstream makes by itself (sim-api.md §8.1, §8.3): a Deactivated SIM
 * becomes Canceled 72 hours after deactivation, and a Ready SIM becomes Active after 250 KB of
 * data, 5 Commands or 3 months, whichever comes first. Pure, with `now` passed in, so the status
 * explainer can count down without asking the server.
 */
export const CANCEL_AFTER_MS = 72 * 3600 * 1000;
export const READY_ACTIVATION_BYTES = 250 * 1024;
export const READY_ACTIVATION_COMMANDS = 5;
export const READY_ACTIVATION_MONTHS = 3;

export type AutoTransition =
  | {
      kind: "cancel";
      /** When the SIM became Deactivated (ISO 8601), and when it turns Canceled (epoch ms). */
      since: string;
      dueAt: number;
    }
  | {
      kind: "activate";
      since: string;
      /** The 3-month deadline (epoch ms); data or commands may activate it sooner. */
      dueAt: number;
    };

/**
 * `since` is when the SIM entered its status: the Monitor event of that change when there is
 * one, else the SIM's `date_updated` (which any later edit also moves, so it can only be late).
 */
export function automaticTransition(status: string, since: string | null): AutoTransition | null {
  if (!since) return null;
  const start = Date.parse(since);
  if (Number.isNaN(start)) return null;
  if (status === "deactivated") return { kind: "cancel", since, dueAt: start + CANCEL_AFTER_MS };
  if (status === "ready")
    return { kind: "activate", since, dueAt: addUtcMonths(start, READY_ACTIVATION_MONTHS) };
  return null;
}

/** "2 d 5 h", "3 h 12 min", "4 min"; "any moment now" once due. */
export function formatCountdown(ms: number): string {
  if (ms <= 0) return "any moment now";
  const minutes = Math.ceil(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}

function addUtcMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  // 30 Nov + 3 months is 28/29 Feb, not 2 Mar.
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.getTime();
}
