"use client";

import { useQuery } from "@tanstack/react-query";
import { LoaderCircle } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { RelativeTime } from "@/components/sims/relative-time";
import { SimStatusBadge } from "@/components/sims/sim-status-badge";
import { SyncStatus } from "@/components/sims/sync-status";
import { accountOptionsQueryOptions } from "@/lib/queries/sim-detail";
import { ratePlansQueryOptions } from "@/lib/queries/sims";
import type { SimDetail } from "@/lib/sims/sim-detail";
import { CopyButton } from "./copy-button";

type Props = {
  detail: SimDetail;
  updatedAt: number;
  fetching: boolean;
  onRefresh: () => void;
  refreshError: string | null;
};

/** Who the SIM is and where it stands: names, ICCID, status, plan, account, reset, dates, freshness. */
export function SimHeader({ detail, updatedAt, fetching, onRefresh, refreshError }: Props) {
  const { sim } = detail;
  const plans = useQuery(ratePlansQueryOptions());
  const accounts = useQuery(accountOptionsQueryOptions(sim.sid));
  const plan = plans.data?.find((p) => p.sid === sim.ratePlanSid);
  const account = accounts.data?.find((a) => a.sid === sim.accountSid);
  const title = sim.friendlyName || sim.uniqueName || sim.sid;

  return (
    <header className="flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <Link href="/sims" className="underline-offset-4 hover:underline">
          SIMs
        </Link>{" "}
        / <span className="font-mono">{sim.sid}</span>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 items-center gap-3">
          <h1 className="truncate text-2xl font-semibold tracking-tight">{title}</h1>
          <SimStatusBadge status={sim.status} />
        </div>
        <div className="flex flex-col items-end gap-1">
          <SyncStatus updatedAt={updatedAt} fetching={fetching} onRefresh={onRefresh} />
          {refreshError ? (
            <p role="alert" className="text-xs text-destructive">
              Refresh failed: {refreshError}
            </p>
          ) : null}
        </div>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <Item term="Friendly name">{sim.friendlyName || <Empty />}</Item>
        <Item term="Unique name">
          {sim.uniqueName ? <span className="font-mono">{sim.uniqueName}</span> : <Empty />}
        </Item>
        <Item term="ICCID">
          {sim.iccid ? (
            <span className="flex items-center gap-1">
              <span className="font-mono">{sim.iccid}</span>
              <CopyButton value={sim.iccid} label="Copy ICCID" />
            </span>
          ) : (
            <Empty />
          )}
        </Item>
        <Item term="Rate plan">
          {sim.ratePlanSid ? (
            (plan?.friendlyName ?? plan?.uniqueName ?? <span className="font-mono">{sim.ratePlanSid}</span>)
          ) : (
            <span className="text-muted-foreground">None</span>
          )}
        </Item>
        <Item term="Account">
          {account?.name ??
            (sim.accountSid ? <span className="font-mono">{sim.accountSid}</span> : <Empty />)}
        </Item>
        <Item term="Reset status">
          {sim.resetStatus === "resetting" ? (
            <span className="flex items-center gap-1">
              <LoaderCircle aria-hidden className="size-3 animate-spin" /> Resetting…
            </span>
          ) : sim.resetStatus ? (
            sim.resetStatus
          ) : (
            <span className="text-muted-foreground">No reset running</span>
          )}
        </Item>
        <Item term="Created">
          <RelativeTime value={sim.dateCreated} />
        </Item>
        <Item term="Updated">
          <RelativeTime value={sim.dateUpdated} />
        </Item>
      </dl>
    </header>
  );
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <dt className="text-xs font-medium text-muted-foreground">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function Empty() {
  return <span className="text-muted-foreground">—</span>;
}
