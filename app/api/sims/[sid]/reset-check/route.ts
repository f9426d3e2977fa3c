/** GET /api/sims/{sid}/reset-check: the reset pre-check (cooldown, last data session) for support+. */
import { getDb } from "@/lib/db/get-db";
import { defineRoute } from "@/lib/http/define-route";
import { loadResetCheck } from "@/lib/sims/sim-detail";
import { simRouteParamsSchema } from "../params";

export const GET = defineRoute(
  { permission: "sims.reset", params: simRouteParamsSchema },
  async ({ request, params }) => loadResetCheck(await getDb(), params.sid, { signal: request.signal }),
);
