/**
 * Day grouping and kind filtering for the Timeline tab. Days are UTC days, like every exact time
 * the console shows, so the server render and the browser agree and a shared link means the same
 * day to everyone.
 */
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from "./entry";

export type TimelineDay = { day: string; label: string; entries: TimelineEntry[] };

const dayLabel = new Intl.DateTimeFormat("en", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** Consecutive runs of the same UTC day, in the entries' order (newest first in, newest first out). */
export function groupByDay(entries: readonly TimelineEntry[]): TimelineDay[] {
  const days: TimelineDay[] = [];
  for (const entry of entries) {
    const date = new Date(entry.at);
    const day = Number.isNaN(date.getTime()) ? "unknown" : date.toISOString().slice(0, 10);
    const last = days[days.length - 1];
    if (last && last.day === day) last.entries.push(entry);
    else
      days.push({ day, label: day === "unknown" ? "Unknown date" : dayLabel.format(date), entries: [entry] });
  }
  return days;
}

export function filterByKinds(
  entries: readonly TimelineEntry[],
  kinds: ReadonlySet<TimelineKind>,
): TimelineEntry[] {
  return entries.filter((entry) => kinds.has(entry.kind));
}

export function countByKind(entries: readonly TimelineEntry[]): Record<TimelineKind, number> {
  const counts = Object.fromEntries(TIMELINE_KINDS.map((kind) => [kind, 0])) as Record<TimelineKind, number>;
  for (const entry of entries) counts[entry.kind] += 1;
  return counts;
}
