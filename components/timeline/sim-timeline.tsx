"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertTriangle, LoaderCircle, RefreshCw } from "lucide-react";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { simTimelineQueryOptions } from "@/lib/queries/timeline";
import { entryAnchor, TIMELINE_KINDS, type TimelineKind } from "@/lib/timeline/entry";
import { countByKind, filterByKinds, groupByDay } from "@/lib/timeline/group";
import { cn } from "@/lib/utils";
import { TimelineItem } from "./timeline-item";
import { TimelineKindFilter } from "./timeline-kind-filter";
import { useEntryTarget } from "./use-entry-target";

const ALL_KINDS: ReadonlySet<TimelineKind> = new Set(TIMELINE_KINDS);

/**
 * The Timeline tab of a SIM: every status change, who asked for it and why, when the network
 * confirmed it, and when the device attached, in one list (newest first, grouped by UTC day).
 * Updates itself while the SIM is in flight; `#entry-<id>` or `?entry=<id>` scrolls to an entry.
 */
export function SimTimeline({ sid }: { sid: string }) {
  const query = useQuery(simTimelineQueryOptions(sid));
  const [shown, setShown] = useState<ReadonlySet<TimelineKind>>(ALL_KINDS);
  const [revealed, setRevealed] = useState<string | null>(null);
  const target = useEntryTarget();
  const headingId = useId();
  const data = query.data;

  const entries = useMemo(() => data?.entries ?? [], [data]);
  const counts = useMemo(() => countByKind(entries), [entries]);
  const days = useMemo(() => groupByDay(filterByKinds(entries, shown)), [entries, shown]);
  const targetEntry = target ? entries.find((e) => e.id === target) : undefined;

  // A deep link to a kind that is filtered out would land nowhere: show that kind again (once, so
  // the person can still hide it afterwards).
  if (targetEntry && revealed !== targetEntry.id) {
    setRevealed(targetEntry.id);
    if (!shown.has(targetEntry.kind)) setShown(new Set([...shown, targetEntry.kind]));
  }

  useScrollToEntry(targetEntry?.id);

  const toggle = (kind: TimelineKind) => {
    const next = new Set(shown);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    setShown(next);
  };

  return (
    <section aria-labelledby={headingId} aria-busy={query.isPending} className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-lg font-semibold tracking-tight">
          Timeline
        </h2>
        <div className="flex items-center gap-3 text-sm text-muted-foreground">
          {data?.live ? (
            <span className="inline-flex items-center gap-1.5 text-foreground">
              <LoaderCircle aria-hidden className="size-4 animate-spin" />
              Live: KORE is still working on this SIM
            </span>
          ) : null}
          <Button
            type="button"
            variant="ghost"
            size="icon"
            onClick={() => void query.refetch()}
            disabled={query.isFetching}
            aria-label="Refresh timeline"
            title="Refresh timeline"
          >
            <RefreshCw aria-hidden className={cn(query.isFetching && "animate-spin")} />
          </Button>
        </div>
      </div>

      {/* Announces arrivals without moving focus; the list itself is not a live region. */}
      <p role="status" className="sr-only">
        {data ? `${entries.length} timeline entries${data.live ? ", updating live" : ""}` : ""}
      </p>

      {data ? (
        <TimelineKindFilter
          shown={shown}
          counts={counts}
          onToggle={toggle}
          onShowAll={() => setShown(ALL_KINDS)}
        />
      ) : null}

      {data?.notices.map((notice) => (
        <p
          key={notice.source}
          className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
          {notice.message}
        </p>
      ))}

      {query.isPending ? (
        <TimelineSkeleton />
      ) : query.isError && !data ? (
        <div role="alert" className="rounded-md border border-border p-6 text-center">
          <p className="font-medium">The timeline could not be loaded.</p>
          <p className="mt-1 text-sm text-muted-foreground">{query.error.message}</p>
          <Button type="button" variant="outline" className="mt-3" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </div>
      ) : entries.length === 0 ? (
        <p className="rounded-md border border-dashed border-border p-6 text-center text-sm text-muted-foreground">
          No history for this SIM yet. Changes made from now on, and KORE&apos;s events of the last 30 days,
          appear here.
        </p>
      ) : days.length === 0 ? (
        <p className="rounded-md border border-dashed border-border p-6 text-center text-sm text-muted-foreground">
          No entries of the selected kinds.
        </p>
      ) : (
        <ol aria-label="Timeline entries, newest first" className="flex flex-col gap-5">
          {days.map((day) => (
            <li key={day.day} className="flex flex-col gap-2">
              <h3 className="sticky top-0 z-10 bg-background/95 py-1 text-sm font-semibold text-muted-foreground backdrop-blur">
                <time dateTime={day.day === "unknown" ? undefined : day.day}>{day.label}</time>
              </h3>
              <ol className="flex flex-col gap-2">
                {day.entries.map((entry) => (
                  <TimelineItem key={entry.id} entry={entry} highlighted={entry.id === target} />
                ))}
              </ol>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Scrolls to and focuses the deep-linked entry once it is on the page (once per target). */
function useScrollToEntry(id: string | undefined) {
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!id || done.current === id) return;
    const element = document.getElementById(entryAnchor(id));
    if (!element) return;
    done.current = id;
    element.scrollIntoView({ block: "center" });
    element.focus({ preventScroll: true });
  });
}

function TimelineSkeleton() {
  return (
    <div role="status" aria-label="Loading the timeline" className="flex flex-col gap-2">
      {Array.from({ length: 4 }, (_, i) => (
        <div key={i} className="h-16 animate-pulse rounded-md border border-border bg-muted" />
      ))}
    </div>
  );
}
