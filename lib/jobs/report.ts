/**
 * The CSV report of a job: one row per SIM with what happened and why, for handing to a
 * customer. Streamed from the database 1,000 items at a time.
 */
import type { Db } from "@/lib/db/client";
import { csvRow } from "./csv";
import { JOB_FIELD_LABELS } from "./job-spec";
import { type JobItemRow, listItemRows } from "./store";

export const JOB_REPORT_HEADER = [
  "ICCID",
  "SID",
  "Name",
  "Result",
  "Reason or error",
  "Error code",
  "Before",
  "After",
  "Attempts",
  "Finished",
  "Audit entry",
];

const RESULT_LABELS: Record<JobItemRow["status"], string> = {
  pending: "Pending",
  running: "In progress",
  succeeded: "Succeeded",
  failed: "Failed",
  skipped: "Skipped",
};

/** `Status: Active; Rate plan: WP…` */
export function describeFields(
  values: Record<string, string | null> | null,
  names?: ReadonlyMap<string, string>,
): string {
  return Object.entries(values ?? {})
    .map(
      ([field, value]) =>
        `${JOB_FIELD_LABELS[field] ?? field}: ${value === null ? "none" : (names?.get(value) ?? value)}`,
    )
    .join("; ");
}

export function jobReportRow(item: JobItemRow, names?: ReadonlyMap<string, string>): string {
  return csvRow([
    item.iccid,
    item.simSid,
    item.name,
    RESULT_LABELS[item.status],
    item.status === "failed" ? item.errorMessage : item.skipReason,
    item.status === "failed" ? item.errorCode : null,
    describeFields(item.before, names),
    describeFields(item.after, names),
    item.attempts,
    item.finishedAt,
    item.auditEntryId,
  ]);
}

export function createJobReportStream(
  db: Db,
  jobId: string,
  names?: ReadonlyMap<string, string>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: number | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvRow(JOB_REPORT_HEADER)));
          return;
        }
        const rows = await listItemRows(db, jobId, { afterPosition: after, limit: 1000 });
        if (rows.length === 0) {
          controller.close();
          return;
        }
        after = rows.at(-1)?.position;
        controller.enqueue(encoder.encode(rows.map((row) => jobReportRow(row, names)).join("")));
      },
    },
    { highWaterMark: 1 },
  );
}
