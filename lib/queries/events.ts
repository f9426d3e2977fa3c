/**
 * React Query options for the fleet-wide events feed (`GET /api/events`). The /events server page
 * prefetches with the same key (calling lib/timeline directly); the browser refetches the route.
 * The key is the parsed URL query, so one URL is one cache entry on both sides.
 */
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { type EventsQuery, serializeEventsSearch } from "@/lib/timeline/events-query";
import type { EventsFeed } from "@/lib/timeline/feed";
import { fetchJson, retryUnreachableOnce } from "./fetch-json";

export const eventsKeys = {
  all: ["events"] as const,
  feed: (query: EventsQuery) => [...eventsKeys.all, "feed", query] as const,
};

/** New events arrive through the background sync; the open feed picks them up this often. */
export const FEED_REFRESH_MS = 30_000;

export function eventsFeedQueryOptions(query: EventsQuery) {
  return queryOptions({
    queryKey: eventsKeys.feed(query),
    queryFn: ({ signal }) => fetchJson<EventsFeed>(`/api/events${serializeEventsSearch(query)}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: FEED_REFRESH_MS,
    retry: retryUnreachableOnce,
  });
}
