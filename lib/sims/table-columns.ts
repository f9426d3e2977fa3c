/**
 * The SIM table's column ids and the per-user "which columns are hidden" preference. Pure, so the
 * server page (reading the preference), the server action (saving it) and the client table agree.
 *
 * The preference stores what is hidden, not what is shown: a column added in a later release
 * appears for everyone instead of staying invisible for people who saved a choice before it existed.
 */
import * as z from "zod/mini";

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

// zod/mini: the table (a client component) imports this module; full zod would add ~90 KB there.
export const simTableColumnsPreferenceSchema = z.object({
  hidden: z.pipe(
    z.array(z.enum(HIDEABLE_SIM_COLUMN_IDS)).check(z.maxLength(SIM_COLUMN_IDS.length)),
    z.transform((ids) => [...new Set(ids)]),
  ),
});
export type SimTableColumnsPreference = z.output<typeof simTableColumnsPreferenceSchema>;

/**
 * A stored value as a preference. Anything unreadable (an old format, a column that was removed)
 * falls back to showing every column rather than failing the page.
 */
export function readSimTableColumnsPreference(value: unknown): SimTableColumnsPreference {
  if (typeof value === "object" && value !== null && Array.isArray((value as { hidden?: unknown }).hidden)) {
    const known = (value as { hidden: unknown[] }).hidden.filter((id): id is string =>
      (HIDEABLE_SIM_COLUMN_IDS as readonly unknown[]).includes(id),
    );
    return simTableColumnsPreferenceSchema.parse({ hidden: known });
  }
  return { hidden: [] };
}

/** The table's column visibility state for a preference (absent = visible). */
export function toColumnVisibility(preference: SimTableColumnsPreference): Record<string, boolean> {
  return Object.fromEntries(preference.hidden.map((id) => [id, false]));
}

/** The hidden columns of a visibility state, as stored. */
export function hiddenColumnsOf(visibility: Record<string, boolean>): SimTableColumnsPreference["hidden"] {
  return HIDEABLE_SIM_COLUMN_IDS.filter((id) => visibility[id] === false);
}
