/** GET /api/jobs: the latest jobs with their progress, newest first (the /jobs page refetches it). */
import { z } from "zod";
import { getDb } from "@/lib/db/get-db";
import { defineRoute } from "@/lib/http/define-route";
import { listJobSummaries } from "@/lib/jobs/views";

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.iso.datetime().optional(),
});

export const GET = defineRoute({ permission: "jobs.read", query: querySchema }, async (_ctx, query) => ({
  jobs: await listJobSummaries(await getDb(), {
    limit: query.limit,
    before: query.before ? new Date(query.before) : undefined,
  }),
}));
