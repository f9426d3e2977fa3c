/**
 * React Query options for the SIM list and the account's rate plans. The server page prefetches
 * with these keys (swapping in a queryFn that calls lib/kore directly); the browser fetches the
 * GET routes, which call the same functions. Keys come from the parsed URL (`SimListQuery`), so a
 * URL maps to exactly one cache entry on both sides.
 */
import { keepPreviousData, queryOptions, skipToken } from "@tanstack/react-query";
import type { RatePlan } from "@/lib/kore/schemas";
import type { SimListQuery } from "@/lib/sims/search-params";
import { serializeSimSearch } from "@/lib/sims/search-params";
import { fromSimListWire, type SimListWire } from "@/lib/sims/sim-list-wire";
import type { SimListPage } from "@/lib/sims/sim-row";
import { isSimTransient } from "@/lib/sims/status-info";
import { fetchJson, retryUnreachableOnce } from "./fetch-json";

/** How often a page holding SIMs mid-change (updating, scheduled, resetting) is refetched. */
export const TRANSIENT_REFETCH_MS = 3000;

/** Refetch while any SIM on the page is still changing upstream; stop once they all settle. */
export function simListRefetchInterval(page: SimListPage | undefined): number | false {
  return page?.sims.some(isSimTransient) ? TRANSIENT_REFETCH_MS : false;
}

export const simKeys = {
  all: ["sims"] as const,
  lists: () => [...simKeys.all, "list"] as const,
  list: (query: SimListQuery) => [...simKeys.lists(), query] as const,
};

export const ratePlanKeys = {
  all: ["rate-plans"] as const,
};

/**
 * One page of the SIM list. `null` stands for a search that must not be sent (an invalid ICCID
 * in the URL): the query then never fetches and caches nothing.
 */
export function simListQueryOptions(query: SimListQuery | null) {
  return queryOptions({
    queryKey: query ? simKeys.list(query) : [...simKeys.lists(), null],
    queryFn: query
      ? async ({ signal }) =>
          fromSimListWire(await fetchJson<SimListWire>(`/api/sims${serializeSimSearch(query)}`, signal))
      : skipToken,
    // The page on screen stays while the next one loads, instead of flashing a skeleton.
    placeholderData: keepPreviousData,
    refetchInterval: (q) => simListRefetchInterval(q.state.data),
    retry: retryUnreachableOnce,
  });
}

export function ratePlansQueryOptions() {
  return queryOptions({
    queryKey: ratePlanKeys.all,
    queryFn: ({ signal }) => fetchJson<RatePlan[]>("/api/rate-plans", signal),
    retry: retryUnreachableOnce,
    // An account has a handful of plans that rarely change.
    staleTime: 5 * 60_000,
  });
}
