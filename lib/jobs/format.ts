/** Words and numbers for job pages. Pure. */

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** "45 s", "3 min 5 s", "2 h 10 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return s % 60 === 0 ? `${minutes} min` : `${minutes} min ${s % 60} s`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** SIMs per second as people read it: "12.5 SIMs/s", or per minute when slow. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1) return `${perSecond.toFixed(perSecond >= 10 ? 0 : 1)} SIMs/s`;
  return `${(perSecond * 60).toFixed(1)} SIMs/min`;
}

export const JOB_STATUS_LABELS: Record<string, string> = {
  draft: "Preview",
  queued: "Queued",
  running: "Running",
  completed: "Completed",
  canceled: "Canceled",
};

export const ITEM_STATUS_LABELS: Record<string, string> = {
  pending: "Pending",
  running: "In progress",
  succeeded: "Succeeded",
  failed: "Failed",
  skipped: "Skipped",
};
