/**
 * How audit values read on screen. Pure and deterministic (UTC, no locale), so server and client
 * render the same text.
 */
export function formatAuditTime(date: Date | string): string {
  const iso = (typeof date === "string" ? new Date(date) : date).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** `{ field: { before, after } }` → ["field: before → after", …]; tolerant of any stored shape. */
export function describeChanges(changes: unknown): string[] {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return [];
  return Object.entries(changes as Record<string, unknown>).map(([field, change]) => {
    if (change && typeof change === "object" && "before" in change && "after" in change) {
      const { before, after } = change as { before: unknown; after: unknown };
      return `${field}: ${show(before)} → ${show(after)}`;
    }
    return `${field}: ${show(change)}`;
  });
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
