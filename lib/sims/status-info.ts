/**
 * What each SIM status means to the person paying for the fleet, in plain words (sim-api.md §8.1).
 * Pure data: the status badge, its tooltip, the filter labels and (later) the SIM page's status
 * explainer all read it, so a status is described the same way everywhere.
 */
import {
  isTransientSimStatus,
  knownSimStatus,
  SIM_STATUSES,
  type SimStatus,
  simStatusLabel,
} from "@/lib/kore/sim-status";

export type StatusTone = "neutral" | "info" | "success" | "warning" | "danger";

export type StatusInfo = {
  status: string;
  label: string;
  /** What the SIM can do in this status. */
  meaning: string;
  /** What it costs while in this status. */
  billing: string;
  tone: StatusTone;
  /** The upstream is still working on the SIM; the row refreshes itself until it settles. */
  transient: boolean;
};

const STATUS_INFO: Record<SimStatus, Pick<StatusInfo, "meaning" | "billing" | "tone">> = {
  new: {
    meaning:
      "Not yet activated: the SIM cannot connect. It can stay here indefinitely; once it has been Ready or Active it can never return to New.",
    billing: "No charge.",
    tone: "neutral",
  },
  ready: {
    meaning:
      "Can connect as its rate plan allows, for testing. Becomes Active automatically after 250 KB of data, 5 Commands or 3 months, whichever comes first.",
    billing: "No monthly fee while Ready.",
    tone: "info",
  },
  active: {
    meaning: "Can connect and use the network as its rate plan allows.",
    billing: "Billable: the monthly fee and usage of its rate plan.",
    tone: "success",
  },
  suspended: {
    meaning: "Blocked from the network until it is reactivated.",
    billing: "Free for the first 3 months suspended; after that a suspended-SIM monthly fee applies.",
    tone: "warning",
  },
  deactivated: {
    meaning: "Blocked from the network and being retired: it becomes Canceled automatically after 72 hours.",
    billing: "No network access, so no usage charges.",
    tone: "danger",
  },
  canceled: {
    meaning: "Permanently retired: it can never be reactivated.",
    billing: "No network access, so no usage charges.",
    tone: "neutral",
  },
  scheduled: {
    meaning:
      "A requested change is waiting: the mobile operator cannot take it right now, and it is applied automatically once the operator accepts changes again. This can last a while.",
    billing: "Billed as the status it settles in, once the change is applied.",
    tone: "info",
  },
  updating: {
    meaning: "A requested change is being applied; this usually takes seconds to a minute.",
    billing: "Billed as the status it settles in.",
    tone: "info",
  },
};

/** The eight documented statuses with their labels, in lifecycle order (for filters). */
export const STATUS_OPTIONS = SIM_STATUSES.map((status) => ({
  value: status,
  label: simStatusLabel(status),
}));

/**
 * Describe a status. The upstream has added statuses before (sim-api.md §16), so an unknown value
 * is described honestly instead of crashing or being shown as something it is not.
 */
export function getStatusInfo(status: string): StatusInfo {
  const label = simStatusLabel(status);
  const known = knownSimStatus(status);
  if (known) return { status, label, transient: isTransientSimStatus(known), ...STATUS_INFO[known] };
  return {
    status,
    label,
    meaning: `A status this console does not know yet ("${status}"). Check KORE's documentation for what it means.`,
    billing: "Unknown.",
    tone: "neutral",
    transient: false,
  };
}

/** Whether the upstream is still working on this SIM (a status change or a connectivity reset). */
export function isSimTransient(sim: { status: string; resetStatus?: string | null }): boolean {
  return getStatusInfo(sim.status).transient || sim.resetStatus === "resetting";
}
