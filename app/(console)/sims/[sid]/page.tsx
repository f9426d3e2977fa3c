import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { requirePageUser } from "@/lib/auth/page-guard";
import { isUserSafeError } from "@/lib/http/app-error";
import { listRatePlans } from "@/lib/kore/rate-plans";
import { accountOptionsQueryOptions, simDetailQueryOptions } from "@/lib/queries/sim-detail";
import { ratePlansQueryOptions } from "@/lib/queries/sims";
import { getQueryClient } from "@/lib/query-client";
import { loadAccountOptions, loadSimDetail, type SimDetail } from "@/lib/sims/sim-detail";
import { SimDetailView } from "./_components/sim-detail-view";
import { SimLoadError } from "./_components/sim-load-error";

export const metadata: Metadata = { title: "SIM" };

type Props = {
  params: Promise<{ sid: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * One SIM. Reads it from KORE (a SID or a unique name in the address), answers a proper 404 for
 * one that does not exist and the typed message for any other upstream failure, then hands the
 * browser a hydrated cache; from there the page refetches through /api/sims/[sid].
 */
export default async function SimPage({ params, searchParams }: Props) {
  const user = await requirePageUser("sims.read");
  const { sid } = await params;

  let detail: SimDetail;
  try {
    detail = await loadSimDetail(sid);
  } catch (error) {
    // Duck-typed, not `instanceof KoreError`: the process-wide KORE client may have been built by
    // another server bundle, whose copy of the KoreError class is not this one.
    if (isUserSafeError(error)) {
      if (error.code === 20404 || error.code === 33107 || error.httpStatus === 404) notFound();
      console.error(`[sims/${sid}] loading the SIM failed:`, error.message);
      return <SimLoadError identifier={sid} message={error.userMessage} />;
    }
    throw error;
  }

  // One address per SIM: a unique name can change (or be cleared) on this very page.
  if (detail.sim.sid !== sid) redirect(`/sims/${detail.sim.sid}${toSearch(await searchParams)}`);

  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery({ ...simDetailQueryOptions(detail.sim.sid), queryFn: async () => detail }),
    // Names for the header; a failure here is not dehydrated, and the browser asks again.
    queryClient.prefetchQuery({ ...ratePlansQueryOptions(), queryFn: () => listRatePlans() }),
    queryClient.prefetchQuery({
      ...accountOptionsQueryOptions(detail.sim.sid),
      queryFn: () => loadAccountOptions(),
    }),
  ]);

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <SimDetailView sid={detail.sim.sid} role={user.role} />
    </HydrationBoundary>
  );
}

function toSearch(params: Record<string, string | string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) search.append(key, v);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
