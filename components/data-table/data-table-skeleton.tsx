import { cn } from "@/lib/utils";

/** Placeholder rows while the first page loads; shaped like the table so nothing jumps. */
export function DataTableSkeleton({
  columns,
  rows = 10,
  rowHeight = 52,
  label = "Loading",
  className,
}: {
  columns: number;
  rows?: number;
  rowHeight?: number;
  label?: string;
  className?: string;
}) {
  return (
    <div
      role="status"
      aria-label={label}
      className={cn("overflow-hidden rounded-md border border-border", className)}
    >
      <div className="flex h-10 items-center gap-6 border-b border-border bg-card px-3">
        {Array.from({ length: columns }, (_, i) => (
          <div key={i} className="h-3 flex-1 animate-pulse rounded bg-muted" />
        ))}
      </div>
      {Array.from({ length: rows }, (_, r) => (
        <div
          key={r}
          style={{ height: rowHeight }}
          className="flex items-center gap-6 border-b border-border px-3 last:border-b-0"
        >
          {Array.from({ length: columns }, (_, c) => (
            <div
              key={c}
              className="h-3 flex-1 animate-pulse rounded bg-muted"
              style={{ opacity: 1 - r / (rows + 2) }}
            />
          ))}
        </div>
      ))}
    </div>
  );
}
