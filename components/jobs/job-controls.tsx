"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Download, RotateCcw, Square } from "lucide-react";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cancelJob, retryFailedJob } from "@/lib/actions/jobs";
import { plural } from "@/lib/jobs/format";
import type { JobSummary } from "@/lib/jobs/views";
import { isJobLive, jobKeys } from "@/lib/queries/jobs";

type Props = { job: JobSummary; canAct: boolean; isOwner: boolean };

/** Cancel a running job, retry the SIMs that failed, download the per-SIM report. */
export function JobControls({ job, canAct, isOwner }: Props) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const live = isJobLive(job);

  function run(what: "cancel" | "retry") {
    startTransition(async () => {
      const input = { jobId: job.id, action: job.action };
      if (what === "cancel") {
        const result = await cancelJob(input);
        if (!result.ok) return void toast.error(result.error.message);
        toast.success("Job canceled: no more SIMs will be changed.");
      } else {
        const result = await retryFailedJob(input);
        if (!result.ok) return void toast.error(result.error.message);
        toast.success(`Retrying ${plural(result.data.retried, "failed SIM")}.`);
      }
      await queryClient.invalidateQueries({ queryKey: jobKeys.all });
    });
  }

  return (
    <div className="flex flex-wrap gap-2">
      {live && canAct ? (
        <Button type="button" variant="outline" onClick={() => run("cancel")} disabled={pending}>
          <Square aria-hidden />
          Cancel job
        </Button>
      ) : null}
      {!live && job.counts.failed > 0 && canAct && isOwner ? (
        <Button type="button" onClick={() => run("retry")} disabled={pending}>
          <RotateCcw aria-hidden />
          Retry failed ({job.counts.failed.toLocaleString("en-US")})
        </Button>
      ) : null}
      <Button asChild variant="outline">
        <a href={`/api/jobs/${job.id}/report`} download>
          <Download aria-hidden />
          Download CSV report
        </a>
      </Button>
    </div>
  );
}
