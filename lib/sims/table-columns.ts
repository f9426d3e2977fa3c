/**
 * The SIM table's column ids and how the per-user "which columns are hidden" preference maps to
 * the table's visibility state. The client table imports this, so it carries no zod; the stored
 * value is validated on the server (table-columns-schema.ts).
 *
 * The preference stores what is hidden, not what is shown: a column added in a later release
 * appears for everyone instead of staying invisible for people who saved a choice before it existed.
 */
import type { SimTableColumnsPreference } from "./table-columns-schema";

/** The ICCID identifies the row and carries its link, so it cannot be hidden; these can. */
export const HIDEABLE_SIM_COLUMN_IDS = [
  "name",
  "status",
  "ratePlan",
  "reset",
  "dateCreated",
  "dateUpdated",
] as const;

/** In display order. */
export const SIM_COLUMN_IDS = ["iccid", ...HIDEABLE_SIM_COLUMN_IDS] as const;
export type SimColumnId = (typeof SIM_COLUMN_IDS)[number];

export const SIM_TABLE_COLUMNS_PREFERENCE = "sims.table.columns";

/** The table's column visibility state for a preference (absent = visible). */
export function toColumnVisibility(preference: SimTableColumnsPreference): Record<string, boolean> {
  return Object.fromEntries(preference.hidden.map((id) => [id, false]));
}

/** The hidden columns of a visibility state, as stored. */
export function hiddenColumnsOf(visibility: Record<string, boolean>): SimTableColumnsPreference["hidden"] {
  return HIDEABLE_SIM_COLUMN_IDS.filter((id) => visibility[id] === false);
}
