/**
 * "Export CSV" of the SIM table: every SIM matching the filter, all pages, streamed.
 *
 * Server memory stays flat however large the account: the response body is a pull stream over
 * the KORE client's page iterator, so the next page (1,000 SIMs) is requested only when the
 * browser has taken the previous one (backpressure), and only one page is held at a time. The
 * first page is read before the response starts, so a filter KORE refuses, or KORE being down,
 * is a proper error answer rather than a broken download.
 *
 * The columns are the table's (lib/sims/table-columns.ts order and labels), with dates as ISO
 * 8601 instead of "3 days ago", and the SID last so a row can be traced to one SIM.
 */
import type { SimListParams } from "@/lib/kore/params";
import type { Sim } from "@/lib/kore/schemas";
import { simStatusLabel } from "@/lib/kore/sim-status";
import type { SimPage, SimsApi } from "@/lib/kore/sims";
import type { SimColumnId } from "@/lib/sims/table-columns";
import { type CsvValue, csvRow } from "./csv";

const COLUMNS: {
  id: SimColumnId | "sid";
  label: string;
  value: (sim: Sim, planNames: ReadonlyMap<string, string>) => CsvValue;
}[] = [
  { id: "iccid", label: "ICCID", value: (s) => s.iccid },
  { id: "name", label: "Name", value: (s) => s.friendlyName ?? s.uniqueName },
  { id: "status", label: "Status", value: (s) => simStatusLabel(s.status) },
  {
    id: "ratePlan",
    label: "Rate plan",
    value: (s, names) => (s.ratePlanSid ? (names.get(s.ratePlanSid) ?? s.ratePlanSid) : ""),
  },
  {
    id: "reset",
    label: "Reset",
    value: (s) => (s.resetStatus === "resetting" ? "Resetting" : (s.resetStatus ?? "")),
  },
  { id: "dateCreated", label: "Created", value: (s) => s.dateCreated },
  { id: "dateUpdated", label: "Updated", value: (s) => s.dateUpdated },
  { id: "sid", label: "SID", value: (s) => s.sid },
];

export const SIM_EXPORT_HEADER = COLUMNS.map((c) => c.label);

export function simCsvRow(sim: Sim, planNames: ReadonlyMap<string, string>): string {
  return csvRow(COLUMNS.map((c) => c.value(sim, planNames)));
}

export const EXPORT_PAGE_SIZE = 1000;

/**
 * The CSV body for every SIM matching `filter`. Rejects (before any byte is sent) when the first
 * page cannot be read.
 */
export async function createSimExportStream(
  kore: Pick<SimsApi, "iterateSims">,
  filter: Omit<SimListParams, "page" | "pageSize" | "pageToken">,
  planNames: ReadonlyMap<string, string>,
  signal?: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const pages = kore.iterateSims({ ...filter, pageSize: EXPORT_PAGE_SIZE }, { signal });
  const first = await pages.next();
  const encoder = new TextEncoder();
  let pending: IteratorResult<SimPage> | null = first;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(csvRow(SIM_EXPORT_HEADER)));
      },
      async pull(controller) {
        const result = pending ?? (await pages.next());
        pending = null;
        if (result.done) {
          controller.close();
          return;
        }
        controller.enqueue(
          encoder.encode(result.value.sims.map((sim) => simCsvRow(sim, planNames)).join("")),
        );
      },
      async cancel() {
        await pages.return(undefined);
      },
    },
    // One page queued ahead at most: the next upstream request waits for the browser.
    { highWaterMark: 1 },
  );
}

/** `sims-2026-11-29-active.csv` */
export function simExportFileName(filter: { status?: string }, now = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  return `sims-${day}${filter.status ? `-${filter.status}` : ""}.csv`;
}
