"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { JOB_FIELD_LABELS } from "@/lib/jobs/job-spec";
import type { JobItemStatus } from "@/lib/jobs/store";
import type { JobItemView } from "@/lib/jobs/views";
import { jobItemsQueryOptions } from "@/lib/queries/jobs";
import { ItemStatusBadge } from "./job-status-badge";

export type ItemFilter = { label: string; statuses: readonly JobItemStatus[] };

const RUN_FILTERS: ItemFilter[] = [
  { label: "All", statuses: [] },
  { label: "Failed", statuses: ["failed"] },
  { label: "Succeeded", statuses: ["succeeded"] },
  { label: "Skipped", statuses: ["skipped"] },
  { label: "Pending", statuses: ["pending", "running"] },
];

const PREVIEW_FILTERS: ItemFilter[] = [
  { label: "All", statuses: [] },
  { label: "Eligible", statuses: ["pending"] },
  { label: "Not eligible", statuses: ["skipped"] },
];

type Props = {
  jobId: string;
  preview: boolean;
  live: boolean;
  /** SID → display name, e.g. rate plans. */
  names: ReadonlyMap<string, string>;
  counts: Record<JobItemStatus, number>;
};

/** The job's SIMs, in the order they were selected, filtered by result, a page at a time. */
export function JobItemsTable({ jobId, preview, live, names, counts }: Props) {
  const filters = preview ? PREVIEW_FILTERS : RUN_FILTERS;
  const [filter, setFilter] = useState<ItemFilter>(filters[0] as ItemFilter);
  const items = useInfiniteQuery(jobItemsQueryOptions(jobId, filter.statuses, live));
  const rows = items.data?.pages.flatMap((page) => page.items) ?? [];
  const countOf = (f: ItemFilter) =>
    f.statuses.length === 0
      ? Object.values(counts).reduce((a, b) => a + b, 0)
      : f.statuses.reduce((n, s) => n + counts[s], 0);

  return (
    <section aria-labelledby="job-items-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="job-items-heading" className="text-lg font-semibold">
          {preview ? "SIMs in this preview" : "Result per SIM"}
        </h2>
        <fieldset className="flex flex-wrap gap-1">
          <legend className="sr-only">Show</legend>
          {filters.map((f) => (
            <Button
              key={f.label}
              type="button"
              size="sm"
              variant={f.label === filter.label ? "secondary" : "ghost"}
              aria-pressed={f.label === filter.label}
              onClick={() => setFilter(f)}
            >
              {f.label} ({countOf(f).toLocaleString("en-US")})
            </Button>
          ))}
        </fieldset>
      </div>
      <div className="overflow-x-auto rounded-md border border-border">
        <Table aria-label={preview ? "SIMs in this preview" : "Result per SIM"} aria-busy={items.isFetching}>
          <TableHeader>
            <TableRow>
              <TableHead>SIM</TableHead>
              <TableHead>{preview ? "Eligible" : "Result"}</TableHead>
              <TableHead>Before → after</TableHead>
              <TableHead>{preview ? "Why not" : "Reason or error"}</TableHead>
              {preview ? null : <TableHead>Audit</TableHead>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((item) => (
              <ItemRow key={item.id} item={item} preview={preview} names={names} />
            ))}
            {rows.length === 0 ? (
              <TableRow>
                <TableCell colSpan={5} className="py-8 text-center text-muted-foreground">
                  {items.isPending ? "Loading…" : items.isError ? items.error.message : "No SIMs here."}
                </TableCell>
              </TableRow>
            ) : null}
          </TableBody>
        </Table>
      </div>
      {items.hasNextPage ? (
        <Button
          type="button"
          variant="outline"
          className="self-start"
          onClick={() => void items.fetchNextPage()}
          disabled={items.isFetchingNextPage}
        >
          {items.isFetchingNextPage ? "Loading…" : "Show more SIMs"}
        </Button>
      ) : null}
    </section>
  );
}

function ItemRow({
  item,
  preview,
  names,
}: {
  item: JobItemView;
  preview: boolean;
  names: ReadonlyMap<string, string>;
}) {
  const message = item.status === "failed" ? item.errorMessage : item.skipReason;
  return (
    <TableRow data-status={item.status}>
      <TableCell>
        <Link
          href={`/sims/${item.simSid}`}
          className="font-mono text-[13px] hover:underline"
          prefetch={false}
        >
          {item.iccid ?? item.simSid}
        </Link>
        {item.name ? (
          <div className="max-w-56 truncate text-xs text-muted-foreground">{item.name}</div>
        ) : null}
      </TableCell>
      <TableCell>
        {preview ? (
          item.status === "pending" ? (
            <span className="text-sm font-medium text-emerald-700 dark:text-emerald-300">Eligible</span>
          ) : (
            <span className="text-sm text-muted-foreground">Not eligible</span>
          )
        ) : (
          <ItemStatusBadge status={item.status} />
        )}
      </TableCell>
      <TableCell className="text-sm">
        <FieldChanges before={item.before} after={item.after} names={names} />
      </TableCell>
      <TableCell className="max-w-96 text-sm">
        {message ? (
          <span className={item.status === "failed" ? "text-destructive" : undefined}>{message}</span>
        ) : null}
        {item.status === "failed" && item.errorCode ? (
          <span className="ml-1 text-xs text-muted-foreground">(code {item.errorCode})</span>
        ) : null}
      </TableCell>
      {preview ? null : (
        <TableCell>
          {item.auditEntryId ? (
            <Link
              href={`/audit?sim=${item.simSid}&entry=${item.auditEntryId}`}
              className="text-sm text-primary hover:underline"
              prefetch={false}
            >
              Audit entry<span className="sr-only"> for {item.iccid ?? item.simSid}</span>
            </Link>
          ) : null}
        </TableCell>
      )}
    </TableRow>
  );
}

function FieldChanges({
  before,
  after,
  names,
}: {
  before: Record<string, string | null>;
  after: Record<string, string | null>;
  names: ReadonlyMap<string, string>;
}) {
  const show = (value: string | null | undefined) =>
    value === null || value === undefined || value === "" ? "none" : (names.get(value) ?? value);
  // Fields the action sets but that keep their value (a method already POST) are noise.
  const changed = Object.keys(after).filter((field) => (before[field] ?? null) !== (after[field] ?? null));
  return (
    <ul className="flex flex-col gap-0.5">
      {(changed.length > 0 ? changed : Object.keys(after)).map((field) => (
        <li key={field}>
          <span className="text-muted-foreground">{JOB_FIELD_LABELS[field] ?? field}:</span>{" "}
          {show(before[field])} → <strong className="font-medium">{show(after[field])}</strong>
        </li>
      ))}
    </ul>
  );
}
