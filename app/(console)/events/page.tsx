import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/get-db";
import { eventsFeedQueryOptions } from "@/lib/queries/events";
import { getQueryClient } from "@/lib/query-client";
import { getEventSyncRunner } from "@/lib/timeline/event-sync";
import { loadEventsFeed } from "@/lib/timeline/events-feed";
import { loadEventsSearchParams, toEventsQuery } from "@/lib/timeline/events-query";
import { EventsFeed } from "./_components/events-feed";

export const metadata: Metadata = { title: "Events" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The fleet-wide feed of SIM lifecycle events (status and rate-plan changes, attach / detach),
 * from the console's store so it reaches back past KORE's 30 days. The URL holds the filters; the
 * first page is prefetched here and refreshed in the browser through GET /api/events.
 */
export default async function EventsPage({ searchParams }: Props) {
  await requirePageUser("events.read");
  const query = toEventsQuery(await loadEventsSearchParams(searchParams));
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery({
    ...eventsFeedQueryOptions(query),
    queryFn: async () => loadEventsFeed(await getDb(), query, { runner: getEventSyncRunner() }),
  });

  return (
    <div className="flex flex-col gap-5">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Events</h1>
        <p className="text-sm text-muted-foreground">
          Every SIM&apos;s status and rate plan changes and network attach / detach, newest first. Open a
          SIM&apos;s timeline for the full story: who asked, why, and when KORE confirmed it.
        </p>
      </header>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <EventsFeed />
      </HydrationBoundary>
    </div>
  );
}
