/** GET /api/sims/{sid}/usage?range=24h|7d|30d|custom&start=&end=: the Usage tab's chart and totals. */
import { defineRoute } from "@/lib/http/define-route";
import { loadSimUsage } from "@/lib/sims/sim-detail";
import { usageQuerySchema } from "@/lib/sims/usage-summary";
import { simRouteParamsSchema } from "../params";

export const GET = defineRoute(
  { permission: "sims.read", params: simRouteParamsSchema, query: usageQuerySchema },
  async ({ request, params }, query) => loadSimUsage(params.sid, query, { signal: request.signal }),
);
