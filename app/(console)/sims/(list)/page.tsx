import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/page-guard";
import type { Role } from "@/lib/auth/permissions";
import { listRatePlans } from "@/lib/kore/rate-plans";
import { listSimSummariesPage } from "@/lib/kore/sims";
import { ratePlansQueryOptions, simListQueryOptions } from "@/lib/queries/sims";
import { getQueryClient } from "@/lib/query-client";
import { loadSimSearchParams, resolveSimSearch, toUpstreamListParams } from "@/lib/sims/search-params";
import { toColumnVisibility } from "@/lib/sims/table-columns";
import { getSimTableColumnsPreference } from "@/lib/sims/table-preferences";
import { SimsTable } from "./_components/sims-table";

export const metadata: Metadata = { title: "SIMs" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Parses the URL, prefetches the first page and the rate plans into React Query (the browser
 * hydrates them and refetches through /api/sims with the same keys), and reads the person's
 * column choice so hidden columns never flash in.
 */
export default async function SimsPage({ searchParams }: Props) {
  const user = await requirePageUser("sims.read");
  const search = resolveSimSearch(await loadSimSearchParams(searchParams));
  const queryClient = getQueryClient();

  const [preference] = await Promise.all([
    getSimTableColumnsPreference(user.id),
    // A failed prefetch is not dehydrated: the browser asks again and shows the error state.
    search.ok
      ? queryClient.prefetchQuery({
          ...simListQueryOptions(search.query),
          queryFn: () => logFailure("SIM list", listSimSummariesPage(toUpstreamListParams(search.query))),
        })
      : null,
    queryClient.prefetchQuery({
      ...ratePlansQueryOptions(),
      queryFn: () => logFailure("rate plans", listRatePlans()),
    }),
  ]);

  return (
    <div className="flex flex-col gap-5">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">SIMs</h1>
        <p className="text-sm text-muted-foreground">
          The account&apos;s SIMs, live from KORE. Filters and the page you are on are part of the address:
          share it to share this view.
        </p>
      </header>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <SimsTable initialColumnVisibility={toColumnVisibility(preference)} role={user.role as Role} />
      </HydrationBoundary>
    </div>
  );
}

async function logFailure<T>(what: string, promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    // Duck-typed: the bundler may give this page its own copy of the KoreError class.
    const { message, detail } = error as { message?: string; detail?: string | null };
    console.error(
      `[sims] prefetching the ${what} failed: ${message ?? String(error)}${detail ? ` (${detail})` : ""}`,
    );
    throw error;
  }
}
