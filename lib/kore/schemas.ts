/**
 * zod schemas for KORE's wire format (snake_case JSON, sim-api.md §4, §5.2, §11–§14) that
 * transform each resource into the console's camelCase domain object. This is the only place
 * that knows the wire field names; nothing snake_case leaves lib/kore.
 *
 * Tolerance rules, because the upstream has changed under clients before (§15, §16):
 * - unknown fields are dropped, never an error;
 * - enums stay strings (`status: SimStatus | (string & {})`), so a new status value renders
 *   instead of failing a whole page;
 * - only the identifier of a resource is required; everything else may be absent or null;
 * - the deprecated EID arrives as `e_id` (Twilio, KORE docs) or `eid` (KORE spec): both count.
 *
 * Pure (no "server-only"): client components may import the domain types.
 */
import { z } from "zod";
import type { SimStatus } from "./sim-status";

const text = z.string().nullish();
const int = z.number().nullish();
const bool = z.boolean().nullish();

/** A number, or a numeric string (KORE's docs show `expires_in` as a string; billing amounts may be decimals). */
const numberish = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

/** Empty strings mean "unknown" in the upstream's examples (operator fields of data sessions). */
const blankToNull = (v: string | null | undefined) => (v === undefined || v === null || v === "" ? null : v);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[snakeToCamel(k)] = camelizeKeys(v);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Paging envelope (§5.2). KORE's ListMeta lists required fields that never appear; ignore it.

export const pageMetaSchema = z
  .object({
    page: int,
    page_size: int,
    first_page_url: text,
    previous_page_url: text,
    url: text,
    next_page_url: text,
    key: text,
  })
  .transform((m) => ({
    page: m.page ?? null,
    pageSize: m.page_size ?? null,
    firstPageUrl: m.first_page_url ?? null,
    previousPageUrl: blankToNull(m.previous_page_url),
    url: m.url ?? null,
    nextPageUrl: blankToNull(m.next_page_url),
    key: m.key ?? null,
  }));
export type PageMeta = z.output<typeof pageMetaSchema>;

/** A list response: the records under `key` plus `meta`, as `{ items, meta }`. */
export function pageSchema<T extends z.ZodType>(key: string, item: T) {
  const shape: Record<string, z.ZodType> = { meta: pageMetaSchema, [key]: z.array(item) };
  return z.object(shape).transform((v) => ({ items: v[key] as z.output<T>[], meta: v.meta as PageMeta }));
}

// ---------------------------------------------------------------------------------------------
// Sim (§4)

export const simWireSchema = z.object({
  sid: z.string(),
  unique_name: text,
  account_sid: text,
  rate_plan_sid: text,
  friendly_name: text,
  iccid: text,
  e_id: text,
  eid: text,
  status: z.string(),
  reset_status: text,
  commands_callback_url: text,
  commands_callback_method: text,
  sms_url: text,
  sms_method: text,
  sms_fallback_url: text,
  sms_fallback_method: text,
  voice_url: text,
  voice_method: text,
  voice_fallback_url: text,
  voice_fallback_method: text,
  ip_address: text,
  date_created: text,
  date_updated: text,
});

/** The wire fields a list shows (`simSummaryPageSchema`); a full `Sim` maps them the same way. */
const SIM_SUMMARY_FIELDS = {
  sid: true,
  unique_name: true,
  friendly_name: true,
  iccid: true,
  status: true,
  reset_status: true,
  rate_plan_sid: true,
  date_created: true,
  date_updated: true,
} as const;

type SimSummaryWire = Pick<z.output<typeof simWireSchema>, keyof typeof SIM_SUMMARY_FIELDS>;

function toSimSummary(s: SimSummaryWire) {
  return {
    sid: s.sid,
    uniqueName: s.unique_name ?? null,
    friendlyName: s.friendly_name ?? null,
    iccid: s.iccid ?? null,
    status: s.status as SimStatus | (string & {}),
    resetStatus: (s.reset_status ?? null) as "resetting" | (string & {}) | null,
    ratePlanSid: s.rate_plan_sid ?? null,
    dateCreated: s.date_created ?? null,
    dateUpdated: s.date_updated ?? null,
  };
}

/**
 * A full SIM: the summary's nine fields plus the rest. `Object.assign` onto the summary, not
 * `{ ...toSimSummary(s), … }`: spreading into a 22-member literal falls off V8's fast path here
 * (39 ms to map 1000 SIMs instead of 1.3 ms; bench/kore-client.ts, the CSV export).
 */
function toSim(s: z.output<typeof simWireSchema>) {
  return Object.assign(toSimSummary(s), {
    accountSid: s.account_sid ?? null,
    eId: s.e_id ?? s.eid ?? null,
    commandsCallbackUrl: s.commands_callback_url ?? null,
    commandsCallbackMethod: s.commands_callback_method ?? null,
    smsUrl: s.sms_url ?? null,
    smsMethod: s.sms_method ?? null,
    smsFallbackUrl: s.sms_fallback_url ?? null,
    smsFallbackMethod: s.sms_fallback_method ?? null,
    voiceUrl: s.voice_url ?? null,
    voiceMethod: s.voice_method ?? null,
    voiceFallbackUrl: s.voice_fallback_url ?? null,
    voiceFallbackMethod: s.voice_fallback_method ?? null,
    ipAddress: s.ip_address ?? null,
  });
}

export const simSchema = simWireSchema.transform(toSim);
export type Sim = z.output<typeof simSchema>;

/** Renamed in one pass after validation, as `simSummaryPageSchema` does (see there). */
export const simPageSchema = pageSchema("sims", simWireSchema).transform((page) => ({
  items: page.items.map(toSim),
  meta: page.meta,
}));

/**
 * A SIM as a list shows it: identity, status and dates. The list reads only these fields, so a
 * 1000-row page validates and builds 9 fields per SIM instead of 22 (the table never shows
 * callback URLs or the deprecated SMS/voice settings), and the route sends them as they are.
 * Each field maps exactly as in `simSchema`, through the same `toSimSummary`.
 */
const simSummaryWireSchema = simWireSchema.pick(SIM_SUMMARY_FIELDS);
export type SimSummary = ReturnType<typeof toSimSummary>;

/**
 * The list page of summaries. The rows are renamed in one pass after the page is validated, not
 * by a transform per row: zod's per-row transform doubled the cost of validating a 1000-row page
 * (0.51 → 0.24 ms standalone; about 1.2 of the 9 ms the route adds on this machine).
 */
export const simSummaryPageSchema = pageSchema("sims", simSummaryWireSchema).transform((page) => ({
  items: page.items.map(toSimSummary),
  meta: page.meta,
}));

// ---------------------------------------------------------------------------------------------
// RatePlan (§13.1)

export const ratePlanSchema = z
  .object({
    sid: z.string(),
    unique_name: text,
    account_sid: text,
    friendly_name: text,
    data_enabled: bool,
    data_metering: text,
    data_limit: int,
    messaging_enabled: bool,
    voice_enabled: bool,
    national_roaming_enabled: bool,
    national_roaming_data_limit: int,
    international_roaming: z.array(z.string()).nullish(),
    international_roaming_data_limit: int,
    data_limit_strategy: text,
    usage_notification_url: text,
    usage_notification_method: text,
    date_created: text,
    date_updated: text,
  })
  .transform((p) => ({
    sid: p.sid,
    uniqueName: p.unique_name ?? null,
    accountSid: p.account_sid ?? null,
    friendlyName: p.friendly_name ?? null,
    dataEnabled: p.data_enabled ?? null,
    dataMetering: p.data_metering ?? null,
    /** Megabytes per month on the home network. */
    dataLimitMb: p.data_limit ?? null,
    messagingEnabled: p.messaging_enabled ?? null,
    voiceEnabled: p.voice_enabled ?? null,
    nationalRoamingEnabled: p.national_roaming_enabled ?? null,
    nationalRoamingDataLimitMb: p.national_roaming_data_limit ?? null,
    internationalRoaming: p.international_roaming ?? [],
    internationalRoamingDataLimitMb: p.international_roaming_data_limit ?? null,
    dataLimitStrategy: p.data_limit_strategy ?? null,
    usageNotificationUrl: p.usage_notification_url ?? null,
    usageNotificationMethod: p.usage_notification_method ?? null,
    dateCreated: p.date_created ?? null,
    dateUpdated: p.date_updated ?? null,
  }));
export type RatePlan = z.output<typeof ratePlanSchema>;

export const ratePlanPageSchema = pageSchema("rate_plans", ratePlanSchema);

// ---------------------------------------------------------------------------------------------
// UsageRecord (§13.2). Empty counters are 0 and empty sub-objects null (KORE docs); the official
// example even has a record whose `commands`, `data` and `period` are `{}`.

const dataCountsWire = z.object({
  upload: int,
  download: int,
  total: int,
  units: text,
  billed: numberish.nullish(),
  billing_units: text,
});
type DataCountsWire = z.output<typeof dataCountsWire>;
const toDataCounts = (c: DataCountsWire) => ({
  upload: c.upload ?? 0,
  download: c.download ?? 0,
  total: c.total ?? 0,
  units: c.units ?? null,
  billed: c.billed ?? 0,
  billingUnits: c.billing_units ?? null,
});
const dataCountsSchema = dataCountsWire.transform(toDataCounts);
const internationalDataCountsSchema = dataCountsWire
  .extend({ country_code: text })
  .transform((c) => ({ ...toDataCounts(c), countryCode: c.country_code ?? null }));

const commandsCountsWire = z.object({
  from_sim: int,
  to_sim: int,
  total: int,
  billed: numberish.nullish(),
  billing_units: text,
});
type CommandsCountsWire = z.output<typeof commandsCountsWire>;
const toCommandsCounts = (c: CommandsCountsWire) => ({
  fromSim: c.from_sim ?? 0,
  toSim: c.to_sim ?? 0,
  total: c.total ?? 0,
  billed: c.billed ?? 0,
  billingUnits: c.billing_units ?? null,
});
const commandsCountsSchema = commandsCountsWire.transform(toCommandsCounts);
const internationalCommandsCountsSchema = commandsCountsWire
  .extend({ country_code: text })
  .transform((c) => ({ ...toCommandsCounts(c), countryCode: c.country_code ?? null }));

const dataUsageSchema = dataCountsWire
  .extend({
    home: dataCountsSchema.nullish(),
    national_roaming: dataCountsSchema.nullish(),
    international_roaming: z.array(internationalDataCountsSchema).nullish(),
  })
  .transform((d) => ({
    ...toDataCounts(d),
    home: d.home ?? null,
    nationalRoaming: d.national_roaming ?? null,
    internationalRoaming: d.international_roaming ?? [],
  }));

const commandsUsageSchema = commandsCountsWire
  .extend({
    home: commandsCountsSchema.nullish(),
    national_roaming: commandsCountsSchema.nullish(),
    international_roaming: z.array(internationalCommandsCountsSchema).nullish(),
  })
  .transform((d) => ({
    ...toCommandsCounts(d),
    home: d.home ?? null,
    nationalRoaming: d.national_roaming ?? null,
    internationalRoaming: d.international_roaming ?? [],
  }));

const emptyData = dataUsageSchema.parse({});
const emptyCommands = commandsUsageSchema.parse({});

export const usageRecordSchema = z
  .object({
    sim_sid: text,
    account_sid: text,
    period: z.object({ start: text, end: text }).nullish(),
    data: dataUsageSchema.nullish(),
    commands: commandsUsageSchema.nullish(),
  })
  .transform((r) => ({
    /** Null on account-wide records. */
    simSid: r.sim_sid ?? null,
    accountSid: r.account_sid ?? null,
    period: { start: r.period?.start ?? null, end: r.period?.end ?? null },
    data: r.data ?? emptyData,
    commands: r.commands ?? emptyCommands,
  }));
export type UsageRecord = z.output<typeof usageRecordSchema>;
export type DataUsage = UsageRecord["data"];
export type CommandsUsage = UsageRecord["commands"];

export const usageRecordPageSchema = pageSchema("usage_records", usageRecordSchema);

export const USAGE_GRANULARITIES = ["hourly", "daily", "all"] as const;
export type UsageGranularity = (typeof USAGE_GRANULARITIES)[number];

// ---------------------------------------------------------------------------------------------
// DataSession (§13.3)

export const dataSessionSchema = z
  .object({
    sid: z.string(),
    sim_sid: text,
    account_sid: text,
    radio_link: text,
    operator_mcc: text,
    operator_mnc: text,
    operator_country: text,
    operator_name: text,
    cell_id: text,
    cell_location_estimate: z.object({ lat: z.number().nullish(), lon: z.number().nullish() }).nullish(),
    packets_uploaded: int,
    packets_downloaded: int,
    last_updated: text,
    start: text,
    end: text,
    imei: text,
  })
  .transform((d) => {
    const loc = d.cell_location_estimate;
    return {
      sid: d.sid,
      simSid: d.sim_sid ?? null,
      accountSid: d.account_sid ?? null,
      radioLink: blankToNull(d.radio_link),
      operatorMcc: blankToNull(d.operator_mcc),
      operatorMnc: blankToNull(d.operator_mnc),
      operatorCountry: blankToNull(d.operator_country),
      operatorName: blankToNull(d.operator_name),
      cellId: blankToNull(d.cell_id),
      cellLocationEstimate:
        typeof loc?.lat === "number" && typeof loc.lon === "number" ? { lat: loc.lat, lon: loc.lon } : null,
      packetsUploaded: d.packets_uploaded ?? 0,
      packetsDownloaded: d.packets_downloaded ?? 0,
      lastUpdated: d.last_updated ?? null,
      start: d.start ?? null,
      /** Null while the session is open. */
      end: d.end ?? null,
      imei: blankToNull(d.imei),
    };
  });
export type DataSession = z.output<typeof dataSessionSchema>;

export const dataSessionPageSchema = pageSchema("data_sessions", dataSessionSchema);

// ---------------------------------------------------------------------------------------------
// Command (§13.4)

export const commandSchema = z
  .object({
    sid: z.string(),
    account_sid: text,
    sim_sid: text,
    command: text,
    command_mode: text,
    transport: text,
    delivery_receipt_requested: bool,
    status: text,
    direction: text,
    date_created: text,
    date_updated: text,
  })
  .transform((c) => ({
    sid: c.sid,
    accountSid: c.account_sid ?? null,
    simSid: c.sim_sid ?? null,
    command: c.command ?? null,
    commandMode: c.command_mode ?? null,
    transport: c.transport ?? null,
    deliveryReceiptRequested: c.delivery_receipt_requested ?? null,
    status: c.status ?? null,
    direction: c.direction ?? null,
    dateCreated: c.date_created ?? null,
    dateUpdated: c.date_updated ?? null,
  }));
export type Command = z.output<typeof commandSchema>;

export const commandPageSchema = pageSchema("commands", commandSchema);

// ---------------------------------------------------------------------------------------------
// Monitor Event (§12). `event_data` has two documented layouts for `*.updated` events: changes
// under `resource_properties` (spec text) or at the top level (spec example); accept both.

export type PropertyChange = { previous: unknown; updated: unknown };

function changesOf(eventData: unknown): Record<string, PropertyChange> {
  if (!isRecord(eventData)) return {};
  const source = isRecord(eventData.resource_properties) ? eventData.resource_properties : eventData;
  const changes: Record<string, PropertyChange> = {};
  for (const [key, value] of Object.entries(source)) {
    if (isRecord(value) && ("previous" in value || "updated" in value)) {
      changes[snakeToCamel(key)] = { previous: value.previous ?? null, updated: value.updated ?? null };
    }
  }
  return changes;
}

export const simEventSchema = z
  .object({
    sid: z.string(),
    account_sid: text,
    actor_sid: text,
    actor_type: text,
    source: text,
    source_ip_address: text,
    event_type: text,
    event_date: text,
    resource_type: text,
    resource_sid: text,
    description: text,
    event_data: z.unknown().optional(),
  })
  .transform((e) => ({
    sid: e.sid,
    accountSid: e.account_sid ?? null,
    actorSid: e.actor_sid ?? null,
    actorType: e.actor_type ?? null,
    source: e.source ?? null,
    sourceIpAddress: e.source_ip_address ?? null,
    eventType: e.event_type ?? null,
    eventDate: e.event_date ?? null,
    resourceType: e.resource_type ?? null,
    resourceSid: e.resource_sid ?? null,
    description: e.description ?? null,
    /** Before → after values by camelCase property name (`status`, `ratePlanSid`, …). */
    changes: changesOf(e.event_data),
    /** All of `event_data` with keys camelCased; its layout depends on the event type. */
    data: isRecord(e.event_data) ? (camelizeKeys(e.event_data) as Record<string, unknown>) : null,
  }));
export type SimEvent = z.output<typeof simEventSchema>;

export const simEventPageSchema = pageSchema("events", simEventSchema);

// ---------------------------------------------------------------------------------------------
// IAM accounts and platform mappings (§11): KORE ids are `acct_…`; the `AC…` SID a Sim move needs
// comes from the mapping.

export const iamAccountSchema = z
  .object({
    id: z.string(),
    parent_id: text,
    date_created: text,
    friendly_name: text,
    status: text,
  })
  .transform((a) => ({
    id: a.id,
    parentId: blankToNull(a.parent_id),
    friendlyName: a.friendly_name ?? null,
    /** `ACTIVE`, `PENDING`, `DEACTIVATED`, `SUSPENDED`, or a newer value. */
    status: a.status ?? null,
    dateCreated: a.date_created ?? null,
  }));
export type IamAccount = z.output<typeof iamAccountSchema>;

export const iamAccountListSchema = z
  .object({ accounts: z.array(iamAccountSchema).nullish() })
  .transform((v) => v.accounts ?? []);

export const platformMappingSchema = z
  .object({ id: z.string(), legacy_account_id: text, platform: text })
  .transform((m) => ({
    id: m.id,
    legacyAccountId: m.legacy_account_id ?? null,
    platform: m.platform ?? null,
  }));
export type PlatformMapping = z.output<typeof platformMappingSchema>;

export const platformMappingListSchema = z
  .object({ platforms: z.array(platformMappingSchema).nullish() })
  .transform((v) => v.platforms ?? []);

/** An account of the tree with the `AC…` SID Programmable Wireless uses (null when unmapped). */
export type Account = IamAccount & { sid: string | null };

// ---------------------------------------------------------------------------------------------
// Error envelopes (§14.1): `{code, message, more_info, status}` on the APIs, OAuth
// `{error, error_description}` on the token endpoint, `{message, error}` from the API gateway.

export const errorEnvelopeSchema = z
  .object({
    code: numberish.nullish(),
    message: text,
    more_info: text,
    status: numberish.nullish(),
    error: text,
    error_description: text,
  })
  .transform((e) => ({
    code: typeof e.code === "number" && Number.isInteger(e.code) ? e.code : null,
    message: e.message ?? null,
    moreInfo: e.more_info ?? null,
    status: e.status ?? null,
    error: e.error ?? null,
    errorDescription: e.error_description ?? null,
  }));
export type ErrorEnvelope = z.output<typeof errorEnvelopeSchema>;

// ---------------------------------------------------------------------------------------------
// Token response (§1.1): `expires_in` is a number in the spec but a string in the docs' example.

export const tokenResponseSchema = z
  .object({
    access_token: z.string().min(1),
    expires_in: numberish.nullish(),
    token_type: text,
    scope: text,
  })
  .transform((t) => ({
    accessToken: t.access_token,
    expiresInSeconds: t.expires_in ?? null,
    tokenType: t.token_type ?? null,
    scope: t.scope ?? null,
  }));
export type TokenResponse = z.output<typeof tokenResponseSchema>;
