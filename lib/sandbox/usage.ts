import { hash32, unit } from "./hash";
import { HOUR, type Interval, PROFILES, ROAMING, USAGE_CLASSES } from "./seed-model";

/**
 * Usage is generated, not stored. A SIM in usage class k with weight w uses `w × units_k(hour)`
 * bytes in every hour its device may use the network; units_k is a seeded hourly shape per
 * class. Because every leaf of the usage tree (home / national / each country, up / down) is an
 * integer multiple of the same weight, an account's usage is Σ_k units_k(h) × W_k(h) where W_k is
 * the total weight of that account's SIMs of class k active in hour h, kept as a difference
 * array. Totals are therefore exact: leaves add up to the top, hours to days, SIMs to accounts.
 */
export type UsageTotals = {
  homeUp: number;
  homeDown: number;
  nationalUp: number;
  nationalDown: number;
  international: Map<string, { up: number; down: number }>;
  commandsFromSim: number;
  commandsToSim: number;
};

type HourShape = {
  homeUp: number;
  homeDown: number;
  nationalUp: number;
  nationalDown: number;
  internationalUp: number;
  internationalDown: number;
  country: string | undefined;
  commandsFromSim: number;
  commandsToSim: number;
};

// Units per hour of day for each profile: meters report at night, trackers by day,
// gateways stream all the time, kiosks follow shop hours.
const DIURNAL: number[][] = [
  [4, 3, 20, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3],
  [1, 1, 1, 1, 1, 2, 6, 10, 12, 12, 11, 10, 12, 12, 11, 10, 11, 12, 8, 5, 3, 2, 1, 1],
  [9, 9, 9, 9, 9, 9, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 9, 9],
  [0, 0, 0, 0, 0, 0, 0, 1, 6, 14, 16, 16, 18, 16, 16, 16, 14, 12, 6, 1, 0, 0, 0, 0],
];

// Local copies: imported bindings compile to property getters under tsx's CommonJS output, and
// these are read once per SIM-hour.
const PROFILE_COUNT = PROFILES;
const CLASS_COUNT = USAGE_CLASSES;
/** Classes from here on send Commands. */
const FIRST_COMMAND_CLASS = PROFILES * ROAMING.length;

export class UsageLedger {
  private readonly epochHour: number;
  private weights: Float64Array[];
  private capacity: number;

  constructor(
    private readonly seed: number,
    /** Hour 0 of the ledger (aligned to a UTC hour). */
    readonly epoch: number,
    accounts: number,
    initialHours: number,
  ) {
    this.epochHour = Math.floor(epoch / HOUR);
    this.capacity = Math.max(24, initialHours);
    this.weights = Array.from({ length: accounts * CLASS_COUNT }, () => new Float64Array(this.capacity));
    this.commandCounts = Array.from({ length: accounts * CLASS_COUNT }, () => undefined);
  }

  /** Records that a SIM of `usageClass` with `weight` may use the network during `interval`. */
  addInterval(account: number, usageClass: number, weight: number, start: number, end: number): void {
    this.addAt(account, usageClass, weight, start);
    if (Number.isFinite(end)) this.addAt(account, usageClass, -weight, end);
  }

  /** Shortens an open interval that started at `start` so it ends at `end`. */
  closeInterval(account: number, usageClass: number, weight: number, start: number, end: number): void {
    this.addAt(account, usageClass, -weight, Math.max(start, end));
  }

  /** First hour index whose start lies at or after `time`. */
  hourIndex(time: number): number {
    return Math.max(0, Math.ceil((time - this.epoch) / HOUR));
  }

  hourStart(hour: number): number {
    return this.epoch + hour * HOUR;
  }

  /** Usage of one SIM over whole hours starting in [from, to). */
  simTotals(usageClass: number, weight: number, activity: Interval[], from: number, to: number): UsageTotals {
    const totals = emptyTotals();
    const commands = usageClass >= FIRST_COMMAND_CLASS ? 1 : 0;
    for (const interval of activity) {
      const start = interval[0];
      const end = interval[1];
      const first = Math.max(this.hourIndex(start), this.hourIndex(from));
      const last = Math.min(
        Number.isFinite(end) ? this.hourIndex(end) : Number.MAX_SAFE_INTEGER,
        this.hourIndex(to),
      );
      for (let hour = first; hour < last; hour++)
        addShape(totals, this.shape(usageClass, hour), weight, commands);
    }
    return totals;
  }

  /** Usage of every SIM of an account over whole hours starting in [from, to). */
  accountTotals(account: number, from: number, to: number): UsageTotals {
    return this.accountSeries(account, [{ from, to }])[0] as UsageTotals;
  }

  /**
   * Account usage for several periods (sorted, non-overlapping) in one pass over the hours, so
   * a page of 1000 hourly records costs one sweep instead of one per record.
   */
  accountSeries(account: number, periods: { from: number; to: number }[]): UsageTotals[] {
    const out = periods.map(() => emptyTotals());
    if (periods.length === 0) return out;
    const first = this.hourIndex((periods[0] as { from: number }).from);
    const last = Math.min(this.hourIndex((periods[periods.length - 1] as { to: number }).to), this.capacity);
    if (last <= first) return out;
    const bounds = periods.map((p) => [this.hourIndex(p.from), this.hourIndex(p.to)] as const);
    for (let usageClass = 0; usageClass < CLASS_COUNT; usageClass++) {
      const diff = this.weights[account * CLASS_COUNT + usageClass];
      if (!diff) break; // an account none of whose SIMs ever connected
      const counts = usageClass >= FIRST_COMMAND_CLASS ? this.counts(account, usageClass) : undefined;
      let weight = 0;
      let count = 0;
      for (let hour = 0; hour < first; hour++) {
        weight += diff[hour] as number;
        if (counts) count += counts[hour] as number;
      }
      let period = 0;
      for (let hour = first; hour < last; hour++) {
        weight += diff[hour] as number;
        if (counts) count += counts[hour] as number;
        while (period < bounds.length && hour >= (bounds[period] as readonly [number, number])[1]) period++;
        if (period >= bounds.length) break;
        if (hour < (bounds[period] as readonly [number, number])[0] || (weight <= 0 && count <= 0)) continue;
        const shape = this.shape(usageClass, hour);
        const totals = out[period] as UsageTotals;
        if (weight > 0) addShape(totals, shape, weight, 0);
        // Commands do not scale with bytes: count the SIMs instead of summing their weights.
        totals.commandsFromSim += shape.commandsFromSim * count;
        totals.commandsToSim += shape.commandsToSim * count;
      }
    }
    return out;
  }

  /** The first time the cumulative usage since `start` reaches `bytes`, if within `limit`. */
  timeToReach(
    usageClass: number,
    weight: number,
    start: number,
    bytes: number,
    limit: number,
  ): number | undefined {
    let sum = 0;
    const first = this.hourIndex(start);
    const last = this.hourIndex(start + limit);
    for (let hour = first; hour < last; hour++) {
      sum += weight * this.units(usageClass, hour);
      if (sum >= bytes) return this.hourStart(hour + 1);
    }
    return undefined;
  }

  private commandCounts: (Float64Array | undefined)[];

  private counts(account: number, usageClass: number): Float64Array {
    const key = account * CLASS_COUNT + usageClass;
    let counts = this.commandCounts[key];
    if (!counts) {
      counts = new Float64Array(this.capacity);
      this.commandCounts[key] = counts;
    }
    return counts;
  }

  private addAt(account: number, usageClass: number, weight: number, time: number): void {
    const hour = this.hourIndex(time);
    this.ensure(hour + 1);
    this.ensureAccount(account);
    const weights = this.weights[account * CLASS_COUNT + usageClass] as Float64Array;
    weights[hour] = (weights[hour] as number) + weight;
    if (usageClass >= FIRST_COMMAND_CLASS) {
      const counts = this.counts(account, usageClass);
      counts[hour] = (counts[hour] as number) + Math.sign(weight);
    }
  }

  /** Accounts created after start-up (IAM) get their rows when their first SIM connects. */
  private ensureAccount(account: number): void {
    while (this.weights.length < (account + 1) * CLASS_COUNT) {
      this.weights.push(new Float64Array(this.capacity));
      this.commandCounts.push(undefined);
    }
  }

  private ensure(hours: number): void {
    if (hours <= this.capacity) return;
    let capacity = this.capacity;
    while (capacity < hours) capacity *= 2;
    const grow = (old: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(old);
      return next;
    };
    this.weights = this.weights.map(grow);
    this.commandCounts = this.commandCounts.map((counts) => (counts ? grow(counts) : undefined));
    this.capacity = capacity;
  }

  /** Data units (all leaves together) a SIM of the class uses per unit of weight in `hour`. */
  private units(usageClass: number, hour: number): number {
    const hourOfDay = (this.epochHour + hour) % 24;
    const base = (DIURNAL[usageClass % PROFILE_COUNT] as number[])[hourOfDay] as number;
    return Math.floor(base * (0.5 + unit(this.seed, usageClass, hour)));
  }

  private shape(usageClass: number, hour: number): HourShape {
    const roaming = ROAMING[Math.floor(usageClass / PROFILES) % ROAMING.length] as (typeof ROAMING)[number];
    const commands = usageClass >= FIRST_COMMAND_CLASS;
    const total = this.units(usageClass, hour);
    const national = roaming.kind === "national" ? Math.floor(total / 4) : 0;
    const international = roaming.kind === "international" ? Math.floor(total / 3) : 0;
    const home = total - national - international;
    const upShare = 0.15 + 0.2 * unit(this.seed ^ 0x5bd1e995, usageClass, hour);
    const homeUp = Math.floor(home * upShare);
    const nationalUp = Math.floor(national * upShare);
    const internationalUp = Math.floor(international * upShare);
    let commandsFromSim = 0;
    let commandsToSim = 0;
    if (commands && unit(this.seed ^ 0x27d4eb2f, usageClass, hour) < 0.05) {
      const bits = hash32(this.seed, usageClass, hour ^ 0x3c6ef372);
      commandsFromSim = bits & 1;
      commandsToSim = 1 + ((bits >>> 1) & 1);
    }
    return {
      homeUp,
      homeDown: home - homeUp,
      nationalUp,
      nationalDown: national - nationalUp,
      internationalUp,
      internationalDown: international - internationalUp,
      country: roaming.kind === "international" ? roaming.country : undefined,
      commandsFromSim,
      commandsToSim,
    };
  }
}

export function emptyTotals(): UsageTotals {
  return {
    homeUp: 0,
    homeDown: 0,
    nationalUp: 0,
    nationalDown: 0,
    international: new Map(),
    commandsFromSim: 0,
    commandsToSim: 0,
  };
}

function addShape(totals: UsageTotals, shape: HourShape, weight: number, commands: number): void {
  totals.homeUp += shape.homeUp * weight;
  totals.homeDown += shape.homeDown * weight;
  totals.nationalUp += shape.nationalUp * weight;
  totals.nationalDown += shape.nationalDown * weight;
  if (shape.country && shape.internationalUp + shape.internationalDown > 0) {
    const entry = totals.international.get(shape.country) ?? { up: 0, down: 0 };
    entry.up += shape.internationalUp * weight;
    entry.down += shape.internationalDown * weight;
    totals.international.set(shape.country, entry);
  }
  totals.commandsFromSim += shape.commandsFromSim * commands;
  totals.commandsToSim += shape.commandsToSim * commands;
}
