/**
 * The SIM list as GET /api/sims sends it: each row an array of values in `SIM_ROW_COLUMNS` order,
 * instead of an object that repeats the nine key names. The browser turns it back into a
 * `SimListPage` before React Query caches it, so the cache, the server page's prefetch and every
 * component see the same objects.
 *
 * Why: a 1000-row page is 177 KB instead of 284 KB of JSON. That is less for the server to write
 * and for the browser to read and parse (over 128 KB, a response's text is a large object the
 * engine has to page in), about 1 ms per 1000-row page on this project's reference machine, where
 * the route's whole overhead over the upstream is about 6 ms (bench/sims-table.ts).
 */
import type { SimListPage, SimRow } from "./sim-row";

export const SIM_ROW_COLUMNS = [
  "sid",
  "uniqueName",
  "friendlyName",
  "iccid",
  "status",
  "resetStatus",
  "ratePlanSid",
  "dateCreated",
  "dateUpdated",
] as const satisfies readonly (keyof SimRow)[];

/** Fails to compile when `SimRow` gains a field the columns above do not list. */
type Unlisted = Exclude<keyof SimRow, (typeof SIM_ROW_COLUMNS)[number]>;
const everyFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyFieldListed;

type ValuesOf<C extends readonly (keyof SimRow)[]> = {
  -readonly [I in keyof C]: SimRow[C[I] & keyof SimRow];
};
type SimRowValues = ValuesOf<typeof SIM_ROW_COLUMNS>;

export type SimListWire = Omit<SimListPage, "sims"> & {
  columns: readonly string[];
  rows: SimRowValues[];
};

export function toSimListWire(page: SimListPage): SimListWire {
  const { sims, ...rest } = page;
  return {
    ...rest,
    columns: SIM_ROW_COLUMNS,
    rows: sims.map((s) => SIM_ROW_COLUMNS.map((column) => s[column]) as unknown as SimRowValues),
  };
}

export function fromSimListWire(wire: SimListWire): SimListPage {
  const { columns, rows, ...rest } = wire;
  // A browser tab from before a deploy talking to a newer server (or the reverse) must not show
  // one column's values under another's heading.
  if (columns.length !== SIM_ROW_COLUMNS.length || columns.some((c, i) => c !== SIM_ROW_COLUMNS[i])) {
    throw new Error(`The SIM list came with unexpected columns (${columns.join(", ")}). Reload the page.`);
  }
  // Built from SIM_ROW_COLUMNS, the one place that says which value sits where.
  const sims = rows.map((values) => {
    const sim: Record<string, unknown> = {};
    SIM_ROW_COLUMNS.forEach((column, i) => {
      sim[column] = values[i];
    });
    return sim as SimRow;
  });
  return { ...rest, sims };
}
