/**
 * GET /api/timeline/DE…: one SIM's lifecycle timeline for the Timeline tab (and its polling):
 * Monitor events (refreshed from KORE, kept in our database), status callbacks, the console's
 * audit entries and data sessions, merged newest first. Audit entries are included for roles that
 * may read the audit trail.
 */
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/get-db";
import { defineRoute } from "@/lib/http/define-route";
import { getKoreClient } from "@/lib/kore/client";
import { loadSimTimeline } from "@/lib/timeline/sim-timeline-service";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({
  sid: z.string().regex(/^DE[0-9a-fA-F]{32}$/, "expected a SIM SID (DE followed by 32 hex digits)"),
});

export const GET = defineRoute(
  { permission: "sims.read", params: paramsSchema },
  async ({ user, params, request }) =>
    loadSimTimeline({ db: await getDb(), kore: getKoreClient() }, params.sid, {
      includeAudit: can(user, "audit.read"),
      signal: request.signal,
    }),
);
