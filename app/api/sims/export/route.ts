/**
 * GET /api/sims/export?status=…&ratePlan=…: every SIM matching the table's filters as CSV,
 * streamed page by page with backpressure (lib/jobs/sim-export.ts), so the console's memory stays
 * flat for any account size. Same filter names and rules as GET /api/sims, without paging.
 */
import { defineRoute } from "@/lib/http/define-route";
import { jobFilterSchema } from "@/lib/jobs/job-spec";
import { createSimExportStream, simExportFileName } from "@/lib/jobs/sim-export";
import { getKoreClient } from "@/lib/kore/client";

export const GET = defineRoute(
  { permission: "sims.export", query: jobFilterSchema },
  async ({ request }, query) => {
    const kore = getKoreClient();
    const plans = await kore.listRatePlans({ signal: request.signal });
    const names = new Map(plans.map((p) => [p.sid, p.friendlyName ?? p.uniqueName ?? p.sid]));
    const stream = await createSimExportStream(
      kore,
      {
        status: query.status,
        iccid: query.iccid,
        ratePlan: query.ratePlan,
        simRegistrationCode: query.registrationCode,
        eId: query.eid,
      },
      names,
      request.signal,
    );
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${simExportFileName(query)}"`,
      },
    });
  },
);
