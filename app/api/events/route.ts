/**
 * GET /api/events?type=…&from=…&to=…&actor=…&sim=…&page=…&pageSize=…: the fleet-wide feed of
 * SIM lifecycle events from the console's store, kept fresh by the background sync that
 * instrumentation.ts starts (the first page nudges it when it has not run for a few seconds; with
 * the sync switched off the feed shows what is stored). Same parameters as the /events page.
 */
import { getDb } from "@/lib/db/get-db";
import { defineRoute } from "@/lib/http/define-route";
import { getEventSyncRunner } from "@/lib/timeline/event-sync";
import { loadEventsFeed } from "@/lib/timeline/events-feed";
import { eventsQuerySchema } from "@/lib/timeline/events-query";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ permission: "events.read", query: eventsQuerySchema }, async (_ctx, query) =>
  loadEventsFeed(await getDb(), query, { runner: getEventSyncRunner() }),
);
