import { hash32, unit } from "./hash";

/**
 * The seeded past of SIM number `index`: which account holds it, its rate plan, when it was
 * created and when its status last changed, and when its device used the network. Pure in
 * (seed, fleet size, origin, index) so nothing of it has to be stored.
 */
export const STATUS = {
  new: 0,
  ready: 1,
  active: 2,
  suspended: 3,
  deactivated: 4,
  canceled: 5,
  scheduled: 6,
  updating: 7,
} as const;
export const DELETED = 255;
export const NO_PLAN = 255;

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** How far back seeded SIMs were created. */
export const FLEET_AGE = 400 * DAY;
export const READY_TO_ACTIVE_AFTER = 90 * DAY;
export const CANCEL_AFTER = 72 * HOUR;

/** Roaming behaviour of a device: home only, US national roaming, or abroad in one country. */
export const ROAMING = [
  { kind: "home" },
  { kind: "national" },
  { kind: "international", country: "MX" },
  { kind: "international", country: "CA" },
  { kind: "international", country: "GB" },
] as const;
export const PROFILES = 4;
export const USAGE_CLASSES = PROFILES * ROAMING.length * 2;

/** Seeded plans in index order: iot-basic, iot-standard, lte-m-lowpower, global-roamer, fleet-unlimited. */
const PLAN_WEIGHTS = [0.35, 0.3, 0.15, 0.12, 0.08];
const MESSAGING_PLANS = new Set([0, 1, 3, 4]);
const GLOBAL_PLAN = 3;

export type Interval = [start: number, end: number];

export type SeededSim = {
  status: number;
  account: number;
  ratePlan: number;
  createdAt: number;
  updatedAt: number;
  /** Times of the seeded status changes that fall inside the fleet's past, oldest first. */
  history: { at: number; from: number; to: number; automatic: boolean }[];
  /** When the device may use the network: [start, end) with end = Infinity while open. */
  activity: Interval[];
  /** For ready SIMs: when they became ready (the 3-month auto-activation clock starts here). */
  readyAt: number | undefined;
};

export type SeedContext = { seed: number; size: number; origin: number; accounts: number };

export function seededAccount(ctx: SeedContext, index: number): number {
  const u = unit(ctx.seed, index, 1);
  if (ctx.accounts <= 1 || u < 0.55) return 0;
  if (u < 0.75) return 1 % ctx.accounts;
  if (u < 0.9) return 2 % ctx.accounts;
  return 3 % ctx.accounts;
}

export function seededStatus(ctx: SeedContext, index: number): number {
  const u = unit(ctx.seed, index, 2);
  const created = createdAt(ctx, index);
  if (u < 0.78) return STATUS.active;
  if (u < 0.83) return STATUS.new;
  if (u < 0.87) return STATUS.ready;
  if (u < 0.94) return STATUS.suspended;
  if (u < 0.96) return STATUS.deactivated;
  // A canceled SIM needs 72 h between deactivation and now; the youngest SIMs stay deactivated.
  return ctx.origin - created > 4 * DAY ? STATUS.canceled : STATUS.deactivated;
}

export function seededPlan(ctx: SeedContext, index: number, status: number): number {
  if (status === STATUS.new && unit(ctx.seed, index, 3) < 0.6) return NO_PLAN;
  let u = unit(ctx.seed, index, 4);
  for (let plan = 0; plan < PLAN_WEIGHTS.length; plan++) {
    u -= PLAN_WEIGHTS[plan] as number;
    if (u < 0) return plan;
  }
  return 0;
}

/** Usage class = profile × roaming × uses-commands; SIMs of one class share an hourly shape. */
export function usageClass(ctx: SeedContext, index: number, plan: number): number {
  const profile = hash32(ctx.seed, index, 5) % PROFILES;
  const u = unit(ctx.seed, index, 6);
  let roaming = 0;
  if (plan === GLOBAL_PLAN) roaming = u < 0.5 ? 2 + (hash32(ctx.seed, index, 7) % 3) : u < 0.8 ? 1 : 0;
  else if (plan === 1 || plan === 4) roaming = u < 0.15 ? 1 : 0;
  const commands = MESSAGING_PLANS.has(plan) && unit(ctx.seed, index, 8) < 0.3 ? 1 : 0;
  return profile + PROFILES * (roaming + ROAMING.length * commands);
}

/** Bytes per usage unit: a few quiet devices never reach the 250 KB auto-activation threshold. */
export function usageWeight(ctx: SeedContext, index: number): number {
  if (unit(ctx.seed, index, 9) < 0.15) return 1 + (hash32(ctx.seed, index, 10) % 5);
  return Math.round(20 * 100 ** unit(ctx.seed, index, 11));
}

export function createdAt(ctx: SeedContext, index: number): number {
  // Monotonic in the index, so list order (index order) is also date_created order.
  const span = FLEET_AGE - DAY;
  return floorSecond(ctx.origin - FLEET_AGE + Math.floor((index * span) / Math.max(1, ctx.size)));
}

/** Slots of the scratch array `seededDates` fills (NaN when the SIM has no such date). */
export const DATE = { readyAt: 0, activatedAt: 1, suspendedAt: 2, deactivatedAt: 3, attachAt: 4 } as const;

/**
 * The seeded status-change dates of `index`, written into `out` so the start-up loop over
 * 1,000,000 SIMs allocates nothing.
 */
export function seededDates(ctx: SeedContext, index: number, status: number, out: Float64Array): void {
  out.fill(Number.NaN);
  if (status === STATUS.new) return;
  const { seed, origin } = ctx;
  const created = createdAt(ctx, index);
  if (status === STATUS.ready) {
    out[DATE.readyAt] = Math.max(between(seed, index, 12, created, origin), origin - 80 * DAY);
    // Most ready devices are switched on some time after start-up; the rest never attach.
    if (unit(seed, index, 13) < 0.7)
      out[DATE.attachAt] = between(seed, index, 14, origin + HOUR, origin + 60 * DAY);
    return;
  }
  const retired = status === STATUS.deactivated || status === STATUS.canceled;
  const deactivatedAt =
    status === STATUS.deactivated
      ? Math.max(created + 120_000, between(seed, index, 15, origin - 70 * HOUR, origin - HOUR))
      : between(seed, index, 15, created + 120_000, origin - CANCEL_AFTER - HOUR);
  const activatedAt = Math.min(
    between(seed, index, 16, created + 60_000, Math.min(created + 30 * DAY, origin - 120_000)),
    retired ? deactivatedAt - 60_000 : origin,
  );
  out[DATE.activatedAt] = activatedAt;
  out[DATE.attachAt] = activatedAt;
  if (status === STATUS.suspended) {
    out[DATE.suspendedAt] = Math.min(
      between(seed, index, 17, activatedAt + 60_000, origin - 60_000),
      origin - 1000,
    );
  }
  if (retired) out[DATE.deactivatedAt] = deactivatedAt;
}

/** When the seeded SIM's device stops having network access (Infinity while it still has). */
export function seededAccessEnd(status: number, dates: Float64Array): number {
  if (status === STATUS.suspended) return dates[DATE.suspendedAt] as number;
  if (status === STATUS.deactivated || status === STATUS.canceled) return dates[DATE.deactivatedAt] as number;
  return Infinity;
}

/** The date of the seeded SIM's last status change (its `date_updated`), from `seededDates` output. */
export function seededUpdatedAt(
  ctx: SeedContext,
  index: number,
  status: number,
  dates: Float64Array,
): number {
  switch (status) {
    case STATUS.ready:
      return dates[DATE.readyAt] as number;
    case STATUS.active:
      return dates[DATE.activatedAt] as number;
    case STATUS.suspended:
      return dates[DATE.suspendedAt] as number;
    case STATUS.deactivated:
      return dates[DATE.deactivatedAt] as number;
    case STATUS.canceled:
      return (dates[DATE.deactivatedAt] as number) + CANCEL_AFTER;
    default:
      return createdAt(ctx, index);
  }
}

export function seededSim(ctx: SeedContext, index: number): SeededSim {
  const status = seededStatus(ctx, index);
  const created = createdAt(ctx, index);
  const sim: SeededSim = {
    status,
    account: seededAccount(ctx, index),
    ratePlan: seededPlan(ctx, index, status),
    createdAt: created,
    updatedAt: created,
    history: [],
    activity: [],
    readyAt: undefined,
  };
  const dates = new Float64Array(5);
  seededDates(ctx, index, status, dates);
  const at = (slot: number) => dates[slot] as number;
  if (status === STATUS.ready) {
    sim.readyAt = at(DATE.readyAt);
    record(sim, at(DATE.readyAt), STATUS.new, STATUS.ready, false);
  } else if (status !== STATUS.new) {
    record(sim, at(DATE.activatedAt), STATUS.new, STATUS.active, false);
    if (status === STATUS.suspended)
      record(sim, at(DATE.suspendedAt), STATUS.active, STATUS.suspended, false);
    if (status === STATUS.deactivated || status === STATUS.canceled) {
      record(sim, at(DATE.deactivatedAt), STATUS.active, STATUS.deactivated, false);
    }
    if (status === STATUS.canceled) {
      record(sim, at(DATE.deactivatedAt) + CANCEL_AFTER, STATUS.deactivated, STATUS.canceled, true);
    }
  }
  if (!Number.isNaN(at(DATE.attachAt)))
    sim.activity.push([at(DATE.attachAt), seededAccessEnd(status, dates)]);
  return sim;
}

function between(seed: number, index: number, salt: number, from: number, to: number): number {
  return floorSecond(from + unit(seed, index, salt) * Math.max(0, to - from));
}

function record(sim: SeededSim, at: number, from: number, to: number, automatic: boolean): void {
  sim.history.push({ at, from, to, automatic });
  sim.updatedAt = at;
}

export function floorSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
