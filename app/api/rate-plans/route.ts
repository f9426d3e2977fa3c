/** GET /api/rate-plans: every rate plan of the account (a handful), for filters and plan names. */
import { defineRoute } from "@/lib/http/define-route";
import { listRatePlans } from "@/lib/kore/rate-plans";

export const GET = defineRoute({ permission: "sims.read" }, async ({ request }) =>
  listRatePlans({ signal: request.signal }),
);
