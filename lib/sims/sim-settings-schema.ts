/**
 * The SIM settings an operator edits on the detail page: the ONE schema behind both the form
 * (field errors as the person types) and the server action (which never trusts the browser).
 *
 * The form works on strings: an empty URL or name means "clear it" and is sent upstream as an
 * empty value (lib/kore/form.ts maps `null` to ""). Only fields that differ from the SIM as
 * loaded are sent, so a save cannot overwrite a change someone else made to another field.
 */
import { z } from "zod";
import type { Sim } from "@/lib/kore/schemas";

export const CALLBACK_METHODS = ["GET", "POST"] as const;
export const URL_MAX_LENGTH = 255;
/** The upstream documents no limit; 64 is what Twilio enforced for names and the sandbox copies. */
export const NAME_MAX_LENGTH = 64;

const SIM_SID = /^DE[0-9a-fA-F]{32}$/;
const RATE_PLAN_SID = /^WP[0-9a-fA-F]{32}$/;

export const simSidSchema = z.string().regex(SIM_SID, "Expected a SIM SID (DE followed by 32 hex digits).");

const callbackUrl = z
  .string()
  .trim()
  .max(URL_MAX_LENGTH, `Use at most ${URL_MAX_LENGTH} characters.`)
  .refine((value) => value === "" || isAbsoluteHttpUrl(value), {
    message: "Enter an absolute http:// or https:// URL, or leave it empty to clear it.",
  });

const method = z.enum(CALLBACK_METHODS, { error: "Choose GET or POST." });

/** Every editable field, as the form holds it. */
export const simSettingsSchema = z.object({
  friendlyName: z.string().trim().max(NAME_MAX_LENGTH, `Use at most ${NAME_MAX_LENGTH} characters.`),
  uniqueName: z
    .string()
    .trim()
    .max(NAME_MAX_LENGTH, `Use at most ${NAME_MAX_LENGTH} characters.`)
    // The unique name stands in for the SID in addresses; one that looks like a SID would be ambiguous.
    .refine((value) => !SIM_SID.test(value), { message: "A unique name must not look like a SIM SID." }),
  commandsCallbackUrl: callbackUrl,
  commandsCallbackMethod: method,
  ratePlan: z.string().regex(RATE_PLAN_SID, "Choose a rate plan."),
  smsUrl: callbackUrl,
  smsMethod: method,
  smsFallbackUrl: callbackUrl,
  smsFallbackMethod: method,
  voiceUrl: callbackUrl,
  voiceMethod: method,
  voiceFallbackUrl: callbackUrl,
  voiceFallbackMethod: method,
});
export type SimSettings = z.output<typeof simSettingsSchema>;
export type SimSettingsField = keyof SimSettings;
export const SIM_SETTINGS_FIELDS = Object.keys(simSettingsSchema.shape) as SimSettingsField[];

/** The changed fields only; at least one. */
export const simSettingsChangesSchema = simSettingsSchema
  .partial()
  .strict()
  .refine((changes) => Object.values(changes).some((v) => v !== undefined), {
    message: "Nothing was changed.",
  });
export type SimSettingsChanges = z.output<typeof simSettingsChangesSchema>;

/** What the settings action takes: which SIM, and what changed. */
export const updateSimSettingsInputSchema = z.object({
  sid: simSidSchema,
  changes: simSettingsChangesSchema,
});
export type UpdateSimSettingsInput = z.input<typeof updateSimSettingsInputSchema>;

/** Field labels, shared by the form and the audit trail so both name a field the same way. */
export const SIM_SETTINGS_LABELS: Record<SimSettingsField, string> = {
  friendlyName: "Friendly name",
  uniqueName: "Unique name",
  commandsCallbackUrl: "Commands callback URL",
  commandsCallbackMethod: "Commands callback method",
  ratePlan: "Rate plan",
  smsUrl: "SMS URL",
  smsMethod: "SMS method",
  smsFallbackUrl: "SMS fallback URL",
  smsFallbackMethod: "SMS fallback method",
  voiceUrl: "Voice URL",
  voiceMethod: "Voice method",
  voiceFallbackUrl: "Voice fallback URL",
  voiceFallbackMethod: "Voice fallback method",
};

/**
 * The form's starting values for a SIM. Methods the upstream left unset show as POST, its
 * documented default; the rate plan is "" when the SIM has none (and must be chosen to save).
 */
export function simSettingsFromSim(sim: Sim): SimSettings {
  const m = (value: string | null): SimSettings["smsMethod"] =>
    value?.toUpperCase() === "GET" ? "GET" : "POST";
  return {
    friendlyName: sim.friendlyName ?? "",
    uniqueName: sim.uniqueName ?? "",
    commandsCallbackUrl: sim.commandsCallbackUrl ?? "",
    commandsCallbackMethod: m(sim.commandsCallbackMethod),
    ratePlan: sim.ratePlanSid ?? "",
    smsUrl: sim.smsUrl ?? "",
    smsMethod: m(sim.smsMethod),
    smsFallbackUrl: sim.smsFallbackUrl ?? "",
    smsFallbackMethod: m(sim.smsFallbackMethod),
    voiceUrl: sim.voiceUrl ?? "",
    voiceMethod: m(sim.voiceMethod),
    voiceFallbackUrl: sim.voiceFallbackUrl ?? "",
    voiceFallbackMethod: m(sim.voiceFallbackMethod),
  };
}

/**
 * The fields of `edited` that differ from `initial` (after trimming, as the schema would): what a
 * save would send.
 */
export function changedSimSettings(initial: SimSettings, edited: SimSettings): Partial<SimSettings> {
  const changes: Record<string, string> = {};
  for (const field of SIM_SETTINGS_FIELDS) {
    const value = edited[field].trim();
    if (value !== initial[field]) changes[field] = value;
  }
  return changes as Partial<SimSettings>;
}

/** Field → first error message, for showing next to each input. */
export function simSettingsFieldErrors(input: unknown): Partial<Record<SimSettingsField, string>> {
  const parsed = simSettingsSchema.partial().safeParse(input);
  if (parsed.success) return {};
  const errors: Partial<Record<SimSettingsField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as SimSettingsField | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

function isAbsoluteHttpUrl(value: string): boolean {
  // `new URL("http:host")` parses too; people mean, and KORE documents, the full form.
  if (!/^https?:\/\/[^/]/i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
