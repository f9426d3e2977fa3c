"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { RelativeTime } from "@/components/sims/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { plural } from "@/lib/jobs/format";
import { jobListQueryOptions } from "@/lib/queries/jobs";
import { JobProgress } from "./job-progress";
import { JobStatusBadge } from "./job-status-badge";

/** The latest jobs, newest first; refreshes itself while any of them is running. */
export function JobsList() {
  const query = useQuery(jobListQueryOptions());
  const jobs = query.data?.jobs ?? [];
  return (
    <div className="overflow-x-auto rounded-md border border-border">
      <Table aria-label="Jobs">
        <TableHeader>
          <TableRow>
            <TableHead>Job</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Progress</TableHead>
            <TableHead>By</TableHead>
            <TableHead>Created</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {jobs.map((job) => (
            <TableRow key={job.id}>
              <TableCell>
                <Link href={`/jobs/${job.id}`} className="font-medium text-primary hover:underline">
                  {job.actionLabel}
                  {job.targetLabel ? `: ${job.targetLabel}` : ""} · {plural(job.total, "SIM")}
                </Link>
                {job.reason ? (
                  <div className="max-w-80 truncate text-xs text-muted-foreground">{job.reason}</div>
                ) : null}
              </TableCell>
              <TableCell>
                <JobStatusBadge status={job.status} />
              </TableCell>
              <TableCell>
                {job.status === "draft" ? (
                  <span className="text-sm text-muted-foreground">
                    {plural(job.eligible, "SIM")} eligible
                  </span>
                ) : (
                  <JobProgress job={job} compact />
                )}
              </TableCell>
              <TableCell className="text-sm">{job.createdBy}</TableCell>
              <TableCell className="text-sm">
                <RelativeTime value={job.createdAt} />
              </TableCell>
            </TableRow>
          ))}
          {jobs.length === 0 ? (
            <TableRow>
              <TableCell colSpan={5} className="py-10 text-center text-muted-foreground">
                {query.isPending
                  ? "Loading jobs…"
                  : query.isError
                    ? query.error.message
                    : "No jobs yet. Select SIMs in the SIM table, or start one from a list."}
              </TableCell>
            </TableRow>
          ) : null}
        </TableBody>
      </Table>
    </div>
  );
}
