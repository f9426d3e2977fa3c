/**
 * React Query options for jobs: the list, one job, and its items a page at a time. While a job
 * has work left they refetch every second or two, which is how the pages show progress without a
 * socket; a finished job is never refetched.
 */
import { infiniteQueryOptions, keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { JobItemStatus } from "@/lib/jobs/store";
import type { ItemPage, JobDetail, JobSummary } from "@/lib/jobs/views";
import { fetchJson, retryUnreachableOnce } from "./fetch-json";

export const jobKeys = {
  all: ["jobs"] as const,
  list: () => [...jobKeys.all, "list"] as const,
  detail: (id: string) => [...jobKeys.all, "detail", id] as const,
  items: (id: string, statuses: readonly JobItemStatus[]) => [...jobKeys.all, "items", id, statuses] as const,
};

const LIVE_STATUSES = new Set(["queued", "running"]);

export function isJobLive(job: { status: string } | undefined): boolean {
  return job !== undefined && LIVE_STATUSES.has(job.status);
}

export function jobListQueryOptions() {
  return queryOptions({
    queryKey: jobKeys.list(),
    queryFn: ({ signal }) => fetchJson<{ jobs: JobSummary[] }>("/api/jobs", signal),
    refetchInterval: (query) => (query.state.data?.jobs.some(isJobLive) ? 2000 : false),
    retry: retryUnreachableOnce,
  });
}

export function jobDetailQueryOptions(id: string) {
  return queryOptions({
    queryKey: jobKeys.detail(id),
    queryFn: ({ signal }) => fetchJson<JobDetail>(`/api/jobs/${id}`, signal),
    refetchInterval: (query) => (isJobLive(query.state.data) ? 1000 : false),
    retry: retryUnreachableOnce,
  });
}

export const ITEM_PAGE_SIZE = 200;

export function jobItemsQueryOptions(id: string, statuses: readonly JobItemStatus[], live: boolean) {
  return infiniteQueryOptions({
    queryKey: jobKeys.items(id, statuses),
    queryFn: ({ signal, pageParam }) => {
      const query = new URLSearchParams({ limit: String(ITEM_PAGE_SIZE) });
      if (statuses.length > 0) query.set("status", statuses.join(","));
      if (pageParam !== null) query.set("after", String(pageParam));
      return fetchJson<ItemPage>(`/api/jobs/${id}/items?${query}`, signal);
    },
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextAfter,
    placeholderData: keepPreviousData,
    refetchInterval: live ? 2000 : false,
    retry: retryUnreachableOnce,
  });
}
