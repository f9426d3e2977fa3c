import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { AuditEntry } from "@/lib/audit/query";
import { AUDIT_OUTCOME_LABELS, type AuditOutcome } from "@/lib/audit/schemas";
import { describeChanges, formatAuditTime } from "./format";

const OUTCOME_TONE: Record<AuditOutcome, "neutral" | "success" | "danger" | "warning"> = {
  pending: "warning",
  ok: "success",
  error: "danger",
  refused: "neutral",
};

/** One page of audit entries, newest first. SIM SIDs link to the SIM. */
export function AuditTable({ entries, caption }: { entries: AuditEntry[]; caption: string }) {
  return (
    <Table>
      <TableCaption className="sr-only">{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>Person</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>SIM or subject</TableHead>
          <TableHead>Changes</TableHead>
          <TableHead>Reason</TableHead>
          <TableHead>Outcome</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => {
          const changes = describeChanges(entry.changes);
          return (
            <TableRow key={entry.id} id={`audit-${entry.id}`}>
              <TableCell className="whitespace-nowrap">
                <time dateTime={entry.createdAt.toISOString()}>{formatAuditTime(entry.createdAt)}</time>
                <div className="font-mono text-[10px] text-muted-foreground" title="Request id">
                  {entry.requestId}
                </div>
              </TableCell>
              <TableCell>
                {entry.actorEmail ?? <span className="text-muted-foreground">Not signed in</span>}
                {entry.actorRole ? (
                  <div className="text-xs text-muted-foreground">{entry.actorRole}</div>
                ) : null}
              </TableCell>
              <TableCell className="font-mono text-xs">{entry.action}</TableCell>
              <TableCell>
                {entry.simSid ? (
                  <Link
                    href={`/sims/${entry.simSid}`}
                    className="font-mono text-xs text-primary underline underline-offset-4"
                  >
                    {entry.simSid}
                  </Link>
                ) : null}
                {entry.subject ? <div className="text-xs">{entry.subject}</div> : null}
                {entry.jobId ? (
                  <Link
                    href={`/jobs/${entry.jobId}`}
                    className="block text-xs text-muted-foreground underline underline-offset-4"
                  >
                    Job {entry.jobId}
                  </Link>
                ) : null}
              </TableCell>
              <TableCell>
                {changes.length > 0 ? (
                  <ul className="space-y-0.5 text-xs">
                    {changes.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                ) : null}
              </TableCell>
              <TableCell className="max-w-48 text-xs">{entry.reason}</TableCell>
              <TableCell>
                <Badge tone={OUTCOME_TONE[entry.outcome]}>{AUDIT_OUTCOME_LABELS[entry.outcome]}</Badge>
                {entry.errorCode ? (
                  <div className="mt-1 max-w-56 text-xs text-muted-foreground">
                    <span className="font-mono">{entry.errorCode}</span>
                    {entry.errorMessage ? `: ${entry.errorMessage}` : null}
                  </div>
                ) : null}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
