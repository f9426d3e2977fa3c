/**
 * The SIM detail page's GET routes in the authorization matrix (its actions are in registry.ts):
 * reads for everyone signed in, the reset pre-check for support and up.
 */
import type { MatrixCase } from "./registry";

const SID = "DE0123456789abcdef0123456789abcdef";

export const SIM_DETAIL_AUTHZ_CASES: MatrixCase[] = [
  {
    kind: "route",
    name: "GET /api/sims/[sid]",
    permission: "sims.read",
    load: async () => (await import("@/app/api/sims/[sid]/route")).GET,
    path: `/api/sims/${SID}`,
    params: { sid: SID },
  },
  {
    kind: "route",
    name: "GET /api/sims/[sid]/usage",
    permission: "sims.read",
    load: async () => (await import("@/app/api/sims/[sid]/usage/route")).GET,
    path: `/api/sims/${SID}/usage?range=7d`,
    params: { sid: SID },
  },
  {
    kind: "route",
    name: "GET /api/sims/[sid]/sessions",
    permission: "sims.read",
    load: async () => (await import("@/app/api/sims/[sid]/sessions/route")).GET,
    path: `/api/sims/${SID}/sessions`,
    params: { sid: SID },
  },
  {
    kind: "route",
    name: "GET /api/sims/[sid]/accounts",
    permission: "sims.read",
    load: async () => (await import("@/app/api/sims/[sid]/accounts/route")).GET,
    path: `/api/sims/${SID}/accounts`,
    params: { sid: SID },
  },
  {
    kind: "route",
    name: "GET /api/sims/[sid]/reset-check",
    permission: "sims.reset",
    load: async () => (await import("@/app/api/sims/[sid]/reset-check/route")).GET,
    path: `/api/sims/${SID}/reset-check`,
    params: { sid: SID },
  },
];
