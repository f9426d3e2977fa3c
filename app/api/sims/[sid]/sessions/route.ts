/** GET /api/sims/{sid}/sessions: the last 30 days of data sessions, newest first, IMEI changes flagged. */
import { defineRoute } from "@/lib/http/define-route";
import { loadSimSessions } from "@/lib/sims/sim-detail";
import { simRouteParamsSchema } from "../params";

export const GET = defineRoute(
  { permission: "sims.read", params: simRouteParamsSchema },
  async ({ request, params }) => loadSimSessions(params.sid, { signal: request.signal }),
);
