"use server";
/**
 * Bulk jobs: preview (a draft job with every SIM checked), confirm with a reason, cancel, and
 * retry the failures. Each action needs the permission of the job's action for the person asking
 * (lib/jobs/job-spec.ts → lib/auth/permissions.ts); where the input names an existing job, the
 * action it claims is checked against the stored job, so nobody passes a suspend permission off
 * for a deactivation.
 *
 * The SIM changes themselves happen in the job runner (lib/jobs/runner.ts), each with its own
 * audit entry; these actions audit the decisions around them ("jobs.confirm", "jobs.cancel",
 * "jobs.retryFailed").
 */
import { z } from "zod";
import { getConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { wakeJobRunner } from "@/lib/jobs/instance";
import {
  JOB_ACTION_INFO,
  jobActionPermission,
  jobActionSchema,
  previewJobInputSchema,
} from "@/lib/jobs/job-spec";
import { createJobPreview } from "@/lib/jobs/preview";
import {
  cancelJobRow,
  confirmDraft,
  getJob,
  itemCounts,
  type JobRow,
  retryFailedItems,
} from "@/lib/jobs/store";
import { getKoreClient } from "@/lib/kore/client";
import { defineAction } from "./define-action";

export const previewJob = defineAction(
  {
    name: "jobs.preview",
    permission: (input) => jobActionPermission(input.spec.action),
    input: previewJobInputSchema,
  },
  async (ctx, input) => {
    const kore = getKoreClient();
    const labels: Record<string, string> = {};
    const { spec } = input;
    if (spec.action === "ratePlan") {
      const plans = await kore.listRatePlans();
      const plan = plans.find((p) => p.sid === spec.ratePlan);
      if (!plan) throw fieldError("ratePlan", "That rate plan does not exist in this account.");
      labels.target = plan.friendlyName ?? plan.uniqueName ?? plan.sid;
    }
    if (spec.action === "move") {
      const accounts = await kore.listAccounts();
      const account = accounts.find((a) => a.sid === spec.accountSid);
      if (!account) throw fieldError("accountSid", "That account is not one this console can move SIMs to.");
      labels.target = account.friendlyName ?? spec.accountSid;
    }
    if (spec.action === "callback")
      labels.target = `${spec.commandsCallbackMethod} ${spec.commandsCallbackUrl || "(none)"}`;
    const jobId = await createJobPreview(
      {
        db: ctx.db,
        kore,
        resetCooldownSeconds: getConfig().resetCooldownSeconds,
        creator: { id: ctx.user.id, email: ctx.user.email, role: ctx.user.role },
        labels,
      },
      input,
    );
    return { jobId };
  },
);

const jobRefSchema = z.object({
  jobId: z.uuid("Unknown job."),
  /** The job's action as the page showed it; checked against the stored job. */
  action: jobActionSchema,
});

const confirmJobInputSchema = jobRefSchema.extend({
  reason: z
    .string()
    .trim()
    .min(3, "Say why this job is needed (at least 3 characters); it goes into the audit trail.")
    .max(1000, "Use at most 1,000 characters."),
  /** Destructive actions: the number of SIMs, typed by the person. */
  confirmCount: z.coerce.number().int().nonnegative().optional(),
});

export const confirmJob = defineAction(
  {
    name: "jobs.confirm",
    permission: (input) => jobActionPermission(input.action),
    input: confirmJobInputSchema,
    auditTarget: (input) => ({ jobId: input.jobId, subject: `job:${input.jobId}`, reason: input.reason }),
  },
  async (ctx, input) => {
    const job = await loadJob(ctx.db, input);
    if (job.createdById !== ctx.user.id) {
      throw new AppError(
        "not_yours",
        "Only the person who previewed this job can start it. Preview it yourself to run it.",
        {
          httpStatus: 403,
        },
      );
    }
    if (job.status !== "draft")
      throw new AppError("conflict", "This job has already been started or canceled.", { httpStatus: 409 });
    const eligible = (await itemCounts(ctx.db, [job.id])).get(job.id)?.pending ?? 0;
    if (eligible === 0)
      throw new AppError(
        "nothing_to_do",
        "No SIM in this preview can be changed, so there is nothing to run.",
      );
    if (JOB_ACTION_INFO[input.action].destructive && input.confirmCount !== eligible) {
      throw fieldError(
        "confirmCount",
        `Type ${eligible} (the number of SIMs this job will change) to confirm. It cannot be undone.`,
      );
    }
    await ctx.audit.run({ changes: { status: { before: "draft", after: "queued" } } }, async () => {
      if (!(await confirmDraft(ctx.db, job.id, input.reason))) {
        throw new AppError("conflict", "This job has already been started or canceled.", { httpStatus: 409 });
      }
    });
    wakeJobRunner();
    return { jobId: job.id, eligible };
  },
);

export const cancelJob = defineAction(
  {
    name: "jobs.cancel",
    permission: (input) => jobActionPermission(input.action),
    input: jobRefSchema,
    auditTarget: (input) => ({ jobId: input.jobId, subject: `job:${input.jobId}` }),
  },
  async (ctx, input) => {
    const job = await loadJob(ctx.db, input);
    if (job.status === "completed" || job.status === "canceled") {
      throw new AppError("conflict", "This job has already finished.", { httpStatus: 409 });
    }
    await ctx.audit.run({ changes: { status: { before: job.status, after: "canceled" } } }, async () => {
      if (!(await cancelJobRow(ctx.db, job.id, ctx.user.email))) {
        throw new AppError("conflict", "This job has already finished.", { httpStatus: 409 });
      }
    });
    // This process's runner stops at once; other instances notice within a quarter second.
    wakeJobRunner();
    return { jobId: job.id };
  },
);

export const retryFailedJob = defineAction(
  {
    name: "jobs.retryFailed",
    permission: (input) => jobActionPermission(input.action),
    input: jobRefSchema,
    auditTarget: (input) => ({ jobId: input.jobId, subject: `job:${input.jobId}` }),
  },
  async (ctx, input) => {
    const job = await loadJob(ctx.db, input);
    // The retried changes are recorded in the job's name: only its owner may make them.
    if (job.createdById !== ctx.user.id) {
      throw new AppError(
        "not_yours",
        "Only the person who ran this job can retry it. Preview a new job for these SIMs instead.",
        {
          httpStatus: 403,
        },
      );
    }
    if (job.status !== "completed" && job.status !== "canceled") {
      throw new AppError("conflict", "Failed SIMs can be retried once the job has finished.", {
        httpStatus: 409,
      });
    }
    const retried = await ctx.audit.run(
      { changes: { status: { before: job.status, after: "queued" } } },
      async () => {
        const n = await retryFailedItems(ctx.db, job.id);
        if (n === 0)
          throw new AppError("nothing_to_do", "No SIM of this job failed, so there is nothing to retry.");
        return n;
      },
    );
    wakeJobRunner();
    return { jobId: job.id, retried };
  },
);

async function loadJob(db: Db, input: { jobId: string; action: string }): Promise<JobRow> {
  const job = await getJob(db, input.jobId);
  if (!job)
    throw new AppError("not_found", "This job does not exist (previews are kept for 24 hours).", {
      httpStatus: 404,
    });
  if (job.action !== input.action) {
    throw new AppError(
      "invalid_input",
      "This job does not match the page it was started from. Reload the page.",
    );
  }
  return job;
}

function fieldError(field: string, message: string): AppError {
  return new AppError("invalid_input", message, { fieldErrors: { [field]: [message] } });
}
