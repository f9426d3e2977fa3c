import { formatDuration, formatRate, plural } from "@/lib/jobs/format";
import type { JobSummary } from "@/lib/jobs/views";
import { cn } from "@/lib/utils";

/**
 * Progress of a confirmed job: a bar over the SIMs it will change, with succeeded and failed in
 * their own colours, then the counts, the current rate and the time left.
 */
export function JobProgress({ job, compact = false }: { job: JobSummary; compact?: boolean }) {
  const { counts } = job;
  const work = counts.succeeded + counts.failed + counts.pending + counts.running;
  const finished = counts.succeeded + counts.failed;
  const percent = work === 0 ? 100 : Math.floor((finished / work) * 100);
  const succeededWidth = work === 0 ? 0 : (counts.succeeded / work) * 100;
  const failedWidth = work === 0 ? 0 : (counts.failed / work) * 100;
  return (
    <div className={cn("flex flex-col gap-1.5", compact ? "min-w-40" : "w-full")}>
      <div
        role="progressbar"
        aria-label={`Progress of the ${job.actionLabel.toLowerCase()} job`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${finished} of ${work} SIMs done`}
        className={cn("flex overflow-hidden rounded-full bg-muted", compact ? "h-1.5" : "h-3")}
      >
        <div className="bg-emerald-500 transition-[width]" style={{ width: `${succeededWidth}%` }} />
        <div className="bg-red-500 transition-[width]" style={{ width: `${failedWidth}%` }} />
      </div>
      {compact ? (
        <p className="text-xs text-muted-foreground">
          {finished.toLocaleString("en-US")} / {work.toLocaleString("en-US")}
          {counts.failed > 0 ? ` · ${counts.failed.toLocaleString("en-US")} failed` : ""}
        </p>
      ) : (
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted-foreground" aria-live="polite">
          <span>
            <strong className="text-foreground">{percent}%</strong> · {plural(finished, "SIM")} of{" "}
            {work.toLocaleString("en-US")} done
          </span>
          <span>{counts.succeeded.toLocaleString("en-US")} succeeded</span>
          <span className={counts.failed > 0 ? "font-medium text-destructive" : undefined}>
            {counts.failed.toLocaleString("en-US")} failed
          </span>
          <span>{counts.skipped.toLocaleString("en-US")} skipped</span>
          {job.ratePerSecond !== null ? <span>Rate {formatRate(job.ratePerSecond)}</span> : null}
          {job.etaSeconds !== null ? <span>About {formatDuration(job.etaSeconds)} left</span> : null}
        </p>
      )}
    </div>
  );
}
