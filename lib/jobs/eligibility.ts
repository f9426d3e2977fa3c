/**
 * Whether a job may change one SIM, and what it would change: the preview's answer per SIM.
 * The status rules are the SIM-detail page's (lib/sims/transitions.ts), so a SIM a bulk job
 * refuses is one the detail page would refuse too, for the same words.
 *
 * Pure: the runner, the preview and the tests share it.
 */
import type { Sim } from "@/lib/kore/schemas";
import { formatCooldown } from "@/lib/sims/reset-cooldown";
import {
  checkMove,
  checkRatePlanChange,
  checkReset,
  checkStatusChange,
  type StatusTarget,
} from "@/lib/sims/transitions";
import type { JobSpec } from "./job-spec";

export type JobFieldValues = Record<string, string | null>;

export type EligibleSim = Pick<
  Sim,
  | "sid"
  | "status"
  | "ratePlanSid"
  | "resetStatus"
  | "commandsCallbackUrl"
  | "commandsCallbackMethod"
  | "accountSid"
>;

export type Eligibility =
  | { eligible: true; before: JobFieldValues; after: JobFieldValues }
  | { eligible: false; reason: string; before: JobFieldValues; after: JobFieldValues };

export type EligibilityContext = {
  /** The last successful reset of this SIM through the console (reset only). */
  lastResetAt?: Date | null;
  resetCooldownSeconds?: number;
  now?: Date;
};

const STATUS_TARGETS: Partial<Record<JobSpec["action"], StatusTarget>> = {
  activate: "active",
  suspend: "suspended",
  deactivate: "deactivated",
};

export function checkEligibility(
  spec: JobSpec,
  sim: EligibleSim,
  context: EligibilityContext = {},
): Eligibility {
  const { before, after } = plannedChange(spec, sim);
  const refuse = (reason: string): Eligibility => ({ eligible: false, reason, before, after });

  switch (spec.action) {
    case "activate":
    case "suspend":
    case "deactivate": {
      const target = STATUS_TARGETS[spec.action] as StatusTarget;
      const check = checkStatusChange(sim.status, target);
      if (!check.ok) return refuse(check.reason);
      if (target === "active" && !sim.ratePlanSid) {
        return refuse("The SIM has no rate plan; assign one before activating it.");
      }
      break;
    }
    case "ratePlan": {
      const check = checkRatePlanChange(sim.status);
      if (!check.ok) return refuse(check.reason);
      if (sim.ratePlanSid === spec.ratePlan) return refuse("The SIM is already on this rate plan.");
      break;
    }
    case "callback": {
      if (sim.status === "canceled") return refuse("A canceled SIM is retired for good.");
      if (
        (sim.commandsCallbackUrl ?? "") === spec.commandsCallbackUrl &&
        normaliseMethod(sim.commandsCallbackMethod) === spec.commandsCallbackMethod
      ) {
        return refuse("The SIM already uses this commands callback URL and method.");
      }
      break;
    }
    case "reset": {
      const check = checkReset(sim);
      if (!check.ok) return refuse(check.reason);
      const cooldown = context.resetCooldownSeconds ?? 0;
      if (context.lastResetAt && cooldown > 0) {
        const now = context.now ?? new Date();
        const remaining = Math.ceil((context.lastResetAt.getTime() + cooldown * 1000 - now.getTime()) / 1000);
        if (remaining > 0) {
          return refuse(
            `The SIM was reset recently; the next reset is allowed in ${formatCooldown(remaining)}.`,
          );
        }
      }
      break;
    }
    case "move": {
      const check = checkMove(sim.status);
      if (!check.ok) return refuse(check.reason);
      if (sim.accountSid === spec.accountSid) return refuse("The SIM is already in that account.");
      break;
    }
  }
  return { eligible: true, before, after };
}

/** The fields the action touches, as they are and as the job would leave them. */
export function plannedChange(
  spec: JobSpec,
  sim: EligibleSim,
): { before: JobFieldValues; after: JobFieldValues } {
  switch (spec.action) {
    case "activate":
    case "suspend":
    case "deactivate":
      return { before: { status: sim.status }, after: { status: STATUS_TARGETS[spec.action] as string } };
    case "ratePlan":
      return { before: { ratePlan: sim.ratePlanSid }, after: { ratePlan: spec.ratePlan } };
    case "callback":
      return {
        before: {
          commandsCallbackUrl: sim.commandsCallbackUrl,
          commandsCallbackMethod: normaliseMethod(sim.commandsCallbackMethod),
        },
        after: {
          commandsCallbackUrl: spec.commandsCallbackUrl === "" ? null : spec.commandsCallbackUrl,
          commandsCallbackMethod: spec.commandsCallbackMethod,
        },
      };
    case "reset":
      return { before: { resetStatus: sim.resetStatus }, after: { resetStatus: "resetting" } };
    case "move":
      return { before: { account: sim.accountSid }, after: { account: spec.accountSid } };
  }
}

/**
 * Whether the SIM as read now already shows what the job asked for. The runner asks this before
 * sending a request again whose first try may have reached KORE (a 5xx, a timeout, a crash), so
 * a change is never sent twice. A SIM still `updating` says nothing about where it is going, so
 * for that the runner waits and reads again rather than deciding here.
 */
export function targetReached(spec: JobSpec, sim: EligibleSim, before: JobFieldValues | null): boolean {
  switch (spec.action) {
    case "activate":
      return sim.status === "active";
    case "suspend":
      return sim.status === "suspended";
    case "deactivate":
      return sim.status === "deactivated" || sim.status === "canceled";
    case "ratePlan":
      return sim.ratePlanSid === spec.ratePlan;
    case "callback":
      return (
        (sim.commandsCallbackUrl ?? "") === spec.commandsCallbackUrl &&
        normaliseMethod(sim.commandsCallbackMethod) === spec.commandsCallbackMethod
      );
    case "reset":
      // A reset leaves no lasting trace; "resetting" now, when it was not before, is ours.
      return sim.resetStatus === "resetting" && before?.resetStatus !== "resetting";
    case "move":
      return sim.accountSid === spec.accountSid;
  }
}

/** The upstream documents POST as the default for an unset method. */
function normaliseMethod(method: string | null | undefined): string {
  return method?.toUpperCase() === "GET" ? "GET" : "POST";
}
