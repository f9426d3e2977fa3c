"use client";

import { TIMELINE_KIND_LABELS, TIMELINE_KINDS, type TimelineKind } from "@/lib/timeline/entry";
import { cn } from "@/lib/utils";

type Props = {
  shown: ReadonlySet<TimelineKind>;
  counts: Record<TimelineKind, number>;
  onToggle: (kind: TimelineKind) => void;
  onShowAll: () => void;
};

/** Toggle buttons, one per kind of entry; a pressed button means that kind is shown. */
export function TimelineKindFilter({ shown, counts, onToggle, onShowAll }: Props) {
  const allShown = TIMELINE_KINDS.every((kind) => shown.has(kind));
  return (
    <div role="group" aria-label="Show entries of these kinds" className="flex flex-wrap items-center gap-2">
      {TIMELINE_KINDS.map((kind) => {
        const pressed = shown.has(kind);
        return (
          <button
            key={kind}
            type="button"
            aria-pressed={pressed}
            onClick={() => onToggle(kind)}
            className={cn(
              "inline-flex h-8 items-center gap-1.5 rounded-full border px-3 text-xs font-medium transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              pressed
                ? "border-primary bg-accent text-accent-foreground"
                : "border-border bg-background text-muted-foreground line-through decoration-1 hover:bg-muted",
            )}
          >
            {TIMELINE_KIND_LABELS[kind]}
            <span className="tabular-nums">{`(${counts[kind]})`}</span>
          </button>
        );
      })}
      {allShown ? null : (
        <button
          type="button"
          onClick={onShowAll}
          className="h-8 rounded-md px-2 text-xs font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          Show all kinds
        </button>
      )}
    </div>
  );
}
