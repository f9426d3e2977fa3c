/**
 * Bulk jobs in the authorization matrix (lib/actions/jobs.ts, app/api/jobs/**, the SIM export):
 * one case per job action for preview and confirm (each needs that action's permission), a few
 * for cancel and retry, and every GET route.
 */
import { count } from "drizzle-orm";
import { jobs } from "@/lib/db/schema/jobs";
import { JOB_ACTION_INFO, JOB_ACTIONS, type JobAction, type JobSpec } from "@/lib/jobs/job-spec";
import type { ActionCase, MatrixCase, MatrixFixtures } from "./registry";

const SID = "DE0123456789abcdef0123456789abcdef";
const JOB_ID = "0b6c3f3e-8d1c-4a52-9a43-1d2f6f0e9a11";

const SPECS: Record<JobAction, JobSpec> = {
  activate: { action: "activate" },
  suspend: { action: "suspend" },
  deactivate: { action: "deactivate" },
  ratePlan: { action: "ratePlan", ratePlan: "WP0123456789abcdef0123456789abcdef" },
  callback: {
    action: "callback",
    commandsCallbackUrl: "https://example.com/commands",
    commandsCallbackMethod: "POST",
  },
  reset: { action: "reset" },
  move: { action: "move", accountSid: "AC0123456789abcdef0123456789abcdef" },
};

const jobActions = () => import("@/lib/actions/jobs");
const jobCount = async ({ db }: MatrixFixtures) => (await db.select({ n: count() }).from(jobs))[0]?.n;

export const JOB_AUTHZ_CASES: MatrixCase[] = [
  ...JOB_ACTIONS.map(
    (action): ActionCase => ({
      kind: "action",
      name: `jobs.preview → ${action}`,
      permission: JOB_ACTION_INFO[action].permission,
      load: async () => (await jobActions()).previewJob,
      input: () => ({ spec: SPECS[action], selection: { kind: "sids", sids: [SID] } }),
      snapshot: jobCount,
    }),
  ),
  ...JOB_ACTIONS.map(
    (action): ActionCase => ({
      kind: "action",
      name: `jobs.confirm → ${action}`,
      permission: JOB_ACTION_INFO[action].permission,
      load: async () => (await jobActions()).confirmJob,
      input: () => ({ jobId: JOB_ID, action, reason: "matrix test", confirmCount: 1 }),
    }),
  ),
  ...(["suspend", "deactivate", "reset"] as const).flatMap((action): ActionCase[] => [
    {
      kind: "action",
      name: `jobs.cancel → ${action}`,
      permission: JOB_ACTION_INFO[action].permission,
      load: async () => (await jobActions()).cancelJob,
      input: () => ({ jobId: JOB_ID, action }),
    },
    {
      kind: "action",
      name: `jobs.retryFailed → ${action}`,
      permission: JOB_ACTION_INFO[action].permission,
      load: async () => (await jobActions()).retryFailedJob,
      input: () => ({ jobId: JOB_ID, action }),
    },
  ]),
  {
    kind: "route",
    name: "GET /api/jobs",
    permission: "jobs.read",
    load: async () => (await import("@/app/api/jobs/route")).GET,
    path: "/api/jobs",
  },
  {
    kind: "route",
    name: "GET /api/jobs/{id}",
    permission: "jobs.read",
    load: async () => (await import("@/app/api/jobs/[id]/route")).GET,
    path: `/api/jobs/${JOB_ID}`,
    params: { id: JOB_ID },
  },
  {
    kind: "route",
    name: "GET /api/jobs/{id}/items",
    permission: "jobs.read",
    load: async () => (await import("@/app/api/jobs/[id]/items/route")).GET,
    path: `/api/jobs/${JOB_ID}/items?status=failed`,
    params: { id: JOB_ID },
  },
  {
    kind: "route",
    name: "GET /api/jobs/{id}/report",
    permission: "jobs.read",
    load: async () => (await import("@/app/api/jobs/[id]/report/route")).GET,
    path: `/api/jobs/${JOB_ID}/report`,
    params: { id: JOB_ID },
  },
  {
    kind: "route",
    name: "GET /api/jobs/accounts",
    permission: "sims.move",
    load: async () => (await import("@/app/api/jobs/accounts/route")).GET,
    path: "/api/jobs/accounts",
  },
  {
    kind: "route",
    name: "GET /api/sims/export",
    permission: "sims.export",
    load: async () => (await import("@/app/api/sims/export/route")).GET,
    path: "/api/sims/export?status=active",
  },
];
