"use client";

import { LoaderCircle } from "lucide-react";
import Link, { useLinkStatus } from "next/link";
import { useIsTabbableRow } from "@/components/data-table/data-table";
import { createDataTableColumnHelper } from "@/components/data-table/data-table-features";
import { RelativeTime } from "@/components/sims/relative-time";
import { SimStatusBadge } from "@/components/sims/sim-status-badge";
import type { SimRow } from "@/lib/sims/sim-row";

const helper = createDataTableColumnHelper<SimRow>();

export type RatePlanNames = ReadonlyMap<string, string>;

/**
 * The SIM table's columns. Rate plan names come in from the rate plan list so the column shows
 * (and sorts by) names rather than SIDs; the factory is memoised on that map.
 */
export function getSimsTableColumns(ratePlanNames: RatePlanNames) {
  return helper.columns([
    helper.accessor((sim) => sim.iccid ?? "", {
      id: "iccid",
      header: "ICCID",
      enableHiding: false,
      sortFn: "alphanumeric",
      meta: { label: "ICCID", width: "13.5rem" },
      cell: ({ row }) => <SimLink sid={row.original.sid} iccid={row.original.iccid} />,
    }),
    helper.accessor((sim) => sim.friendlyName ?? sim.uniqueName ?? "", {
      id: "name",
      header: "Name",
      sortFn: "text",
      // No width: the name takes whatever the fixed columns leave.
      meta: { label: "Name" },
      cell: ({ row }) => (
        <SimName friendlyName={row.original.friendlyName} uniqueName={row.original.uniqueName} />
      ),
    }),
    helper.accessor("status", {
      id: "status",
      header: "Status",
      sortFn: "text",
      meta: { label: "Status", width: "8.5rem" },
      cell: ({ row }) => <StatusCell status={row.original.status} />,
    }),
    helper.accessor((sim) => ratePlanLabel(sim.ratePlanSid, ratePlanNames), {
      id: "ratePlan",
      header: "Rate plan",
      sortFn: "text",
      meta: { label: "Rate plan", width: "11rem" },
      cell: ({ row }) => <RatePlanCell sid={row.original.ratePlanSid} names={ratePlanNames} />,
    }),
    helper.accessor((sim) => sim.resetStatus ?? "", {
      id: "reset",
      header: "Reset",
      enableSorting: false,
      meta: { label: "Reset", width: "7rem" },
      cell: ({ row }) => <ResetCell resetStatus={row.original.resetStatus} />,
    }),
    helper.accessor((sim) => sim.dateCreated ?? "", {
      id: "dateCreated",
      header: "Created",
      sortFn: "alphanumeric",
      sortDescFirst: true,
      meta: { label: "Created", width: "8rem" },
      cell: ({ row }) => <RelativeTime value={row.original.dateCreated} />,
    }),
    helper.accessor((sim) => sim.dateUpdated ?? "", {
      id: "dateUpdated",
      header: "Updated",
      sortFn: "alphanumeric",
      sortDescFirst: true,
      meta: { label: "Updated", width: "8rem" },
      cell: ({ row }) => <RelativeTime value={row.original.dateUpdated} />,
    }),
  ]);
}

export function ratePlanLabel(sid: string | null, names: RatePlanNames): string {
  if (!sid) return "";
  return names.get(sid) ?? sid;
}

function SimLink({ sid, iccid }: { sid: string; iccid: string | null }) {
  return (
    // The row is the keyboard stop (Enter opens it); the link serves pointers and link lists.
    <Link
      href={`/sims/${sid}`}
      tabIndex={-1}
      className="font-mono text-[13px] hover:underline"
      prefetch={false}
    >
      {iccid ?? sid}
      <OpeningIndicator />
    </Link>
  );
}

/** While the clicked SIM's page loads (it streams nothing before it knows the SIM exists). */
function OpeningIndicator() {
  const { pending } = useLinkStatus();
  return pending ? (
    <>
      <LoaderCircle aria-hidden className="ml-1 inline size-3 animate-spin align-[-1px]" />
      <span className="sr-only" role="status">
        Opening the SIM…
      </span>
    </>
  ) : null;
}

function SimName({ friendlyName, uniqueName }: { friendlyName: string | null; uniqueName: string | null }) {
  return (
    <div className="min-w-0 leading-tight">
      <div className="truncate">
        {friendlyName ?? <span className="text-muted-foreground italic">No friendly name</span>}
      </div>
      {uniqueName ? (
        <div className="truncate font-mono text-xs text-muted-foreground">{uniqueName}</div>
      ) : null}
    </div>
  );
}

function StatusCell({ status }: { status: string }) {
  const tabbable = useIsTabbableRow();
  return <SimStatusBadge status={status} focusable={tabbable} />;
}

function RatePlanCell({ sid, names }: { sid: string | null; names: RatePlanNames }) {
  if (!sid) return <span className="text-muted-foreground">None</span>;
  const name = names.get(sid);
  return name ? (
    <span title={sid}>{name}</span>
  ) : (
    // Not in the account's plan list (yet): the SID is all we can honestly show.
    <span className="font-mono text-xs text-muted-foreground">{sid}</span>
  );
}

function ResetCell({ resetStatus }: { resetStatus: string | null }) {
  if (!resetStatus) return null;
  return (
    <span className="inline-flex items-center gap-1 text-xs font-medium text-amber-700 dark:text-amber-300">
      <LoaderCircle aria-hidden className="size-3 animate-spin" />
      {resetStatus === "resetting" ? "Resetting…" : resetStatus}
    </span>
  );
}
