/**
 * The sandbox's demo accounts, one per role. Seeded on first start in sandbox mode only (see
 * lib/auth/demo-seed.ts), printed by the launcher and listed in the README. Pure data: safe to
 * import from scripts, tests and the sign-in page.
 *
 * These passwords are public by design; they never exist outside sandbox mode.
 */
import type { Role } from "./permissions";

export type DemoUser = { role: Role; email: string; name: string; password: string };

export const DEMO_USERS = [
  { role: "viewer", email: "viewer@sandbox.test", name: "Vic Viewer", password: "viewer-demo-pass" },
  { role: "support", email: "support@sandbox.test", name: "Sam Support", password: "support-demo-pass" },
  { role: "operator", email: "operator@sandbox.test", name: "Olu Operator", password: "operator-demo-pass" },
  { role: "admin", email: "admin@sandbox.test", name: "Ada Admin", password: "admin-demo-pass" },
] as const satisfies readonly DemoUser[];
