/**
 * The timeline's routes in the authorization matrix: a SIM's timeline (sims.read) and the
 * fleet-wide events feed (events.read). The status-callback webhook is not here on purpose: it
 * has no session and no role, only the URL token (tested in app/api/webhooks/sim-status).
 */
import type { MatrixCase } from "./registry";

const SID = "DE0123456789abcdef0123456789abcdef";

export const TIMELINE_AUTHZ_CASES: MatrixCase[] = [
  {
    kind: "route",
    name: "GET /api/timeline/[sid]",
    permission: "sims.read",
    load: async () => (await import("@/app/api/timeline/[sid]/route")).GET,
    path: `/api/timeline/${SID}`,
    params: { sid: SID },
  },
  {
    kind: "route",
    name: "GET /api/events",
    permission: "events.read",
    load: async () => (await import("@/app/api/events/route")).GET,
    path: "/api/events?type=wireless-sim.updated&from=2026-11-01&pageSize=25",
  },
];
