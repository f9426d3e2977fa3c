/**
 * The upstream request a job sends for one SIM, and the name its audit entries carry. Pure.
 *
 * Status, rate plan and reset are asynchronous upstream (sim-api.md §7.3): they carry the
 * console's status callback URL so the SIM's timeline hears when each one lands, exactly as a
 * change made on the SIM's own page does.
 */
import type { SimUpdate } from "@/lib/kore/params";
import type { JobSpec } from "./job-spec";

export function simUpdateFor(spec: JobSpec, statusCallbackUrl: string | null): SimUpdate {
  const callback = statusCallbackUrl
    ? { callbackUrl: statusCallbackUrl, callbackMethod: "POST" as const }
    : {};
  switch (spec.action) {
    case "activate":
      return { status: "active", ...callback };
    case "suspend":
      return { status: "suspended", ...callback };
    case "deactivate":
      return { status: "deactivated", ...callback };
    case "ratePlan":
      return { ratePlan: spec.ratePlan, ...callback };
    case "callback":
      return {
        commandsCallbackUrl: spec.commandsCallbackUrl === "" ? null : spec.commandsCallbackUrl,
        commandsCallbackMethod: spec.commandsCallbackMethod,
      };
    case "reset":
      return { resetStatus: "resetting", ...callback };
    case "move":
      return { accountSid: spec.accountSid };
  }
}

/**
 * The audit trail's action name for one SIM changed by a job: the names the SIM page's own
 * actions record (lib/actions/sims.ts), so a SIM's history reads the same either way and the
 * reset cooldown (lib/sims/reset-cooldown.ts) counts resets made by jobs.
 */
export const JOB_AUDIT_ACTIONS: Record<JobSpec["action"], string> = {
  activate: "sims.status",
  suspend: "sims.status",
  deactivate: "sims.status",
  ratePlan: "sims.update",
  callback: "sims.update",
  reset: "sims.reset",
  move: "sims.move",
};
