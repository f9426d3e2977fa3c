/** GET /api/jobs/{id}: one job with counts, progress, rate and time left. */
import { z } from "zod";
import { getDb } from "@/lib/db/get-db";
import { AppError } from "@/lib/http/app-error";
import { defineRoute } from "@/lib/http/define-route";
import { getJobDetail } from "@/lib/jobs/views";

export const jobParamsSchema = z.object({ id: z.uuid("expected a job id") });

export const GET = defineRoute({ permission: "jobs.read", params: jobParamsSchema }, async ({ params }) => {
  const job = await getJobDetail(await getDb(), params.id);
  if (!job) throw new AppError("not_found", "This job does not exist.", { httpStatus: 404 });
  return job;
});
