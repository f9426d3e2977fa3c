"use client";

import { useQuery } from "@tanstack/react-query";
import { TriangleAlert } from "lucide-react";
import { RelativeTime } from "@/components/sims/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { simSessionsQueryOptions } from "@/lib/queries/sim-detail";
import type { SessionRow } from "@/lib/sims/session-rows";

const number = new Intl.NumberFormat("en");

/** The last 30 days of data sessions, newest first; a change of device (IMEI) stands out. */
export function SessionsTab({ sid }: { sid: string }) {
  const sessions = useQuery(simSessionsQueryOptions(sid));
  if (sessions.isPending) {
    return (
      <div role="status" className="h-40 animate-pulse rounded-md bg-muted">
        <span className="sr-only">Loading data sessions…</span>
      </div>
    );
  }
  if (sessions.isError) {
    return (
      <div role="alert" className="flex flex-col items-start gap-2 text-sm">
        <p className="text-destructive">Data sessions could not be loaded: {sessions.error.message}</p>
        <Button type="button" variant="outline" onClick={() => sessions.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  const rows = sessions.data;
  const changes = rows.filter((r) => r.previousImei).length;
  return (
    <div className="flex flex-col gap-3">
      {changes > 0 ? (
        <p role="note" className="flex items-center gap-2 text-sm">
          <TriangleAlert aria-hidden className="size-4 text-amber-600" />
          The device (IMEI) changed {changes === 1 ? "once" : `${changes} times`} in these sessions: the SIM
          was moved to another device.
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-md border border-border">
        <table className="w-full text-sm">
          <caption className="sr-only">Data sessions of the last 30 days, newest first</caption>
          <thead className="bg-muted/50 text-left text-muted-foreground">
            <tr>
              {[
                "Start",
                "End",
                "Radio",
                "Operator",
                "Country",
                "Cell",
                "Packets up",
                "Packets down",
                "IMEI",
              ].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={9} className="px-3 py-8 text-center text-muted-foreground">
                  No data sessions in the last 30 days.
                </td>
              </tr>
            ) : (
              rows.map((row) => <SessionTableRow key={row.sid} row={row} />)
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function SessionTableRow({ row }: { row: SessionRow }) {
  return (
    <tr className="border-t border-border">
      <td className="px-3 py-2 whitespace-nowrap">
        <RelativeTime value={row.start} />
      </td>
      <td className="px-3 py-2 whitespace-nowrap">
        {row.end ? <RelativeTime value={row.end} /> : <Badge tone="success">ongoing</Badge>}
      </td>
      <td className="px-3 py-2">{row.radioLink ?? "—"}</td>
      <td className="px-3 py-2">{row.operatorName ?? "—"}</td>
      <td className="px-3 py-2">{row.operatorCountry ?? "—"}</td>
      <td className="px-3 py-2 font-mono text-xs">{row.cellId ?? "—"}</td>
      <td className="px-3 py-2 text-right tabular-nums">{number.format(row.packetsUploaded)}</td>
      <td className="px-3 py-2 text-right tabular-nums">{number.format(row.packetsDownloaded)}</td>
      <td className="px-3 py-2 whitespace-nowrap">
        <span className="font-mono text-xs">{row.imei ?? "—"}</span>
        {row.previousImei ? (
          <Badge tone="warning" className="ml-2" title={`Previous device: ${row.previousImei}`}>
            IMEI changed
            <span className="sr-only"> (previously {row.previousImei})</span>
          </Badge>
        ) : null}
      </td>
    </tr>
  );
}
