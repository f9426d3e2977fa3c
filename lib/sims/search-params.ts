/**
 * The SIM table's state lives in the URL, so any view can be bookmarked, shared and walked back
 * through with the browser's history. This module is the one contract for it:
 *
 * - `simListQuerySchema`: the zod rules for every param, strict (the GET route refuses bad input);
 * - `simSearchParsers`: nuqs parsers built from the same field rules but lenient (a hand-edited or
 *   stale URL drops the bad param instead of breaking the page), with `loadSimSearchParams` for the
 *   server component and `serializeSimSearch` for building links and API URLs;
 * - `resolveSimSearch`: URL state → the query the table fetches (its React Query key), or the
 *   inline error to show instead of sending a request.
 *
 * `page` is the 1-based page number people see; the upstream's `Page` is 0-based and converted in
 * `toUpstreamListParams` only. `pageToken` is the upstream's opaque cursor, followed verbatim.
 *
 * zod/mini rather than zod: the table runs this in the browser, where full zod would add ~90 KB
 * to the page. The GET route wraps `simListQuerySchema` in full zod for its error reporting.
 */
import { createLoader, createParser, createSerializer, type inferParserType } from "nuqs/server";
import * as z from "zod/mini";
import type { SimListParams } from "@/lib/kore/params";
import { SIM_STATUSES } from "@/lib/kore/sim-status";
import { checkIccid, iccidSchema } from "./iccid";

export const PAGE_SIZES = [25, 50, 100, 250, 500, 1000] as const;
export const DEFAULT_PAGE_SIZE = 50;

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

const fields = {
  status: z.enum(SIM_STATUSES),
  // The raw text as typed; `resolveSimSearch` normalises and validates it so an invalid ICCID in a
  // shared link still shows what was searched, with the reason it was not sent.
  iccid: text(64),
  ratePlan: text(128),
  registrationCode: text(128),
  eid: text(64),
  pageSize: z.pipe(z.coerce.number(), z.literal(PAGE_SIZES)),
  page: z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(10_000_000))),
  // Opaque upstream cursors (e.g. `PADE…`): printable ASCII, bounded so a URL cannot smuggle junk.
  pageToken: z.string().check(z.regex(/^[\x21-\x7e]{1,512}$/)),
};

export const simListQuerySchema = z.object({
  status: z.optional(fields.status),
  iccid: z.optional(iccidSchema),
  ratePlan: z.optional(fields.ratePlan),
  registrationCode: z.optional(fields.registrationCode),
  eid: z.optional(fields.eid),
  pageSize: z._default(fields.pageSize, DEFAULT_PAGE_SIZE),
  page: z._default(fields.page, 1),
  pageToken: z.optional(fields.pageToken),
});

/** One page request of the SIM list, as the GET route and the React Query key see it. */
export type SimListQuery = z.output<typeof simListQuerySchema>;

function fromSchema<T>(schema: z.ZodMiniType<T>, serialize: (value: T) => string = String) {
  return createParser<T>({
    parse: (value) => {
      const parsed = schema.safeParse(value);
      return parsed.success ? parsed.data : null;
    },
    serialize,
  });
}

export const simSearchParsers = {
  status: fromSchema(fields.status),
  iccid: fromSchema(fields.iccid),
  ratePlan: fromSchema(fields.ratePlan),
  registrationCode: fromSchema(fields.registrationCode),
  eid: fromSchema(fields.eid),
  pageSize: fromSchema(fields.pageSize).withDefault(DEFAULT_PAGE_SIZE),
  page: fromSchema(fields.page).withDefault(1),
  pageToken: fromSchema(fields.pageToken),
};

/** The table's state as read from the URL (absent params are null, defaults applied). */
export type SimSearchState = inferParserType<typeof simSearchParsers>;

/** A change to the URL state: null clears a param (and restores its default). */
export type SimSearchPatch = { [K in keyof SimSearchState]?: SimSearchState[K] | null };

export const loadSimSearchParams = createLoader(simSearchParsers);

/** Query string for a state or query (defaults and empty values are left out, keeping URLs short). */
export const serializeSimSearch = createSerializer(simSearchParsers);

export const FILTER_KEYS = ["status", "iccid", "ratePlan", "registrationCode", "eid"] as const;
export type SimFilterKey = (typeof FILTER_KEYS)[number];

/** A filter change: applies the patch and goes back to the first page (old cursors no longer apply). */
export function filterChange(patch: Pick<SimSearchPatch, SimFilterKey>): SimSearchPatch {
  return { ...patch, page: null, pageToken: null };
}

/** Clears every filter and returns to the first page; the page size is a preference, so it stays. */
export const CLEAR_FILTERS = filterChange({
  status: null,
  iccid: null,
  ratePlan: null,
  registrationCode: null,
  eid: null,
});

export function hasActiveFilters(state: Pick<SimSearchState, SimFilterKey>): boolean {
  return FILTER_KEYS.some((key) => state[key] !== null);
}

export type SimSearchResolution =
  | { ok: true; query: SimListQuery; iccidWarning?: string }
  | { ok: false; fieldErrors: { iccid: string } };

/**
 * The query to fetch for a URL state. Absent values are left out (not `undefined`), so the server's
 * prefetch and the browser build the same React Query key for the same URL.
 */
export function resolveSimSearch(state: SimSearchState): SimSearchResolution {
  let iccidWarning: string | undefined;
  if (state.iccid !== null) {
    const check = checkIccid(state.iccid);
    if (!check.ok) return { ok: false, fieldErrors: { iccid: check.message } };
    iccidWarning = check.warning;
  }
  const present = Object.fromEntries(Object.entries(state).filter(([, value]) => value !== null));
  const query = simListQuerySchema.parse(present);
  return iccidWarning ? { ok: true, query, iccidWarning } : { ok: true, query };
}

/**
 * A cursor of the upstream's pager (0-based page index + token) as URL state (1-based page). An
 * empty token means the link carried none (e.g. the first page), which the URL leaves out.
 */
export function pageLinkState(link: { page: number; pageToken: string | null }) {
  return { page: link.page + 1, pageToken: link.pageToken || null };
}

/** The query as the KORE client's list parameters (upstream names, 0-based page). */
export function toUpstreamListParams(query: SimListQuery) {
  return {
    status: query.status,
    iccid: query.iccid,
    ratePlan: query.ratePlan,
    simRegistrationCode: query.registrationCode,
    eId: query.eid,
    pageSize: query.pageSize,
    page: query.page - 1,
    pageToken: query.pageToken,
  } satisfies SimListParams;
}

/** The rows a page shows, 1-based and inclusive, for the "rows 51–100" line (null when empty). */
export function shownRowRange(page: number, pageSize: number, rowCount: number) {
  if (rowCount === 0) return null;
  const first = (page - 1) * pageSize + 1;
  return { first, last: first + rowCount - 1 };
}
