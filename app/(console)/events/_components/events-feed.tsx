"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertTriangle, ChevronLeft, ChevronRight, RefreshCw } from "lucide-react";
import { useQueryStates } from "nuqs";
import { useId } from "react";
import { RelativeTime } from "@/components/sims/relative-time";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { eventsFeedQueryOptions } from "@/lib/queries/events";
import {
  EVENTS_PAGE_SIZES,
  eventsSearchParsers,
  hasEventFilters,
  toEventsQuery,
} from "@/lib/timeline/events-query";
import type { EventsFeed as EventsFeedData } from "@/lib/timeline/feed";
import { cn } from "@/lib/utils";
import { type EventsFilterPatch, EventsFilters } from "./events-filters";
import { EventsTable } from "./events-table";

const numberFormat = new Intl.NumberFormat("en");

/** The fleet-wide feed: filters and page in the address, rows from the console's event store. */
export function EventsFeed() {
  const [state, setState] = useQueryStates(eventsSearchParsers, {
    history: "push",
    scroll: false,
    shallow: true,
  });
  const query = toEventsQuery(state);
  const feed = useQuery(eventsFeedQueryOptions(query));
  const data = feed.data;
  const filtered = hasEventFilters(query);

  // A filter change starts again at the first page.
  const change = (patch: EventsFilterPatch) => void setState({ ...patch, page: null });
  const clear = () => void setState({ type: null, from: null, to: null, actor: null, sim: null, page: null });

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SyncLine sync={data?.sync} />
        <Button
          type="button"
          variant="ghost"
          size="sm"
          onClick={() => void feed.refetch()}
          disabled={feed.isFetching}
          aria-label="Refresh events"
        >
          <RefreshCw aria-hidden className={cn(feed.isFetching && "animate-spin")} />
          Refresh
        </Button>
      </div>

      <EventsFilters
        state={state}
        actorSuggestions={data?.actorSids ?? []}
        onChange={change}
        onClear={clear}
      />

      {feed.isPending ? (
        <div
          role="status"
          aria-label="Loading events"
          className="h-64 animate-pulse rounded-md border border-border bg-muted"
        />
      ) : feed.isError && !data ? (
        <div role="alert" className="rounded-md border border-border p-6 text-center">
          <p className="font-medium">The events could not be loaded.</p>
          <p className="mt-1 text-sm text-muted-foreground">{feed.error.message}</p>
          <Button type="button" variant="outline" className="mt-3" onClick={() => void feed.refetch()}>
            Try again
          </Button>
        </div>
      ) : data && data.events.length === 0 ? (
        <div role="status" className="rounded-md border border-dashed border-border p-8 text-center text-sm">
          <p className="font-medium">
            {filtered ? "No events match these filters." : "No events stored yet."}
          </p>
          <p className="mt-1 text-muted-foreground">
            {filtered
              ? "Widen the date range or clear a filter."
              : "Status changes and attach / detach events appear here once the console has synced them from KORE."}
          </p>
          {filtered ? (
            <Button type="button" variant="outline" className="mt-3" onClick={clear}>
              Clear filters
            </Button>
          ) : null}
        </div>
      ) : data ? (
        <>
          <EventsTable events={data.events} />
          <Pager
            data={data}
            pending={feed.isFetching}
            onPage={(page) => void setState({ page: page === 1 ? null : page })}
            onPageSize={(pageSize) => void setState({ pageSize, page: null })}
          />
        </>
      ) : null}
    </div>
  );
}

function SyncLine({ sync }: { sync: EventsFeedData["sync"] | undefined }) {
  if (!sync) return <p className="text-sm text-muted-foreground">Events from the console&apos;s store.</p>;
  if (sync.error) {
    return (
      <p className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
        <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>
          Syncing events from KORE is failing: {sync.error} The console retries with growing pauses.
          {sync.lastSuccessAt ? (
            <>
              {" "}
              Last complete sync <RelativeTime value={sync.lastSuccessAt} />.
            </>
          ) : null}
        </span>
      </p>
    );
  }
  if (!sync.running) {
    return (
      <p className="text-sm text-muted-foreground">
        Background sync is off (EVENT_SYNC_INTERVAL_SECONDS=0): showing the events stored so far.
      </p>
    );
  }
  return (
    <p className="text-sm text-muted-foreground">
      {sync.lastSuccessAt ? (
        <>
          Synced from KORE <RelativeTime value={sync.lastSuccessAt} />. The console keeps events after
          KORE&apos;s 30 days.
        </>
      ) : (
        "The first sync from KORE is under way."
      )}
    </p>
  );
}

type PagerProps = {
  data: EventsFeedData;
  pending: boolean;
  onPage: (page: number) => void;
  onPageSize: (pageSize: (typeof EVENTS_PAGE_SIZES)[number]) => void;
};

function Pager({ data, pending, onPage, onPageSize }: PagerProps) {
  const sizeId = useId();
  const first = (data.page - 1) * data.pageSize + 1;
  const last = first + data.events.length - 1;
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <div className="flex items-center gap-2">
        <label htmlFor={sizeId} className="text-muted-foreground">
          Rows per page
        </label>
        <NativeSelect
          id={sizeId}
          value={String(data.pageSize)}
          onChange={(event) => {
            const size = EVENTS_PAGE_SIZES.find((s) => s === Number(event.target.value));
            if (size) onPageSize(size);
          }}
          className="w-24"
        >
          {EVENTS_PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </NativeSelect>
      </div>
      <p className="text-muted-foreground" aria-live="polite">
        Events {numberFormat.format(first)}–{numberFormat.format(last)} of {numberFormat.format(data.total)} ·
        page {numberFormat.format(data.page)} of {numberFormat.format(data.pageCount)}
      </p>
      <div className="flex items-center gap-1">
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={pending || data.page <= 1}
          onClick={() => onPage(data.page - 1)}
        >
          <ChevronLeft aria-hidden />
          Previous page
        </Button>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={pending || data.page >= data.pageCount}
          onClick={() => onPage(data.page + 1)}
        >
          Next page
          <ChevronRight aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
