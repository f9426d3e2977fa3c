"use server";
/**
 * Writes on one SIM, from its detail page. Every action re-reads the SIM, checks the console's
 * own rules (lib/sims/transitions.ts) against what it finds there rather than what the browser
 * showed, and wraps the upstream call in the audit trail. Asynchronous changes (status, rate
 * plan, reset) pass the console's callback URL so the timeline hears when they finish.
 *
 * Precondition failures are recorded too (as errors, inside `ctx.audit.run`): "who tried to
 * delete this SIM" is worth knowing even when the console stopped them.
 */
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/http/app-error";
import { listAccounts } from "@/lib/kore/accounts";
import type { SimUpdate } from "@/lib/kore/params";
import type { Sim } from "@/lib/kore/schemas";
import { SETTABLE_SIM_STATUSES } from "@/lib/kore/sim-status";
import { deleteSim as deleteUpstreamSim, getSim, updateSim } from "@/lib/kore/sims";
import { confirmsIdentity } from "@/lib/sims/iccid";
import { formatCooldown, getResetCooldown, RESET_ACTION } from "@/lib/sims/reset-cooldown";
import {
  SIM_SETTINGS_FIELDS,
  type SimSettingsChanges,
  type SimSettingsField,
  simSettingsFromSim,
  simSidSchema,
  updateSimSettingsInputSchema,
} from "@/lib/sims/sim-settings-schema";
import {
  type Check,
  checkDelete,
  checkMove,
  checkReset,
  checkStatusChange,
  STATUS_TARGET_PERMISSION,
} from "@/lib/sims/transitions";
import { simStatusCallbackUrl } from "@/lib/webhooks/callback-url";
import { defineAction } from "./define-action";

const CONFLICT_MESSAGE =
  "KORE is still applying an earlier change to this SIM (it shows as Updating or Scheduled), so it refused this one and nothing was changed. Wait until the status settles, then try again.";

/** Settings (names, callback URLs and methods, rate plan): only fields that differ are sent. */
export const updateSimSettings = defineAction(
  {
    name: "sims.update",
    // Changing the rate plan changes what the SIM costs; everything else is configuration.
    permission: (input) => (input.changes.ratePlan !== undefined ? "sims.ratePlan" : "sims.update"),
    input: updateSimSettingsInputSchema,
    auditTarget: (input) => ({ simSid: input.sid }),
  },
  async (ctx, input) => {
    const before = await getSim(input.sid);
    const current = simSettingsFromSim(before);
    // The form already sends only what changed; comparing with the SIM as it is NOW also drops
    // a field someone else set to the same value meanwhile.
    const changed = SIM_SETTINGS_FIELDS.filter(
      (field) => input.changes[field] !== undefined && input.changes[field] !== current[field],
    );
    if (changed.length === 0) return { sim: before, changed: [] as SimSettingsField[] };

    const update = toUpstreamUpdate(input.changes, changed);
    const changes = Object.fromEntries(
      changed.map((field) => [
        field,
        { before: current[field] || null, after: input.changes[field] || null },
      ]),
    );
    const sim = await ctx.audit.run({ changes }, () => mapConflict(() => updateSim(input.sid, update)));
    return { sim, changed };
  },
);

const changeStatusInputSchema = z
  .object({
    sid: simSidSchema,
    target: z.enum(SETTABLE_SIM_STATUSES),
    reason: z.string().trim().max(500, "Use at most 500 characters.").optional(),
    confirmIccid: z.string().trim().max(64).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.target === "suspended" && (input.reason ?? "").length < 3) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why the SIM is being suspended." });
    }
    if (input.target === "deactivated" && !input.confirmIccid) {
      ctx.addIssue({ code: "custom", path: ["confirmIccid"], message: "Type the SIM's ICCID to confirm." });
    }
  });

/** Status change; the permission depends on the target (operator: activate/suspend, admin: more). */
export const changeSimStatus = defineAction(
  {
    name: "sims.status",
    permission: (input) => STATUS_TARGET_PERMISSION[input.target],
    input: changeStatusInputSchema,
    auditTarget: (input) => ({ simSid: input.sid, reason: input.reason }),
  },
  async (ctx, input) => {
    const before = await getSim(input.sid);
    return ctx.audit.run(
      { changes: { status: { before: before.status, after: input.target } } },
      async () => {
        if (input.target === "deactivated") confirmIdentity(before, input.confirmIccid);
        ensure(checkStatusChange(before.status, input.target), "transition_not_allowed");
        return mapConflict(() =>
          updateSim(input.sid, {
            status: input.target,
            callbackUrl: simStatusCallbackUrl(),
            callbackMethod: "POST",
          }),
        );
      },
    );
  },
);

const resetInputSchema = z.object({
  sid: simSidSchema,
  /** Reset within the cooldown: admins only ("sims.resetCooldownOverride"). */
  overrideCooldown: z.boolean().default(false),
});

/** Connectivity reset (support+), at most once per cooldown per SIM unless an admin overrides. */
export const resetSimConnectivity = defineAction(
  {
    name: RESET_ACTION,
    permission: (input) => (input.overrideCooldown ? "sims.resetCooldownOverride" : "sims.reset"),
    input: resetInputSchema,
    auditTarget: (input) => ({
      simSid: input.sid,
      reason: input.overrideCooldown ? "Cooldown overridden by an admin" : null,
    }),
  },
  async (ctx, input) => {
    const before = await getSim(input.sid);
    return ctx.audit.run(
      { changes: { resetStatus: { before: before.resetStatus, after: "resetting" } } },
      async () => {
        ensure(checkReset(before), "reset_not_allowed");
        const cooldown = await getResetCooldown(ctx.db, before.sid, getConfig().resetCooldownSeconds);
        if (cooldown.remainingSeconds > 0 && !input.overrideCooldown) {
          throw new AppError(
            "reset_cooldown",
            `This SIM was reset less than ${formatCooldown(cooldown.cooldownSeconds)} ago. Give the device time to reconnect; the next reset is possible in ${formatCooldown(cooldown.remainingSeconds)}.`,
            { httpStatus: 429 },
          );
        }
        const resetAt = new Date().toISOString();
        const sim = await updateSim(input.sid, {
          resetStatus: "resetting",
          callbackUrl: simStatusCallbackUrl(),
          callbackMethod: "POST",
        });
        return { sim, resetAt };
      },
    );
  },
);

const moveInputSchema = z.object({
  sid: simSidSchema,
  accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "Choose an account."),
});

/** Move a New SIM to another account of the tree (admin). Afterwards our credentials no longer see it. */
export const moveSim = defineAction(
  {
    name: "sims.move",
    permission: "sims.move",
    input: moveInputSchema,
    auditTarget: (input) => ({ simSid: input.sid }),
  },
  async (ctx, input) => {
    const [before, accounts] = await Promise.all([getSim(input.sid), listAccounts()]);
    const target = accounts.find((a) => a.sid === input.accountSid);
    const changes = { accountSid: { before: before.accountSid, after: input.accountSid } };
    return ctx.audit.run(
      { changes, subject: target ? `account:${target.friendlyName ?? target.id}` : null },
      async () => {
        ensure(checkMove(before.status), "move_not_allowed");
        if (!target)
          throw new AppError("unknown_account", "That account is not in your account tree.", {
            httpStatus: 400,
          });
        if (target.sid === before.accountSid) {
          throw new AppError("same_account", "The SIM already belongs to that account.", { httpStatus: 400 });
        }
        const sim = await updateSim(input.sid, { accountSid: input.accountSid });
        return {
          sid: sim.sid,
          accountSid: sim.accountSid ?? input.accountSid,
          accountName: target.friendlyName,
        };
      },
    );
  },
);

const deleteInputSchema = z.object({
  sid: simSidSchema,
  confirmIccid: z.string().trim().min(1, "Type the SIM's ICCID to confirm.").max(64),
});

/** Delete (admin), only where the upstream allows it and after typing the ICCID. */
export const deleteSimAction = defineAction(
  {
    name: "sims.delete",
    permission: "sims.delete",
    input: deleteInputSchema,
    auditTarget: (input) => ({ simSid: input.sid }),
  },
  async (ctx, input) => {
    const before = await getSim(input.sid);
    return ctx.audit.run({ changes: { status: { before: before.status, after: "deleted" } } }, async () => {
      confirmIdentity(before, input.confirmIccid);
      ensure(checkDelete(before.status), "delete_not_allowed");
      await deleteUpstreamSim(input.sid);
      return { sid: before.sid };
    });
  },
);

/** Form values → upstream parameters: an emptied field is cleared (`null`, sent as ""). */
function toUpstreamUpdate(changes: SimSettingsChanges, fields: SimSettingsField[]): SimUpdate {
  const update: Record<string, string | null> = {};
  for (const field of fields) {
    const value = changes[field] ?? "";
    update[field] = value === "" ? null : value;
  }
  const result = update as SimUpdate;
  if (fields.includes("ratePlan")) {
    result.callbackUrl = simStatusCallbackUrl();
    result.callbackMethod = "POST";
  }
  return result;
}

function ensure(check: Check, code: string): void {
  if (!check.ok) throw new AppError(code, check.reason, { httpStatus: 409 });
}

/** Irreversible actions ask for the ICCID (or the SID of a SIM without one) typed out. */
function confirmIdentity(sim: Sim, typed: string | undefined): void {
  if (!confirmsIdentity(sim, typed)) {
    throw new AppError("confirmation_mismatch", "The ICCID typed does not match this SIM's ICCID.", {
      httpStatus: 400,
      fieldErrors: { confirmIccid: ["This does not match the SIM's ICCID."] },
    });
  }
}

/** 33010 explained in full: it is the one refusal an operator will meet in normal work. */
async function mapConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // By code, not `instanceof KoreError`: the process-wide KORE client may come from another
    // server bundle with its own copy of the class.
    if (error instanceof Error && (error as { code?: unknown }).code === 33010) {
      throw new AppError("33010", CONFLICT_MESSAGE, { httpStatus: 409, cause: error });
    }
    throw error;
  }
}
