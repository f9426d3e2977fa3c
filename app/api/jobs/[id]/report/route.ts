/** GET /api/jobs/{id}/report: the job's result per SIM as CSV, streamed (RFC 4180). */
import { z } from "zod";
import { getDb } from "@/lib/db/get-db";
import { AppError } from "@/lib/http/app-error";
import { defineRoute } from "@/lib/http/define-route";
import { createJobReportStream } from "@/lib/jobs/report";
import { getJob } from "@/lib/jobs/store";

export const GET = defineRoute(
  { permission: "jobs.read", params: z.object({ id: z.uuid("expected a job id") }) },
  async ({ params }) => {
    const db = await getDb();
    const job = await getJob(db, params.id);
    if (!job) throw new AppError("not_found", "This job does not exist.", { httpStatus: 404 });
    const labels = (job.params as { ratePlan?: string; labels?: { target?: string } }) ?? {};
    // Rate plans show by name in the report when the job named one.
    const names = new Map<string, string>();
    if (labels.ratePlan && labels.labels?.target) names.set(labels.ratePlan, labels.labels.target);
    const day = job.createdAt.toISOString().slice(0, 10);
    return new Response(createJobReportStream(db, job.id, names), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="job-${day}-${job.action}-${job.id.slice(0, 8)}.csv"`,
      },
    });
  },
);
