/**
 * THE AUTHORIZATION MATRIX REGISTRY: every server action and every permissioned route handler,
 * each with the permission the matrix (lib/auth/permissions.ts) says it needs. The matrix test
 * (authz-matrix.test.ts) calls each case as anonymous and as every role, and checks it is allowed
 * exactly where `can(role, permission)` says, refused everywhere else (401/403, or
 * "unauthenticated"/"forbidden"), with nothing sent upstream and, for actions, a refusal in the
 * audit trail.
 *
 * ADDING YOUR ACTION OR ROUTE: append a case below. For an action whose permission depends on
 * the input, add one case per permission (e.g. one status target each). Give an input that is
 * VALID, so a refusal can only come from authorization; the allowed roles really run the handler
 * (upstream calls fail fast with a 503 from a recording fake, which is fine: only refusals are
 * judged). Add `snapshot` when the handler changes our database, to prove a refusal left it as it was.
 */
import { count } from "drizzle-orm";
import type { Action } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { user } from "@/lib/db/schema/auth";
import { JOB_AUTHZ_CASES } from "./jobs-cases";
import { SIM_DETAIL_AUTHZ_CASES } from "./sim-detail-cases";
import { TIMELINE_AUTHZ_CASES } from "./timeline-cases";

export type MatrixFixtures = { db: Db };

type AnyActionResult = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
export type MatrixAction = ((input: never) => Promise<AnyActionResult>) & { actionName: string };
export type MatrixRoute = (
  request: Request,
  context?: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export type ActionCase = {
  kind: "action";
  /** Test label, e.g. "sims.status → deactivated". */
  name: string;
  permission: Action;
  load: () => Promise<MatrixAction>;
  input: (fx: MatrixFixtures) => unknown | Promise<unknown>;
  /** State the handler would change; it must read the same after a refusal. */
  snapshot?: (fx: MatrixFixtures) => Promise<unknown>;
};

export type RouteCase = {
  kind: "route";
  /** Test label, e.g. "GET /api/audit". */
  name: string;
  permission: Action;
  load: () => Promise<MatrixRoute>;
  /** Path and query the request goes to. */
  path: string;
  params?: Record<string, string>;
};

export type MatrixCase = ActionCase | RouteCase;

const SID = "DE0123456789abcdef0123456789abcdef";
const ACCOUNT = "AC0123456789abcdef0123456789abcdef";

const usersSnapshot = async ({ db }: MatrixFixtures) =>
  db.select({ id: user.id, role: user.role, disabled: user.disabled }).from(user).orderBy(user.id);

/** A user to act on; inserted directly (no password hashing: these never sign in). */
async function freshUser(db: Db) {
  const id = `matrix-${Math.random().toString(36).slice(2)}`;
  await db.insert(user).values({ id, name: id, email: `${id}@example.com`, role: "viewer" });
  return { id };
}

const usersActions = () => import("@/lib/actions/users");
const simActions = () => import("@/lib/actions/sims");

export const AUTHZ_CASES: MatrixCase[] = [
  // Users (lib/actions/users.ts)
  {
    kind: "action",
    name: "users.create",
    permission: "users.manage",
    load: async () => (await usersActions()).createUserAction,
    input: () => ({ email: `new-${Math.random().toString(36).slice(2)}@example.com`, role: "viewer" }),
    snapshot: async ({ db }) => (await db.select({ n: count() }).from(user))[0]?.n,
  },
  {
    kind: "action",
    name: "users.setRole",
    permission: "users.manage",
    load: async () => (await usersActions()).setUserRoleAction,
    input: async ({ db }) => ({ userId: (await freshUser(db)).id, role: "admin" }),
    snapshot: usersSnapshot,
  },
  {
    kind: "action",
    name: "users.setDisabled",
    permission: "users.manage",
    load: async () => (await usersActions()).setUserDisabledAction,
    input: async ({ db }) => ({ userId: (await freshUser(db)).id, disabled: true }),
    snapshot: usersSnapshot,
  },

  // View preferences (lib/actions/preferences.ts)
  {
    kind: "action",
    name: "preferences.simTableColumns",
    permission: "sims.read",
    load: async () => (await import("@/lib/actions/preferences")).saveSimTableColumns,
    input: () => ({ hidden: ["reset"] }),
  },

  // One SIM (lib/actions/sims.ts)
  {
    kind: "action",
    name: "sims.update (settings)",
    permission: "sims.update",
    load: async () => (await simActions()).updateSimSettings,
    input: () => ({ sid: SID, changes: { friendlyName: "tracker 7" } }),
  },
  {
    kind: "action",
    name: "sims.update (rate plan)",
    permission: "sims.ratePlan",
    load: async () => (await simActions()).updateSimSettings,
    input: () => ({ sid: SID, changes: { ratePlan: "WP0123456789abcdef0123456789abcdef" } }),
  },
  ...(
    [
      ["ready", "sims.ready", {}],
      ["active", "sims.activate", {}],
      ["suspended", "sims.suspend", { reason: "customer asked" }],
      ["deactivated", "sims.deactivate", { confirmIccid: "8901000000000000001" }],
    ] as const
  ).map(
    ([target, permission, extra]): ActionCase => ({
      kind: "action",
      name: `sims.status → ${target}`,
      permission,
      load: async () => (await simActions()).changeSimStatus,
      input: () => ({ sid: SID, target, ...extra }),
    }),
  ),
  {
    kind: "action",
    name: "sims.reset",
    permission: "sims.reset",
    load: async () => (await simActions()).resetSimConnectivity,
    input: () => ({ sid: SID }),
  },
  {
    kind: "action",
    name: "sims.reset (cooldown override)",
    permission: "sims.resetCooldownOverride",
    load: async () => (await simActions()).resetSimConnectivity,
    input: () => ({ sid: SID, overrideCooldown: true }),
  },
  {
    kind: "action",
    name: "sims.move",
    permission: "sims.move",
    load: async () => (await simActions()).moveSim,
    input: () => ({ sid: SID, accountSid: ACCOUNT }),
  },
  {
    kind: "action",
    name: "sims.delete",
    permission: "sims.delete",
    load: async () => (await simActions()).deleteSimAction,
    input: () => ({ sid: SID, confirmIccid: "8901000000000000001" }),
  },

  // Route handlers
  {
    kind: "route",
    name: "GET /api/audit",
    permission: "audit.read",
    load: async () => (await import("@/app/api/audit/route")).GET,
    path: "/api/audit?outcome=refused&pageSize=25",
  },
  {
    kind: "route",
    name: "GET /api/sims",
    permission: "sims.read",
    load: async () => (await import("@/app/api/sims/route")).GET,
    path: "/api/sims",
  },
  {
    kind: "route",
    name: "GET /api/rate-plans",
    permission: "sims.read",
    load: async () => (await import("@/app/api/rate-plans/route")).GET,
    path: "/api/rate-plans",
  },

  // Bulk jobs and the SIM export (test/authz/jobs-cases.ts)
  ...JOB_AUTHZ_CASES,

  // The SIM detail page's reads (test/authz/sim-detail-cases.ts)
  ...SIM_DETAIL_AUTHZ_CASES,

  // The SIM timeline and the events feed (test/authz/timeline-cases.ts)
  ...TIMELINE_AUTHZ_CASES,
];
