"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type ColumnVisibilityState, type SortingState, type Updater, useTable } from "@tanstack/react-table";
import { SearchX, TriangleAlert } from "lucide-react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { DataTable } from "@/components/data-table/data-table";
import { dataTableFeatures } from "@/components/data-table/data-table-features";
import { DataTableMessage } from "@/components/data-table/data-table-message";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar";
import { DataTableViewOptions } from "@/components/data-table/data-table-view-options";
import { selectionColumn } from "@/components/jobs/selection-column";
import { usePageSelection } from "@/components/jobs/use-page-selection";
import { SyncStatus } from "@/components/sims/sync-status";
import { Button } from "@/components/ui/button";
import { saveSimTableColumns } from "@/lib/actions/preferences";
import type { Role } from "@/lib/auth/permissions";
import { ratePlansQueryOptions, simListQueryOptions } from "@/lib/queries/sims";
import {
  CLEAR_FILTERS,
  filterChange,
  hasActiveFilters,
  PAGE_SIZES,
  pageLinkState,
  resolveSimSearch,
  type SimSearchPatch,
  type SimSearchState,
} from "@/lib/sims/search-params";
import type { SimRow } from "@/lib/sims/sim-row";
import { hiddenColumnsOf } from "@/lib/sims/table-columns";
import { useSimSearchParams } from "@/lib/sims/use-sim-search-params";
import { SimsFilters } from "./sims-filters";
import { getSimsTableColumns } from "./sims-table-columns";

/**
 * The bulk bar (job dialogs, job specs, CSV export) loads after the table: it is not needed to see
 * SIMs, and in the first load it would cost the page ~45 KB of JavaScript. The placeholder keeps
 * its height so nothing moves when it arrives.
 */
const SimsSelectionBar = dynamic(
  () => import("@/components/jobs/sims-selection-bar").then((m) => m.SimsSelectionBar),
  { ssr: false, loading: () => <div aria-hidden className="h-9" /> },
);

const NO_ROWS: SimRow[] = [];

type Props = {
  /** The person's saved column choice, read by the server page (absent = visible). */
  initialColumnVisibility: ColumnVisibilityState;
  /** Decides which bulk actions the selection bar offers (the server checks again). */
  role: Role;
};

export function SimsTable({ initialColumnVisibility, role }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [state, setState] = useSimSearchParams();
  const resolution = resolveSimSearch(state);
  const query = resolution.ok ? resolution.query : null;

  const list = useQuery(simListQueryOptions(query));
  const ratePlans = useQuery(ratePlansQueryOptions());

  const ratePlanNames = useMemo(
    () =>
      new Map(
        (ratePlans.data ?? []).map((plan) => [plan.sid, plan.friendlyName ?? plan.uniqueName ?? plan.sid]),
      ),
    [ratePlans.data],
  );
  // The fetched page itself is stable between renders (`query` is a new object every time).
  const selection = usePageSelection(resolution.ok ? list.data?.sims : undefined);
  const columns = useMemo(
    () => [selectionColumn<SimRow>(selection), ...getSimsTableColumns(ratePlanNames)],
    [ratePlanNames, selection],
  );

  const [sorting, setSorting] = useState<SortingState>([]);
  const [columnVisibility, setColumnVisibility] = useState(initialColumnVisibility);
  const [, startSaving] = useTransition();
  // The SIM page has no loading.tsx (an unknown SID must answer 404, so nothing may stream before
  // it), so the list says it is opening the SIM until the page arrives.
  const [opening, startOpening] = useTransition();

  function onColumnVisibilityChange(updater: Updater<ColumnVisibilityState>) {
    const next = typeof updater === "function" ? updater(columnVisibility) : updater;
    setColumnVisibility(next);
    startSaving(async () => {
      const result = await saveSimTableColumns({ hidden: hiddenColumnsOf(next) });
      if (!result.ok) toast.error(`Your column choice was not saved: ${result.error.message}`);
    });
  }

  // With an unsendable search, rows kept from the previous search would be misleading.
  const page = query ? list.data : undefined;
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: page?.sims ?? NO_ROWS,
    getRowId: (row) => row.sid,
    state: { sorting, columnVisibility },
    onSortingChange: setSorting,
    onColumnVisibilityChange,
  });

  // Prefetch the next page so "Next page" shows it at once.
  const nextQuery =
    page?.next && !list.isPlaceholderData
      ? resolveSimSearch({ ...state, ...pageLinkState(page.next) })
      : null;
  const nextQueryKey = nextQuery?.ok ? JSON.stringify(nextQuery.query) : null;
  useEffect(() => {
    if (!nextQueryKey) return;
    void queryClient.prefetchQuery(simListQueryOptions(JSON.parse(nextQueryKey)));
  }, [nextQueryKey, queryClient]);

  const setAndReset = (patch: SimSearchPatch) => {
    setSorting([]);
    void setState(patch);
  };
  const filters = {
    status: state.status,
    iccid: state.iccid,
    ratePlan: state.ratePlan,
    registrationCode: state.registrationCode,
    eid: state.eid,
  };
  const filtered = hasActiveFilters(filters);
  const clearFilters = () => setAndReset(CLEAR_FILTERS);
  const sortedColumn = sorting[0] ? table.getColumn(sorting[0].id) : undefined;

  return (
    <div className="flex flex-col gap-4">
      <p role="status" className="sr-only">
        {opening ? "Opening the SIM…" : ""}
      </p>
      <SimsFilters
        filters={filters}
        onChange={(patch) => setAndReset(filterChange(patch))}
        onClear={clearFilters}
        ratePlans={ratePlans.data}
        iccidError={resolution.ok ? undefined : resolution.fieldErrors.iccid}
        iccidWarning={resolution.ok ? resolution.iccidWarning : undefined}
      />

      <SimsSelectionBar
        role={role}
        selected={selection.selected}
        filter={Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== null))}
        filtered={filtered}
        onClear={selection.clear}
      />

      <DataTableToolbar
        actions={
          <>
            <SyncStatus
              updatedAt={list.dataUpdatedAt}
              fetching={list.isFetching}
              onRefresh={() => {
                void list.refetch();
                void ratePlans.refetch();
              }}
            />
            <DataTableViewOptions table={table} />
          </>
        }
      >
        {sortedColumn ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
            Sorted by {sortedColumn.columnDef.meta?.label ?? sortedColumn.id} (
            {sorting[0]?.desc ? "descending" : "ascending"}), rows on this page only.
            <Button
              type="button"
              variant="link"
              size="sm"
              className="h-auto p-0"
              onClick={() => setSorting([])}
            >
              Clear sorting
            </Button>
          </p>
        ) : (
          <p className="text-sm text-muted-foreground">
            Sorting a column reorders the rows on this page only.
          </p>
        )}
      </DataTableToolbar>

      {!resolution.ok ? (
        <div className="rounded-md border border-border">
          <DataTableMessage
            title="This ICCID cannot be searched"
            icon={<SearchX aria-hidden className="size-6 text-muted-foreground" />}
            action={
              <Button type="button" variant="outline" onClick={clearFilters}>
                Clear filters
              </Button>
            }
          >
            {resolution.fieldErrors.iccid} Correct it in the ICCID filter; nothing was sent to KORE.
          </DataTableMessage>
        </div>
      ) : list.isError ? (
        <div className="rounded-md border border-destructive/40">
          <DataTableMessage
            role="alert"
            tone="danger"
            title="The SIMs could not be loaded"
            icon={<TriangleAlert aria-hidden className="size-6" />}
            action={
              <Button type="button" onClick={() => void list.refetch()} disabled={list.isFetching}>
                {list.isFetching ? "Trying again…" : "Try again"}
              </Button>
            }
          >
            {list.error.message}
          </DataTableMessage>
        </div>
      ) : !page ? (
        <DataTableSkeleton columns={table.getVisibleLeafColumns().length} label="Loading SIMs" />
      ) : (
        <DataTable
          key={JSON.stringify(query)}
          table={table}
          label="SIMs"
          caption="SIMs on this page. Sorting reorders only these rows; use the pager below for more."
          onRowActivate={(sim) => startOpening(() => router.push(`/sims/${sim.sid}`))}
          busy={list.isPlaceholderData || opening}
          className="max-h-[calc(100dvh-22rem)] min-h-72"
          empty={
            <DataTableMessage
              title={filtered ? "No SIMs match these filters" : "This account has no SIMs yet"}
              action={
                filtered ? (
                  <Button type="button" variant="outline" onClick={clearFilters}>
                    Clear filters
                  </Button>
                ) : undefined
              }
            >
              {filtered ? "Try fewer filters, or check the ICCID or registration code." : null}
            </DataTableMessage>
          }
        />
      )}

      <DataTablePagination
        page={page ? page.page + 1 : state.page}
        pageSize={state.pageSize}
        pageSizes={PAGE_SIZES}
        rowCount={page?.sims.length ?? 0}
        hasPrevious={Boolean(page?.previous)}
        hasNext={Boolean(page?.next)}
        pending={list.isPlaceholderData}
        onFirst={() => setAndReset({ page: null, pageToken: null })}
        onPrevious={() => page?.previous && setAndReset(pageLinkState(page.previous))}
        onNext={() => page?.next && setAndReset(pageLinkState(page.next))}
        onPageSizeChange={(pageSize) =>
          setAndReset({ pageSize: pageSize as SimSearchState["pageSize"], page: null, pageToken: null })
        }
      />
    </div>
  );
}
