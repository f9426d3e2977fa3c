"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { confirmJob } from "@/lib/actions/jobs";
import { plural } from "@/lib/jobs/format";
import { JOB_ACTION_INFO } from "@/lib/jobs/job-spec";
import type { JobSummary } from "@/lib/jobs/views";
import { jobKeys } from "@/lib/queries/jobs";

/**
 * Starts a previewed job. Every job needs a reason (it goes into each SIM's audit entry);
 * destructive ones also need the number of SIMs typed out, so nobody deactivates 5,000 SIMs
 * while thinking they picked 5.
 */
export function JobConfirmForm({ job }: { job: JobSummary }) {
  const queryClient = useQueryClient();
  const info = JOB_ACTION_INFO[job.action];
  const ids = { reason: useId(), reasonError: useId(), count: useId(), countError: useId() };
  const [reason, setReason] = useState("");
  const [count, setCount] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [pending, startTransition] = useTransition();
  const eligible = job.eligible;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await confirmJob({
        jobId: job.id,
        action: job.action,
        reason,
        confirmCount: info.destructive ? Number(count) : undefined,
      });
      if (!result.ok) {
        setErrors({
          reason: result.error.fieldErrors?.reason?.[0],
          confirmCount: result.error.fieldErrors?.confirmCount?.[0],
        });
        if (!result.error.fieldErrors) toast.error(result.error.message);
        return;
      }
      setErrors({});
      toast.success(`Job started: ${info.verb.toLowerCase()} ${plural(result.data.eligible, "SIM")}.`);
      await queryClient.invalidateQueries({ queryKey: jobKeys.all });
    });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4 rounded-md border border-border p-4" noValidate>
      <h2 className="text-lg font-semibold">Start this job</h2>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={ids.reason}>Reason</Label>
        <Textarea
          id={ids.reason}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. Customer Acme asked to pause their fleet until March (ticket 4812)"
          aria-invalid={Boolean(errors.reason)}
          aria-describedby={ids.reasonError}
          rows={2}
          required
        />
        <FieldError id={ids.reasonError} message={errors.reason} />
      </div>
      {info.destructive ? (
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={ids.count}>Type {eligible} to confirm: this cannot be undone</Label>
          <Input
            id={ids.count}
            inputMode="numeric"
            autoComplete="off"
            value={count}
            onChange={(e) => setCount(e.target.value)}
            aria-invalid={Boolean(errors.confirmCount)}
            aria-describedby={ids.countError}
            className="max-w-40"
          />
          <FieldError id={ids.countError} message={errors.confirmCount} />
        </div>
      ) : null}
      <div>
        <Button
          type="submit"
          variant={info.destructive ? "destructive" : "default"}
          disabled={pending || eligible === 0 || (info.destructive && count.trim() !== String(eligible))}
        >
          {pending ? "Starting…" : `${info.verb} ${plural(eligible, "SIM")}`}
        </Button>
      </div>
    </form>
  );
}
