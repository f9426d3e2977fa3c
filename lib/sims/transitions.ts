/**
 * The console's own rules for what may be done to a SIM in each status, and by which role
 * (sim-api.md §8.2, §10, §11, §17). Pure: the detail page uses them to offer only what can work,
 * and the server actions check them again before anything is sent upstream.
 *
 * Deliberately NOT shared with lib/sandbox (design.md): if both sides read one table, a wrong
 * rule would agree with itself and every test would pass. Where the upstream's rules are
 * unconfirmed (§19) we offer the narrower choice: a request KORE would accept but we do not offer
 * costs a support ticket; one we offer that KORE refuses costs the operator's trust.
 */
import { type Action, type Actor, can } from "@/lib/auth/permissions";
import { knownSimStatus, SETTABLE_SIM_STATUSES, type SimStatus, simStatusLabel } from "@/lib/kore/sim-status";

export type StatusTarget = (typeof SETTABLE_SIM_STATUSES)[number];

/**
 * From → requestable targets. `new → suspended` is unconfirmed upstream and pointless (a new SIM
 * cannot connect anyway), so it is not offered; `deactivated` is permanent in practice (it turns
 * `canceled` after 72 h, and reactivation is unconfirmed), so nothing leaves it from here.
 */
export const STATUS_TRANSITIONS: Readonly<Record<SimStatus, readonly StatusTarget[]>> = {
  new: ["ready", "active", "deactivated"],
  ready: ["active", "suspended", "deactivated"],
  active: ["suspended", "deactivated"],
  suspended: ["active", "deactivated"],
  deactivated: [],
  canceled: [],
  scheduled: [],
  updating: [],
};

/** The permission each target needs: `ready` starts a free test period, a commercial decision. */
export const STATUS_TARGET_PERMISSION: Readonly<Record<StatusTarget, Action>> = {
  ready: "sims.ready",
  active: "sims.activate",
  suspended: "sims.suspend",
  deactivated: "sims.deactivate",
};

/** What each target is called on its button, in the order buttons appear. */
export const STATUS_TARGET_VERBS: Readonly<Record<StatusTarget, string>> = {
  ready: "Make ready",
  active: "Activate",
  suspended: "Suspend",
  deactivated: "Deactivate",
};

/** Statuses from which the console offers deletion. The upstream's set is unconfirmed (§17). */
export const DELETABLE_STATUSES: readonly SimStatus[] = ["new", "deactivated", "canceled"];

/** Statuses in which a connectivity reset makes sense: only a SIM that may attach can re-attach. */
export const RESETTABLE_STATUSES: readonly SimStatus[] = ["active", "ready"];

export type Check = { ok: true } | { ok: false; reason: string };

const OK: Check = { ok: true };

/** Targets the transition table allows from `status`, whoever asks. */
export function statusTargetsFrom(status: string): readonly StatusTarget[] {
  const known = knownSimStatus(status);
  return known ? STATUS_TRANSITIONS[known] : [];
}

/** Targets both the table and the person's role allow: exactly the buttons to show. */
export function allowedStatusTargets(status: string, user: Actor): StatusTarget[] {
  return statusTargetsFrom(status).filter((target) => can(user, STATUS_TARGET_PERMISSION[target]));
}

/** Whether a status change may be requested now, and if not, why (in words for the operator). */
export function checkStatusChange(status: string, target: StatusTarget): Check {
  const known = knownSimStatus(status);
  if (known === "scheduled" || known === "updating") {
    return { ok: false, reason: "A change is already in progress for this SIM. Wait until it settles." };
  }
  if (!known)
    return { ok: false, reason: `The console does not know status "${status}", so it offers no changes.` };
  if (known === target) return { ok: false, reason: `The SIM is already ${simStatusLabel(target)}.` };
  if (!STATUS_TRANSITIONS[known].includes(target)) {
    return {
      ok: false,
      reason: `A ${simStatusLabel(known)} SIM cannot become ${simStatusLabel(target)}.${terminalNote(known)}`,
    };
  }
  return OK;
}

/** Whether a rate plan change may be requested now (the upstream refuses it while in flight, 33010). */
export function checkRatePlanChange(status: string): Check {
  const known = knownSimStatus(status);
  if (known === "scheduled" || known === "updating") {
    return { ok: false, reason: "A change is already in progress for this SIM. Wait until it settles." };
  }
  if (known === "canceled") return { ok: false, reason: "A canceled SIM is retired for good." };
  return OK;
}

export function checkReset(sim: { status: string; resetStatus?: string | null }): Check {
  const known = knownSimStatus(sim.status);
  if (!known || !RESETTABLE_STATUSES.includes(known)) {
    return {
      ok: false,
      reason: `Only an Active or Ready SIM can be reset; this one is ${simStatusLabel(sim.status)}.`,
    };
  }
  if (sim.resetStatus === "resetting")
    return { ok: false, reason: "A connectivity reset is already running." };
  return OK;
}

export function checkMove(status: string): Check {
  if (status === "new") return OK;
  return {
    ok: false,
    reason: `Only a New SIM can move to another account; this one is ${simStatusLabel(status)}. Once a SIM has been Ready or Active it stays with its account.`,
  };
}

export function checkDelete(status: string): Check {
  const known = knownSimStatus(status);
  if (known && DELETABLE_STATUSES.includes(known)) return OK;
  return {
    ok: false,
    reason: `A ${simStatusLabel(status)} SIM cannot be deleted. Only New, Deactivated and Canceled SIMs can; deactivate it first.`,
  };
}

function terminalNote(status: SimStatus): string {
  if (status === "deactivated") return " Deactivation is permanent: the SIM becomes Canceled after 72 hours.";
  if (status === "canceled") return " Canceled is final.";
  return "";
}
