/**
 * What a bulk job does and to which SIMs, as the browser sends it and the server checks it. The
 * field rules are the SIM-detail form's (lib/sims/sim-settings-schema.ts): one way to validate a
 * callback URL or a rate plan, wherever it is typed. Pure: the create-job form imports it.
 */
import { z } from "zod";
import type { Action } from "@/lib/auth/permissions";
import { simStatusSchema } from "@/lib/kore/params";
import { checkIccid } from "@/lib/sims/iccid";
import { simSettingsSchema, simSidSchema } from "@/lib/sims/sim-settings-schema";

export const JOB_ACTIONS = [
  "activate",
  "suspend",
  "deactivate",
  "ratePlan",
  "callback",
  "reset",
  "move",
] as const;
export const jobActionSchema = z.enum(JOB_ACTIONS);
export type JobAction = z.infer<typeof jobActionSchema>;

/** The most SIMs one job may hold: a pasted list's limit, and a filter's. */
export const MAX_JOB_SIMS = 10_000;
/** A page selection is at most one page of the table. */
export const MAX_PAGE_SELECTION = 1000;

export type JobActionInfo = {
  label: string;
  /** Sentence case verb for buttons: "Suspend 1,204 SIMs". */
  verb: string;
  permission: Action;
  /** Cannot be undone from the console: the person types the number of SIMs to confirm. */
  destructive: boolean;
  description: string;
};

export const JOB_ACTION_INFO: Record<JobAction, JobActionInfo> = {
  activate: {
    label: "Activate",
    verb: "Activate",
    permission: "sims.activate",
    destructive: false,
    description: "Requests status Active. SIMs need a rate plan; billing starts.",
  },
  suspend: {
    label: "Suspend",
    verb: "Suspend",
    permission: "sims.suspend",
    destructive: false,
    description: "Requests status Suspended: the SIMs are blocked from the network until activated again.",
  },
  deactivate: {
    label: "Deactivate",
    verb: "Deactivate",
    permission: "sims.deactivate",
    destructive: true,
    description:
      "Retires the SIMs for good: they become Canceled after 72 hours and can never be used again.",
  },
  ratePlan: {
    label: "Set rate plan",
    verb: "Change the rate plan of",
    permission: "sims.ratePlan",
    destructive: false,
    description: "Assigns one rate plan to every SIM.",
  },
  callback: {
    label: "Set commands callback",
    verb: "Set the commands callback of",
    permission: "sims.update",
    destructive: false,
    description: "Sets the URL (and method) KORE calls when a SIM sends a command.",
  },
  reset: {
    label: "Reset connectivity",
    verb: "Reset",
    permission: "sims.reset",
    destructive: false,
    description: "Detaches each device from the network so it attaches again.",
  },
  move: {
    label: "Move to another account",
    verb: "Move",
    permission: "sims.move",
    destructive: true,
    description: "Moves New SIMs to a subaccount; this account then no longer sees them.",
  },
};

const settings = simSettingsSchema.shape;

export const jobSpecSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("activate") }),
  z.object({ action: z.literal("suspend") }),
  z.object({ action: z.literal("deactivate") }),
  z.object({ action: z.literal("ratePlan"), ratePlan: settings.ratePlan }),
  z.object({
    action: z.literal("callback"),
    commandsCallbackUrl: settings.commandsCallbackUrl,
    commandsCallbackMethod: settings.commandsCallbackMethod,
  }),
  z.object({ action: z.literal("reset") }),
  z.object({
    action: z.literal("move"),
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "Choose an account."),
  }),
]);
export type JobSpec = z.output<typeof jobSpecSchema>;

/**
 * The SIM list filters a job (or an export) may select by: the table's URL filters with the same
 * names and rules (lib/sims/search-params.ts), without paging.
 */
export const jobFilterSchema = z.object({
  status: simStatusSchema.optional(),
  ratePlan: z.string().trim().min(1).max(128).optional(),
  iccid: z
    .string()
    .transform((value, ctx) => {
      const check = checkIccid(value);
      if (!check.ok) {
        ctx.addIssue({ code: "custom", message: check.message });
        return z.NEVER;
      }
      return check.iccid;
    })
    .optional(),
  registrationCode: z.string().trim().min(1).max(128).optional(),
  eid: z.string().trim().min(1).max(64).optional(),
});
export type JobFilter = z.output<typeof jobFilterSchema>;

/** Roughly 10,000 lines of ICCIDs with some slack for separators and comments. */
const MAX_LIST_CHARS = 600_000;

export const jobSelectionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("filter"), filter: jobFilterSchema }),
  z.object({
    kind: z.literal("sids"),
    sids: z.array(simSidSchema).min(1, "Select at least one SIM.").max(MAX_PAGE_SELECTION),
  }),
  z.object({
    kind: z.literal("list"),
    text: z.string().max(MAX_LIST_CHARS, "The list is too long; split it into several jobs."),
  }),
]);
export type JobSelection = z.output<typeof jobSelectionSchema>;

export const previewJobInputSchema = z.object({ spec: jobSpecSchema, selection: jobSelectionSchema });
export type PreviewJobInput = z.input<typeof previewJobInputSchema>;

export function jobActionPermission(action: JobAction): Action {
  return JOB_ACTION_INFO[action].permission;
}

/** Field labels for before → after, shared by the preview, the job page and the CSV report. */
export const JOB_FIELD_LABELS: Record<string, string> = {
  status: "Status",
  ratePlan: "Rate plan",
  commandsCallbackUrl: "Commands callback URL",
  commandsCallbackMethod: "Commands callback method",
  resetStatus: "Reset",
  account: "Account",
};
