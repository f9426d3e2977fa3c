/**
 * The shape of the fleet-wide events feed (`GET /api/events`, the /events page). Pure: the client
 * component imports the types.
 */
import { z } from "zod";

const changeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const feedEventSchema = z.object({
  sid: z.string(),
  simSid: z.string().nullable(),
  eventType: z.string().nullable(),
  at: z.string(),
  changes: z.array(changeSchema),
  source: z.string().nullable(),
  actorSid: z.string().nullable(),
  actorType: z.string().nullable(),
  /** The console person whose request explains the change (lib/timeline/correlate.ts). */
  requestedBy: z
    .object({ email: z.string().nullable(), role: z.string().nullable(), reason: z.string().nullable() })
    .nullable(),
});
export type FeedEvent = z.infer<typeof feedEventSchema>;

export const feedSyncSchema = z.object({
  /** The oldest "last successful run" over the synced event types; null before the first. */
  lastSuccessAt: z.string().nullable(),
  /** The latest failure's user-safe text while the sync is failing, else null. */
  error: z.string().nullable(),
  /** False when the background sync is switched off (EVENT_SYNC_INTERVAL_SECONDS=0). */
  running: z.boolean(),
});

export const eventsFeedSchema = z.object({
  events: z.array(feedEventSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  pageCount: z.number(),
  sync: feedSyncSchema,
  /** Actor SIDs seen in the store, to suggest in the actor filter. */
  actorSids: z.array(z.string()),
});
export type EventsFeed = z.infer<typeof eventsFeedSchema>;
