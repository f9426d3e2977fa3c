/**
 * GET /api/sims?status=…&iccid=…&pageSize=…&page=…&pageToken=…: one page of the SIM list for the
 * browser's refetches, with the URL names and rules of the table (lib/sims/search-params.ts).
 * The server page prefetches the same page through the same function. The rows go as arrays
 * (lib/sims/sim-list-wire.ts).
 */
import { defineRoute } from "@/lib/http/define-route";
import { listSimSummariesPage } from "@/lib/kore/sims";
import { toUpstreamListParams } from "@/lib/sims/search-params";
import { simListQuerySchema } from "@/lib/sims/sim-list-query";
import { toSimListWire } from "@/lib/sims/sim-list-wire";

export const GET = defineRoute(
  { permission: "sims.read", query: simListQuerySchema },
  async ({ request }, query) =>
    toSimListWire(await listSimSummariesPage(toUpstreamListParams(query), { signal: request.signal })),
);
