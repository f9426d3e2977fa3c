/**
 * Status callbacks the upstream delivered for SIMs (sim-api.md §9). The dedupe key makes a
 * redelivered callback a no-op insert instead of a second row.
 */
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const simCallbacks = pgTable(
  "sim_callbacks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    simSid: text("sim_sid").notNull(),
    status: text("status").notNull(),
    previousStatus: text("previous_status"),
    // Every parameter as received (form or query), so fields we do not model yet are not lost.
    params: jsonb("params").$type<Record<string, string>>().notNull(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }).defaultNow().notNull(),
  },
  (t) => [index("sim_callbacks_sim_sid_idx").on(t.simSid, t.receivedAt)],
);
