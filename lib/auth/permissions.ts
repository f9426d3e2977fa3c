/**
 * The permission matrix: the one place that says which role may do what. Every page, route
 * handler, server action and bulk job asks `can(user, action)`; the UI uses the same answer to
 * hide what a role may not do, and the server refuses it anyway.
 */
import { z } from "zod";

export const ROLES = ["viewer", "support", "operator", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  support: "Support",
  operator: "Operator",
  admin: "Admin",
};

/** Each action names the least role allowed to perform it; roles are ordered. */
const MINIMUM_ROLE = {
  // Reads: everyone signed in.
  "sims.read": "viewer",
  "events.read": "viewer",
  "audit.read": "viewer",
  "jobs.read": "viewer",
  "sims.export": "viewer",
  // Support agents keep devices connected.
  "sims.reset": "support",
  // Operators run the fleet day to day.
  "sims.update": "operator", // friendly/unique name, callback URLs and methods
  "sims.activate": "operator",
  "sims.suspend": "operator",
  "sims.ratePlan": "operator",
  // Admins do what cannot be undone or crosses accounts.
  "sims.ready": "admin", // new → ready starts the free test period, a commercial decision
  "sims.deactivate": "admin",
  "sims.move": "admin",
  "sims.delete": "admin",
  "sims.resetCooldownOverride": "admin",
  "users.manage": "admin",
} as const satisfies Record<string, Role>;

export type Action = keyof typeof MINIMUM_ROLE;
export const ACTIONS = Object.keys(MINIMUM_ROLE) as Action[];

export function minimumRole(action: Action): Role {
  return MINIMUM_ROLE[action];
}

/** A user that may act: disabled users may do nothing at all. */
export type Actor = { role: Role | string; disabled?: boolean | null } | null | undefined;

export function can(user: Actor, action: Action): boolean {
  if (!user || user.disabled) return false;
  const parsed = roleSchema.safeParse(user.role);
  if (!parsed.success) return false;
  return ROLES.indexOf(parsed.data) >= ROLES.indexOf(MINIMUM_ROLE[action]);
}
