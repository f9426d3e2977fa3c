/** GET /api/sims/{sid}: one SIM for the detail page's refetches (polled while a change is in flight). */
import { defineRoute } from "@/lib/http/define-route";
import { loadSimDetail } from "@/lib/sims/sim-detail";
import { simRouteParamsSchema } from "./params";

export const GET = defineRoute(
  { permission: "sims.read", params: simRouteParamsSchema },
  async ({ request, params }) => loadSimDetail(params.sid, { signal: request.signal }),
);
