"use client";

import { formatExactTime, formatRelativeTime } from "@/lib/sims/relative-time";
import { useNow } from "./use-now";

/**
 * "5 min ago", with the exact UTC time on hover. Until the browser
 * has hydrated it shows the date, which the server and the browser format identically.
 */
export function RelativeTime({ value, className }: { value: string | null | undefined; className?: string }) {
  const now = useNow(15_000);
  if (!value) return <span className="text-muted-foreground">—</span>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span className="text-muted-foreground">—</span>;
  const exact = formatExactTime(date);
  return (
    <time dateTime={date.toISOString()} title={exact} className={className}>
      {now === null ? value.slice(0, 10) : formatRelativeTime(date, now)}
    </time>
  );
}
