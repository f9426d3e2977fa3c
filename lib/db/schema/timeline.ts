/**
 * The console's own copy of KORE Monitor events (sim-api.md §12), so a SIM's history outlives the
 * upstream's 30-day retention, and the background sync's position per event type.
 *
 * Events are stored in the console's camelCase domain shape (lib/kore/schemas.ts `SimEvent`),
 * never the wire format. The event SID is the primary key: the per-SIM fetch and the background
 * sync may both see one event, and a redelivered page must not add a second row.
 *
 * Relative imports only: drizzle-kit loads this file without the `@/` path alias.
 */
import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** `{ property: { previous, updated } }` as the upstream reported it (camelCase property names). */
export type StoredEventChanges = Record<string, { previous: unknown; updated: unknown }>;

export const simEvents = pgTable(
  "sim_events",
  {
    sid: text("sid").primaryKey(),
    simSid: text("sim_sid"),
    accountSid: text("account_sid"),
    eventType: text("event_type"),
    eventDate: at("event_date").notNull(),
    actorSid: text("actor_sid"),
    actorType: text("actor_type"),
    source: text("source"),
    sourceIpAddress: text("source_ip_address"),
    description: text("description"),
    changes: jsonb("changes").$type<StoredEventChanges>().notNull(),
    // The rest of `event_data` (camelCased), e.g. the data session of an attach / detach.
    data: jsonb("data").$type<Record<string, unknown>>(),
    storedAt: at("stored_at").defaultNow().notNull(),
  },
  (t) => [
    index("sim_events_sim_sid_idx").on(t.simSid, t.eventDate.desc()),
    index("sim_events_event_date_idx").on(t.eventDate.desc(), t.sid.desc()),
    index("sim_events_event_type_idx").on(t.eventType, t.eventDate.desc()),
    index("sim_events_actor_sid_idx").on(t.actorSid),
  ],
);

/**
 * One row per synced event type: the newest event date stored so far (the next run asks the
 * upstream from there, so a restart resumes instead of starting over) and the health of the sync.
 */
export const eventSyncState = pgTable("event_sync_state", {
  eventType: text("event_type").primaryKey(),
  cursorDate: at("cursor_date"),
  lastRunAt: at("last_run_at"),
  lastSuccessAt: at("last_success_at"),
  // User-safe text only (a KoreError's userMessage): the /events page shows it.
  lastError: text("last_error"),
  consecutiveFailures: integer("consecutive_failures").default(0).notNull(),
  updatedAt: at("updated_at").defaultNow().notNull(),
});
