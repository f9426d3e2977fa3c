/**
 * GET /api/sims/{sid}/accounts: the account tree (names ↔ `AC…` SIDs) the SIM's owner is shown
 * from and a move picks its target in. The same for every SIM; it lives here because the SIM page
 * is its only reader.
 */
import { defineRoute } from "@/lib/http/define-route";
import { loadAccountOptions } from "@/lib/sims/sim-detail";
import { simRouteParamsSchema } from "../params";

export const GET = defineRoute(
  { permission: "sims.read", params: simRouteParamsSchema },
  async ({ request }) => loadAccountOptions({ signal: request.signal }),
);
