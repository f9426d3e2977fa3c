import type { Account } from "./accounts";
import type { Command } from "./commands";
import type { EventRecord } from "./events";
import type { MethodField, UrlField } from "./fleet";
import { iso } from "./http";
import type { RatePlan } from "./rate-plans";
import { NO_PLAN, STATUS } from "./seed-model";
import type { Session } from "./sessions";
import type { UsageTotals } from "./usage";
import type { World } from "./world";

/**
 * Wire shapes: snake_case JSON exactly as the KORE/Twilio specs name the fields, absolute URLs
 * built on the origin the client used. `e_id` (not the KORE spec's `eid`) follows the KORE docs
 * page and Twilio (sim-api.md §15).
 */
const NO_URLS: Partial<Record<UrlField, string | null>> = {};
const NO_METHODS: Partial<Record<MethodField, "GET" | "POST">> = {};

export function renderSim(world: World, index: number, origin: string) {
  const { fleet, accounts, plans } = world;
  const sid = fleet.identity.simSid(index);
  const record = fleet.override(index);
  const plan = fleet.ratePlan[index] === NO_PLAN ? undefined : plans.all[fleet.ratePlan[index] as number];
  const status = fleet.statusName(index);
  const url = `${origin}/v1/Sims/${sid}`;
  // Most SIMs were never edited: no per-field objects for them.
  const urls = record?.urls ?? NO_URLS;
  const methods = record?.methods ?? NO_METHODS;
  const online =
    status === "active" ||
    status === "ready" ||
    (status === "updating" && record?.pending?.previousStatus === STATUS.active);
  return {
    sid,
    unique_name: fleet.uniqueName(index),
    account_sid: accounts[fleet.account[index] as number]?.sid ?? null,
    rate_plan_sid: plan?.sid ?? null,
    friendly_name: fleet.friendlyName(index),
    iccid: fleet.identity.iccid(index),
    e_id: fleet.identity.eid(index),
    status,
    reset_status: fleet.isResetting(index) ? "resetting" : null,
    commands_callback_url: urls.commands_callback_url ?? null,
    commands_callback_method: methods.commands_callback_method ?? "POST",
    sms_fallback_method: methods.sms_fallback_method ?? "POST",
    sms_fallback_url: urls.sms_fallback_url ?? null,
    sms_method: methods.sms_method ?? "POST",
    sms_url: urls.sms_url ?? null,
    voice_fallback_method: methods.voice_fallback_method ?? "POST",
    voice_fallback_url: urls.voice_fallback_url ?? null,
    voice_method: methods.voice_method ?? "POST",
    voice_url: urls.voice_url ?? null,
    ip_address: online ? `10.${(index >>> 16) & 255}.${(index >>> 8) & 255}.${index & 255}` : null,
    date_created: iso(fleet.createdAt(index)),
    date_updated: iso(fleet.updatedAt(index)),
    url,
    links: {
      data_sessions: `${url}/DataSessions`,
      rate_plan: plan ? `${origin}/v1/RatePlans/${plan.sid}` : null,
      usage_records: `${url}/UsageRecords`,
    },
  };
}

export function renderRatePlan(world: World, plan: RatePlan, origin: string) {
  return {
    sid: plan.sid,
    unique_name: plan.uniqueName,
    account_sid: world.accounts[plan.account]?.sid ?? null,
    friendly_name: plan.friendlyName,
    data_enabled: plan.dataEnabled,
    data_metering: plan.dataMetering,
    data_limit: plan.dataLimit,
    messaging_enabled: plan.messagingEnabled,
    voice_enabled: plan.voiceEnabled,
    national_roaming_enabled: plan.nationalRoamingEnabled,
    national_roaming_data_limit: plan.nationalRoamingDataLimit,
    international_roaming: plan.internationalRoaming,
    international_roaming_data_limit: plan.internationalRoamingDataLimit,
    data_limit_strategy: plan.dataLimitStrategy,
    usage_notification_url: plan.usageNotificationUrl,
    usage_notification_method: plan.usageNotificationMethod,
    date_created: iso(plan.dateCreated),
    date_updated: iso(plan.dateUpdated),
    url: `${origin}/v1/RatePlans/${plan.sid}`,
  };
}

export function renderCommand(world: World, command: Command, origin: string) {
  return {
    sid: command.sid,
    account_sid: world.accounts[command.account]?.sid ?? null,
    sim_sid: world.fleet.identity.simSid(command.sim),
    command: command.command,
    command_mode: command.commandMode,
    transport: command.transport,
    delivery_receipt_requested: command.deliveryReceiptRequested,
    status: command.status,
    direction: command.direction,
    date_created: iso(command.dateCreated),
    date_updated: iso(command.dateUpdated),
    url: `${origin}/v1/Commands/${command.sid}`,
  };
}

/** IAM `Account` (kore-iam-v1.json): KORE `acct_…` ids; the root account has no `parent_id`. */
export function renderAccount(world: World, account: Account) {
  const parent = account.parentIndex === undefined ? undefined : world.accounts[account.parentIndex];
  return {
    id: account.iamId,
    ...(parent ? { parent_id: parent.iamId } : {}),
    date_created: iso(account.dateCreated),
    friendly_name: account.friendlyName,
    status: "ACTIVE",
  };
}

export function renderEvent(world: World, event: EventRecord, origin: string) {
  const sid = world.events.sidOf(event);
  const simSid = world.fleet.identity.simSid(event.sim);
  const actorSid = event.actor === undefined ? null : (world.accounts[event.actor]?.sid ?? null);
  return {
    account_sid: world.accounts[event.account]?.sid ?? null,
    actor_sid: actorSid,
    actor_type: event.actor === undefined ? "system" : "account",
    description: null,
    event_data: {
      resource_properties: { [event.property]: { previous: event.previous, updated: event.updated } },
      ...(event.dataSessionSid ? { data_session_sid: event.dataSessionSid } : {}),
    },
    event_date: iso(event.at),
    event_type: event.type,
    resource_sid: simSid,
    resource_type: "wireless-sim",
    sid,
    source: event.source,
    source_ip_address: event.ip,
    url: `${origin}/v1/Events/${sid}`,
    links: { actor: null, resource: `${origin}/v1/Sims/${simSid}` },
  };
}

export function renderSession(world: World, index: number, session: Session) {
  return {
    sid: session.sid,
    sim_sid: world.fleet.identity.simSid(index),
    account_sid: world.accounts[world.fleet.account[index] as number]?.sid ?? null,
    radio_link: session.radioLink,
    operator_mcc: session.operator.mcc,
    operator_mnc: session.operator.mnc,
    operator_country: session.operator.country,
    operator_name: session.operator.name,
    cell_id: session.cellId,
    cell_location_estimate: { lat: session.lat, lon: session.lon },
    packets_uploaded: session.packetsUploaded,
    packets_downloaded: session.packetsDownloaded,
    last_updated: iso(session.lastUpdated),
    start: iso(session.start),
    end: session.end === undefined ? null : iso(session.end),
    imei: world.fleet.identity.imei(index),
  };
}

// Prices per MB and per command, in cents, so billed amounts add up exactly along the tree.
const CENTS_PER_MB = { home: 10, national: 15, international: 50 };
const CENTS_PER_COMMAND = 1;

export function renderUsageRecord(
  totals: UsageTotals,
  period: { start: number; end: number },
  ids: { accountSid: string | null; simSid?: string },
) {
  const data = (up: number, down: number, centsPerMb: number) => ({
    upload: up,
    download: down,
    total: up + down,
    units: "bytes",
    billed: Math.round(((up + down) / 1_000_000) * centsPerMb) / 100,
    billing_units: "USD",
  });
  const home = data(totals.homeUp, totals.homeDown, CENTS_PER_MB.home);
  const national = data(totals.nationalUp, totals.nationalDown, CENTS_PER_MB.national);
  const international = [...totals.international.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([country, { up, down }]) => ({
      country_code: country,
      ...data(up, down, CENTS_PER_MB.international),
    }));
  const parts = [home, national, ...international];
  const sum = (pick: (p: (typeof parts)[number]) => number) => parts.reduce((acc, p) => acc + pick(p), 0);
  const homeCommands = {
    from_sim: totals.commandsFromSim,
    to_sim: totals.commandsToSim,
    total: totals.commandsFromSim + totals.commandsToSim,
    billed: ((totals.commandsFromSim + totals.commandsToSim) * CENTS_PER_COMMAND) / 100,
    billing_units: "USD",
  };
  return {
    ...(ids.simSid ? { sim_sid: ids.simSid } : {}),
    account_sid: ids.accountSid,
    period: { start: iso(period.start), end: iso(period.end) },
    commands: {
      ...homeCommands,
      home: homeCommands,
      national_roaming: { from_sim: 0, to_sim: 0, total: 0, billed: 0, billing_units: "USD" },
      international_roaming: [],
    },
    data: {
      upload: sum((p) => p.upload),
      download: sum((p) => p.download),
      total: sum((p) => p.total),
      units: "bytes",
      billed: Math.round(sum((p) => p.billed) * 100) / 100,
      billing_units: "USD",
      home,
      national_roaming: national,
      international_roaming: international,
    },
  };
}
