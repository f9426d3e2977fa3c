"use client";

import { useQuery } from "@tanstack/react-query";
import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { RelativeTime } from "@/components/sims/relative-time";
import { can, type Role } from "@/lib/auth/permissions";
import { plural } from "@/lib/jobs/format";
import { JOB_ACTION_INFO } from "@/lib/jobs/job-spec";
import type { JobDetail as JobDetailData } from "@/lib/jobs/views";
import { isJobLive, jobDetailQueryOptions } from "@/lib/queries/jobs";
import { ratePlansQueryOptions } from "@/lib/queries/sims";
import { JobConfirmForm } from "./job-confirm-form";
import { JobControls } from "./job-controls";
import { JobItemsTable } from "./job-items-table";
import { JobProgress } from "./job-progress";
import { JobStatusBadge } from "./job-status-badge";

type Props = { jobId: string; user: { id: string; role: Role } };

export function JobDetail({ jobId, user }: Props) {
  const query = useQuery(jobDetailQueryOptions(jobId));
  const plans = useQuery(ratePlansQueryOptions());
  const names = useMemo(
    () => new Map((plans.data ?? []).map((p) => [p.sid, p.friendlyName ?? p.uniqueName ?? p.sid])),
    [plans.data],
  );
  const job = query.data;
  if (!job) {
    return (
      <p role={query.isError ? "alert" : "status"} className="text-muted-foreground">
        {query.isError ? query.error.message : "Loading the job…"}
      </p>
    );
  }
  const info = JOB_ACTION_INFO[job.action];
  const canAct = info ? can(user, info.permission) : false;
  const isOwner = job.createdById === user.id;
  const preview = job.status === "draft";

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-2">
        <p className="text-sm text-muted-foreground">
          <Link href="/jobs" className="hover:underline">
            Jobs
          </Link>{" "}
          / {preview ? "Preview" : "Job"}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">
            {job.actionLabel}
            {job.targetLabel ? `: ${job.targetLabel}` : ""} · {plural(job.total, "SIM")}
          </h1>
          <JobStatusBadge status={job.status} />
        </div>
        <p className="text-sm text-muted-foreground">
          {preview ? "Previewed" : "Created"} by {job.createdBy} <RelativeTime value={job.createdAt} />
          {job.reason ? <> · Reason: “{job.reason}”</> : null}
          {job.canceledBy ? <> · Canceled by {job.canceledBy}</> : null}
          {!preview && can(user, "audit.read") ? (
            <>
              {" · "}
              <Link
                href={`/audit?job=${job.id}`}
                className="underline underline-offset-4 hover:text-foreground"
              >
                Audit entries of this job
              </Link>
            </>
          ) : null}
        </p>
        <p className="text-sm text-muted-foreground">{describeSelection(job.selection)}</p>
      </header>

      {preview ? <PreviewSummary job={job} /> : <JobProgress job={job} />}

      {preview ? (
        isOwner && canAct ? (
          <JobConfirmForm job={job} />
        ) : (
          <p className="text-sm text-muted-foreground">
            Only {job.createdBy} can start this job. Nothing has been changed.
          </p>
        )
      ) : (
        <JobControls job={job} canAct={canAct} isOwner={isOwner} />
      )}

      <JobItemsTable
        jobId={job.id}
        preview={preview}
        live={isJobLive(job)}
        names={names}
        counts={job.counts}
      />
    </div>
  );
}

function PreviewSummary({ job }: { job: JobDetailData }) {
  const info = JOB_ACTION_INFO[job.action];
  const notEligible = job.counts.skipped;
  return (
    <section aria-labelledby="preview-heading" className="flex flex-col gap-3">
      <h2 id="preview-heading" className="sr-only">
        Preview
      </h2>
      <p className="text-sm">{info?.description}</p>
      <dl className="grid max-w-xl grid-cols-3 gap-3">
        <Stat label="Selected" value={job.total} />
        <Stat label="Eligible" value={job.eligible} tone="good" />
        <Stat label="Not eligible" value={notEligible} tone={notEligible > 0 ? "warn" : undefined} />
      </dl>
      {job.rejectedLines.length > 0 ? (
        <details
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950"
          open
        >
          <summary className="flex cursor-pointer items-center gap-2 font-medium">
            <TriangleAlert aria-hidden className="size-4" />
            {plural(job.rejectedLines.length, "line")} of the list named no SIM and were left out
          </summary>
          <ul className="mt-2 max-h-60 overflow-y-auto">
            {job.rejectedLines.map((line) => (
              <li key={`${line.line}-${line.text}`}>
                Line {line.line}: <code className="font-mono">{line.text}</code>: {line.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <p className="text-sm text-muted-foreground">
        Nothing has been changed yet. SIMs that are not eligible are listed with the reason and will be
        skipped.
      </p>
    </section>
  );
}

function Stat({ label, value, tone }: { label: string; value: number; tone?: "good" | "warn" }) {
  return (
    <div className="rounded-md border border-border p-3">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd
        className={
          tone === "good"
            ? "text-2xl font-semibold text-emerald-700 dark:text-emerald-300"
            : tone === "warn"
              ? "text-2xl font-semibold text-amber-700 dark:text-amber-300"
              : "text-2xl font-semibold"
        }
      >
        {value.toLocaleString("en-US")}
      </dd>
    </div>
  );
}

function describeSelection(selection: Record<string, unknown>): string {
  if (selection.kind === "filter") {
    const filter = (selection.filter ?? {}) as Record<string, string>;
    const parts = Object.entries(filter).map(([k, v]) => `${k} = ${v}`);
    return parts.length > 0 ? `Every SIM matching ${parts.join(", ")}.` : "Every SIM of the account.";
  }
  if (selection.kind === "sids") return `${plural(Number(selection.count ?? 0), "SIM")} picked in the table.`;
  if (selection.kind === "list") return `A list of ${plural(Number(selection.lines ?? 0), "line")}.`;
  return "";
}
