/**
 * The stored SIM table column preference, validated where it crosses into the server (the save
 * action) and where it comes back out of the database. Server-side: the client table only needs
 * the type.
 */
import { z } from "zod";
import { HIDEABLE_SIM_COLUMN_IDS, SIM_COLUMN_IDS } from "./table-columns";

export const simTableColumnsPreferenceSchema = z.object({
  hidden: z
    .array(z.enum(HIDEABLE_SIM_COLUMN_IDS))
    .max(SIM_COLUMN_IDS.length)
    .transform((ids) => [...new Set(ids)]),
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
