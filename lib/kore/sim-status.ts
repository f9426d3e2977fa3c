/**
 * The SIM statuses of Programmable Wireless (sim-api.md §8.1). Pure and free of "server-only":
 * client components need the list for filters and the labels for badges.
 *
 * The upstream has added statuses before (`reset_status` in 2019, `deleted` in KORE's enum), so
 * code that receives a status from the wire must treat it as `SimStatus | (string & {})` and
 * ask `knownSimStatus` rather than assume it is one of these eight.
 *
 * No zod here: the SIM table and badges run this module in the browser, and one `z.enum` would
 * pull all of zod into their first load. The schema is `simStatusSchema` in ./params.ts.
 */

export const SIM_STATUSES = [
  "new",
  "ready",
  "active",
  "suspended",
  "deactivated",
  "canceled",
  "scheduled",
  "updating",
] as const;

export type SimStatus = (typeof SIM_STATUSES)[number];

export const SIM_STATUS_LABELS: Record<SimStatus, string> = {
  new: "New",
  ready: "Ready",
  active: "Active",
  suspended: "Suspended",
  deactivated: "Deactivated",
  canceled: "Canceled",
  scheduled: "Scheduled",
  updating: "Updating",
};

/** The only values the `Status` update parameter accepts (sim-api.md §7.1). */
export const SETTABLE_SIM_STATUSES = [
  "ready",
  "active",
  "suspended",
  "deactivated",
] as const satisfies readonly SimStatus[];

/** Statuses the system holds while a requested change is in flight; they settle on their own. */
export const TRANSIENT_SIM_STATUSES = ["scheduled", "updating"] as const satisfies readonly SimStatus[];

const known = new Set<string>(SIM_STATUSES);

/** The status if it is one we know, otherwise null (a value the upstream added after us). */
export function knownSimStatus(status: string): SimStatus | null {
  return known.has(status) ? (status as SimStatus) : null;
}

export function isTransientSimStatus(status: string): boolean {
  return (TRANSIENT_SIM_STATUSES as readonly string[]).includes(status);
}

/** A human label for any status string, including ones this console does not know yet. */
export function simStatusLabel(status: string): string {
  const k = knownSimStatus(status);
  if (k) return SIM_STATUS_LABELS[k];
  return status.length > 0 ? status.charAt(0).toUpperCase() + status.slice(1) : "Unknown";
}
