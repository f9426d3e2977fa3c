/**
 * The SIM table's state lives in the URL, so any view can be bookmarked, shared and walked back
 * through with the browser's history. This module is the one contract for it:
 *
 * - `simSearchRules`: what each param may hold, one parse function per param (null = invalid);
 * - `simSearchParsers`: nuqs parsers built from those rules, lenient (a hand-edited or stale URL
 *   drops the bad param instead of breaking the page), with `loadSimSearchParams` for the server
 *   component and `serializeSimSearch` for links and API URLs;
 * - `resolveSimSearch`: URL state → the query the table fetches (its React Query key), or the
 *   inline error to show instead of sending a request.
 *
 * The same rules become a strict zod schema at the server's edge (`lib/sims/sim-list-query.ts`,
 * the GET route's 400 with field errors). They are plain functions here because the table runs
 * this module in the browser, where zod would add 22 KB (zod/mini) to 90 KB (zod) to the page.
 *
 * `page` is the 1-based page number people see; the upstream's `Page` is 0-based and converted in
 * `toUpstreamListParams` only. `pageToken` is the upstream's opaque cursor, followed verbatim.
 */
import { createLoader, createParser, createSerializer, type inferParserType } from "nuqs/server";
import type { SimListParams } from "@/lib/kore/params";
import { knownSimStatus } from "@/lib/kore/sim-status";
import { checkIccid } from "./iccid";

export const PAGE_SIZES = [25, 50, 100, 250, 500, 1000] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 50;
export const MAX_PAGE = 10_000_000;

const text =
  (max: number) =>
  (raw: string): string | null => {
    const value = raw.trim();
    return value.length >= 1 && value.length <= max ? value : null;
  };

/** One parse function per URL param: the value it stands for, or null when it breaks the rules. */
export const simSearchRules = {
  status: (raw: string) => knownSimStatus(raw.trim()),
  // Kept as typed (bounded): `resolveSimSearch` checks it, so a shared link with a bad ICCID
  // still shows what was searched and why it was not sent.
  iccid: text(64),
  ratePlan: text(128),
  registrationCode: text(128),
  eid: text(64),
  pageSize: (raw: string): PageSize | null => PAGE_SIZES.find((size) => String(size) === raw.trim()) ?? null,
  page: (raw: string): number | null => {
    const value = raw.trim();
    if (!/^\d{1,8}$/.test(value)) return null;
    const page = Number(value);
    return page >= 1 && page <= MAX_PAGE ? page : null;
  },
  // Opaque upstream cursors (e.g. `PADE…`): printable ASCII, bounded so a URL cannot smuggle junk.
  pageToken: (raw: string): string | null => (/^[\x21-\x7e]{1,512}$/.test(raw) ? raw : null),
};

function fromRule<T>(rule: (raw: string) => T | null) {
  return createParser<T>({ parse: rule, serialize: String });
}

export const simSearchParsers = {
  status: fromRule(simSearchRules.status),
  iccid: fromRule(simSearchRules.iccid),
  ratePlan: fromRule(simSearchRules.ratePlan),
  registrationCode: fromRule(simSearchRules.registrationCode),
  eid: fromRule(simSearchRules.eid),
  pageSize: fromRule(simSearchRules.pageSize).withDefault(DEFAULT_PAGE_SIZE),
  page: fromRule(simSearchRules.page).withDefault(1),
  pageToken: fromRule(simSearchRules.pageToken),
};

/** The table's state as read from the URL (absent params are null, defaults applied). */
export type SimSearchState = inferParserType<typeof simSearchParsers>;

/** A change to the URL state: null clears a param (and restores its default). */
export type SimSearchPatch = { [K in keyof SimSearchState]?: SimSearchState[K] | null };

type Paging = "pageSize" | "page";

/**
 * One page request of the SIM list, as the GET route and the React Query key see it: the URL
 * state with absent values left out and the ICCID normalised.
 */
export type SimListQuery = {
  [K in Exclude<keyof SimSearchState, Paging>]?: NonNullable<SimSearchState[K]>;
} & Pick<SimSearchState, Paging>;

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
  let iccid: string | undefined;
  let iccidWarning: string | undefined;
  if (state.iccid !== null) {
    const check = checkIccid(state.iccid);
    if (!check.ok) return { ok: false, fieldErrors: { iccid: check.message } };
    iccid = check.iccid;
    iccidWarning = check.warning;
  }
  const query: SimListQuery = { pageSize: state.pageSize, page: state.page };
  if (state.status !== null) query.status = state.status;
  if (iccid !== undefined) query.iccid = iccid;
  if (state.ratePlan !== null) query.ratePlan = state.ratePlan;
  if (state.registrationCode !== null) query.registrationCode = state.registrationCode;
  if (state.eid !== null) query.eid = state.eid;
  if (state.pageToken !== null) query.pageToken = state.pageToken;
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
