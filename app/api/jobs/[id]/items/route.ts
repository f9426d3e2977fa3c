/** GET /api/jobs/{id}/items?status=failed&after=…&limit=…: the job's SIMs in order, a page at a time. */
import { z } from "zod";
import { getDb } from "@/lib/db/get-db";
import { JOB_ITEM_STATUSES } from "@/lib/db/schema/jobs";
import { defineRoute } from "@/lib/http/define-route";
import { listJobItemViews } from "@/lib/jobs/views";

const querySchema = z.object({
  /** One status, or several separated by commas. */
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",") : undefined))
    .pipe(z.array(z.enum(JOB_ITEM_STATUSES)).optional()),
  after: z.coerce.number().int().min(-1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const GET = defineRoute(
  { permission: "jobs.read", params: z.object({ id: z.uuid("expected a job id") }), query: querySchema },
  async ({ params }, query) =>
    listJobItemViews(await getDb(), params.id, {
      statuses: query.status,
      after: query.after,
      limit: query.limit,
    }),
);
