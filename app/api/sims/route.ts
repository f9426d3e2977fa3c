/**
 * GET /api/sims?status=…&iccid=…&pageSize=…&page=…&pageToken=…: one page of the SIM list for the
 * browser's refetches, with the URL names and rules of the table (lib/sims/search-params.ts).
 * The server page prefetches the same page through the same function.
 */
import { defineRoute } from "@/lib/http/define-route";
import { listSimsPage } from "@/lib/kore/sims";
import { toUpstreamListParams } from "@/lib/sims/search-params";
import { simListQuerySchema } from "@/lib/sims/sim-list-query";
import { toSimListPage } from "@/lib/sims/sim-row";

export const GET = defineRoute(
  { permission: "sims.read", query: simListQuerySchema },
  async ({ request }, query) =>
    toSimListPage(await listSimsPage(toUpstreamListParams(query), { signal: request.signal })),
);
