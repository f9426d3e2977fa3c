/**
 * React Query options for the SIM detail page. The server page prefetches the SIM with the same
 * key (swapping in a queryFn that calls lib/kore directly); the browser refetches the GET routes
 * under /api/sims/[sid].
 *
 * The SIM itself is polled every 2 s while the upstream is still working on it (`updating`,
 * `scheduled`, or a reset running), so the page follows a change to its final state without a
 * reload; otherwise it is left alone.
 */
import { queryOptions } from "@tanstack/react-query";
import type { SessionRow } from "@/lib/sims/session-rows";
import type { AccountOption, ResetCheck, SimDetail } from "@/lib/sims/sim-detail";
import { isSimTransient } from "@/lib/sims/status-info";
import type { UsageQuery, UsageSummary } from "@/lib/sims/usage-summary";
import { fetchJson, retryUnreachableOnce } from "./fetch-json";

export const TRANSIENT_POLL_MS = 2_000;

export const simDetailKeys = {
  all: ["sim"] as const,
  sim: (sid: string) => [...simDetailKeys.all, sid] as const,
  detail: (sid: string) => [...simDetailKeys.sim(sid), "detail"] as const,
  usage: (sid: string, query: UsageQuery) => [...simDetailKeys.sim(sid), "usage", query] as const,
  sessions: (sid: string) => [...simDetailKeys.sim(sid), "sessions"] as const,
  resetCheck: (sid: string) => [...simDetailKeys.sim(sid), "reset-check"] as const,
  accounts: ["accounts"] as const,
};

const base = (sid: string) => `/api/sims/${encodeURIComponent(sid)}`;

export function simDetailQueryOptions(sid: string) {
  return queryOptions({
    queryKey: simDetailKeys.detail(sid),
    queryFn: ({ signal }) => fetchJson<SimDetail>(base(sid), signal),
    refetchInterval: (query) =>
      query.state.data && isSimTransient(query.state.data.sim) ? TRANSIENT_POLL_MS : false,
    // Keep polling in a background tab: the point is to notice when the change lands.
    refetchIntervalInBackground: true,
    retry: retryUnreachableOnce,
  });
}

export function simUsageQueryOptions(sid: string, query: UsageQuery) {
  const search = new URLSearchParams({ range: query.range });
  if (query.range === "custom" && query.start && query.end) {
    search.set("start", query.start);
    search.set("end", query.end);
  }
  return queryOptions({
    queryKey: simDetailKeys.usage(sid, query),
    queryFn: ({ signal }) => fetchJson<UsageSummary>(`${base(sid)}/usage?${search}`, signal),
    retry: retryUnreachableOnce,
    // Usage lags 24–48 h upstream; re-reading it more often than every few minutes shows nothing new.
    staleTime: 5 * 60_000,
  });
}

export function simSessionsQueryOptions(sid: string, options: { pollMs?: number | false } = {}) {
  return queryOptions({
    queryKey: simDetailKeys.sessions(sid),
    queryFn: ({ signal }) => fetchJson<SessionRow[]>(`${base(sid)}/sessions`, signal),
    refetchInterval: options.pollMs ?? false,
    retry: retryUnreachableOnce,
  });
}

export function simResetCheckQueryOptions(sid: string) {
  return queryOptions({
    queryKey: simDetailKeys.resetCheck(sid),
    queryFn: ({ signal }) => fetchJson<ResetCheck>(`${base(sid)}/reset-check`, signal),
    retry: retryUnreachableOnce,
    staleTime: 0,
  });
}

export function accountOptionsQueryOptions(sid: string) {
  return queryOptions({
    queryKey: simDetailKeys.accounts,
    queryFn: ({ signal }) => fetchJson<AccountOption[]>(`${base(sid)}/accounts`, signal),
    retry: retryUnreachableOnce,
    // The account tree changes when someone creates a subaccount: rarely.
    staleTime: 10 * 60_000,
  });
}
