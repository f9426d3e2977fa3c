/**
 * What the console may ask of KORE, as zod schemas over camelCase input. Pure (no "server-only")
 * so URL parsers and forms can reuse them; the resource modules map them to PascalCase form
 * parameters (`lib/kore/form.ts`) after validating.
 */
import { z } from "zod";
import { USAGE_GRANULARITIES } from "./schemas";
import { SETTABLE_SIM_STATUSES, SIM_STATUSES } from "./sim-status";

/** An empty string means "not given": URL state round-trips absent values as "". */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

/** Upstream dates have no milliseconds (sim-api.md §2); keep ours in the same shape. */
const isoDate = z
  .union([z.iso.datetime({ offset: true }), z.date().transform((d) => d.toISOString())])
  .transform((v) => v.replace(/\.\d+Z$/, "Z"));

/** One of the eight known statuses (./sim-status.ts), for input the console sends or accepts. */
export const simStatusSchema = z.enum(SIM_STATUSES);

const paging = {
  /** 1–1000; the upstream's default is 50. */
  pageSize: z.number().int().min(1).max(1000).optional(),
  page: z.number().int().min(0).optional(),
  /** Opaque; only ever one the upstream produced (in a page cursor). */
  pageToken: optionalText,
};

export const simListParamsSchema = z.object({
  status: simStatusSchema.optional(),
  iccid: optionalText,
  /** RatePlan SID or unique name. */
  ratePlan: optionalText,
  /** Deprecated upstream, still filterable. */
  eId: optionalText,
  simRegistrationCode: optionalText,
  ...paging,
});
export type SimListParams = z.input<typeof simListParamsSchema>;

const callbackMethod = z.enum(["GET", "POST"]);
/** `null` clears the field upstream (sent as an empty value). */
const clearable = z.string().nullable().optional();

export const simUpdateSchema = z.strictObject({
  friendlyName: clearable,
  uniqueName: clearable,
  /** RatePlan SID or unique name; `null` removes the plan (refused for ready/active SIMs, 33101). */
  ratePlan: clearable,
  status: z.enum(SETTABLE_SIM_STATUSES).optional(),
  /** Called when an asynchronous change (status, rate plan, reset) completes. Request-only. */
  callbackUrl: z.string().optional(),
  callbackMethod: callbackMethod.optional(),
  commandsCallbackUrl: clearable,
  commandsCallbackMethod: callbackMethod.optional(),
  smsUrl: clearable,
  smsMethod: callbackMethod.optional(),
  smsFallbackUrl: clearable,
  smsFallbackMethod: callbackMethod.optional(),
  voiceUrl: clearable,
  voiceMethod: callbackMethod.optional(),
  voiceFallbackUrl: clearable,
  voiceFallbackMethod: callbackMethod.optional(),
  resetStatus: z.literal("resetting").optional(),
  /** Move to this account (`AC…`): only while the SIM is `new`, only within the account tree. */
  accountSid: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, "expected an account SID (AC followed by 32 hex digits)")
    .optional(),
});
export type SimUpdate = z.input<typeof simUpdateSchema>;

export const usageParamsSchema = z.object({
  start: isoDate.optional(),
  end: isoDate.optional(),
  granularity: z.enum(USAGE_GRANULARITIES).default("all"),
});
export type UsageParams = z.input<typeof usageParamsSchema>;

export const eventListParamsSchema = z.object({
  /** e.g. `wireless-sim.updated`; the upstream refuses it together with `resourceSid` (20004). */
  eventType: optionalText,
  resourceSid: optionalText,
  actorSid: optionalText,
  sourceIpAddress: optionalText,
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  ...paging,
});
export type EventListParams = z.input<typeof eventListParamsSchema>;
