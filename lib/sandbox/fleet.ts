import { createIdentity, type Identity } from "./identity";
import {
  createdAt,
  DATE,
  DELETED,
  HOUR,
  type Interval,
  NO_PLAN,
  type SeedContext,
  type SeededSim,
  STATUS,
  seededAccessEnd,
  seededAccount,
  seededDates,
  seededPlan,
  seededSim,
  seededStatus,
  seededUpdatedAt,
  usageClass,
  usageWeight,
} from "./seed-model";
import { SIM_STATUSES, type SimStatus } from "./settings";
import { UsageLedger } from "./usage";

/**
 * The SIM store. Three typed columns (status, account, rate plan: 3 bytes per SIM) hold what
 * lists filter on; everything else is derived from the seed on demand, and a SIM somebody
 * changed gets an override record holding only what differs. This is what lets 1,000,000 SIMs
 * start in about a second and fit in a few tens of MB.
 */
export const URL_FIELDS = [
  "commands_callback_url",
  "sms_url",
  "sms_fallback_url",
  "voice_url",
  "voice_fallback_url",
] as const;
export const METHOD_FIELDS = [
  "commands_callback_method",
  "sms_method",
  "sms_fallback_method",
  "voice_method",
  "voice_fallback_method",
] as const;
export type UrlField = (typeof URL_FIELDS)[number];
export type MethodField = (typeof METHOD_FIELDS)[number];

export type CallbackTarget = { url: string; method: "GET" | "POST" };

/** An asynchronous change waiting for its `updating`/`scheduled` window to end. */
export type PendingChange = {
  previousStatus: number;
  targetStatus: number | undefined;
  targetPlan: number | undefined;
  callback: CallbackTarget | undefined;
  actorAccount: number;
  sourceIp: string | null;
  /** Automatic transitions that fell due meanwhile; they run when the change completes. */
  deferred?: ((at: number) => void)[];
};

export type SimOverride = {
  uniqueName?: string | null;
  friendlyName?: string | null;
  urls?: Partial<Record<UrlField, string | null>>;
  methods?: Partial<Record<MethodField, "GET" | "POST">>;
  updatedAt?: number;
  activity?: Interval[];
  resets?: { at: number; doneAt: number | undefined }[];
  readyAt?: number;
  commandsWhileReady?: number;
  pending?: PendingChange;
  /** Where to report the second stage of a two-stage transition (ready→active, deactivated→canceled). */
  followUp?: CallbackTarget;
  /** Bumped on each status change so stale timers for an earlier state do nothing. */
  generation?: number;
};

export class Fleet {
  readonly identity: Identity;
  readonly status: Uint8Array;
  readonly account: Uint8Array;
  readonly ratePlan: Uint8Array;
  readonly ledger: UsageLedger;
  private readonly overrides = new Map<number, SimOverride>();
  private readonly uniqueNames = new Map<string, number>();
  private readonly scratch = new Float64Array(5);

  constructor(
    readonly ctx: SeedContext,
    /** Called for each seeded SIM whose status changes by itself later, with the date its clock starts. */
    onTimer?: (index: number, status: number, since: number, attachAt: number) => void,
  ) {
    const { size } = ctx;
    this.identity = createIdentity(ctx.seed, size);
    this.status = new Uint8Array(size);
    this.account = new Uint8Array(size);
    this.ratePlan = new Uint8Array(size);
    const epoch = Math.floor((ctx.origin - 400 * 86_400_000 - 86_400_000) / HOUR) * HOUR;
    this.ledger = new UsageLedger(
      ctx.seed,
      epoch,
      ctx.accounts,
      Math.ceil((ctx.origin - epoch) / HOUR) + 24 * 120,
    );
    const dates = new Float64Array(5);
    // Local copies: imported bindings compile to property getters under tsx's CommonJS output.
    const { new: NEW, ready: READY, deactivated: DEACTIVATED } = STATUS;
    const { attachAt: ATTACH_AT, readyAt: READY_AT, deactivatedAt: DEACTIVATED_AT } = DATE;
    for (let index = 0; index < size; index++) {
      const status = seededStatus(ctx, index);
      const account = seededAccount(ctx, index);
      const plan = seededPlan(ctx, index, status);
      this.status[index] = status;
      this.account[index] = account;
      this.ratePlan[index] = plan;
      if (status === NEW) continue;
      seededDates(ctx, index, status, dates);
      const attach = dates[ATTACH_AT] as number;
      if (!Number.isNaN(attach)) {
        const end = seededAccessEnd(status, dates);
        this.ledger.addInterval(account, usageClass(ctx, index, plan), usageWeight(ctx, index), attach, end);
      }
      if (onTimer && status === READY) onTimer(index, status, dates[READY_AT] as number, attach);
      if (onTimer && status === DEACTIVATED) onTimer(index, status, dates[DEACTIVATED_AT] as number, attach);
    }
  }

  get size(): number {
    return this.ctx.size;
  }

  exists(index: number): boolean {
    return index >= 0 && index < this.ctx.size && this.status[index] !== DELETED;
  }

  statusName(index: number): SimStatus {
    return SIM_STATUSES[this.status[index] as number] as SimStatus;
  }

  override(index: number): SimOverride | undefined {
    return this.overrides.get(index);
  }

  /** The override record of `index`, created on first write. */
  edit(index: number): SimOverride {
    let record = this.overrides.get(index);
    if (!record) {
      record = {};
      this.overrides.set(index, record);
    }
    return record;
  }

  get overrideCount(): number {
    return this.overrides.size;
  }

  seeded(index: number): SeededSim {
    return seededSim(this.ctx, index);
  }

  createdAt(index: number): number {
    return createdAt(this.ctx, index);
  }

  updatedAt(index: number): number {
    const changed = this.overrides.get(index)?.updatedAt;
    if (changed !== undefined) return changed;
    const status = seededStatus(this.ctx, index);
    seededDates(this.ctx, index, status, this.scratch);
    return seededUpdatedAt(this.ctx, index, status, this.scratch);
  }

  uniqueName(index: number): string | null {
    const record = this.overrides.get(index);
    return record && "uniqueName" in record
      ? (record.uniqueName ?? null)
      : this.identity.seededUniqueName(index);
  }

  friendlyName(index: number): string | null {
    const record = this.overrides.get(index);
    return record && "friendlyName" in record
      ? (record.friendlyName ?? null)
      : this.identity.seededFriendlyName(index);
  }

  usageClass(index: number): number {
    // The class follows the seeded plan: a later plan change does not rewire the device.
    return usageClass(this.ctx, index, this.seeded(index).ratePlan);
  }

  usageWeight(index: number): number {
    return usageWeight(this.ctx, index);
  }

  activity(index: number): Interval[] {
    return this.overrides.get(index)?.activity ?? this.seeded(index).activity;
  }

  readyAt(index: number): number | undefined {
    return this.overrides.get(index)?.readyAt ?? this.seeded(index).readyAt;
  }

  resets(index: number): { at: number; doneAt: number | undefined }[] {
    return this.overrides.get(index)?.resets ?? [];
  }

  isResetting(index: number): boolean {
    const resets = this.resets(index);
    const last = resets[resets.length - 1];
    return Boolean(last && last.doneAt === undefined);
  }

  /** Opens network access at `time` (no-op when already open). */
  openActivity(index: number, time: number): void {
    const activity = this.activity(index).map((i): Interval => [i[0], i[1]]);
    if (activity.some(([, end]) => end === Infinity)) return;
    activity.push([time, Infinity]);
    this.ledger.addInterval(
      this.account[index] as number,
      this.usageClass(index),
      this.usageWeight(index),
      time,
      Infinity,
    );
    this.edit(index).activity = activity;
  }

  /** Closes network access at `time`; an opening scheduled later than `time` is cancelled. */
  closeActivity(index: number, time: number): void {
    const activity = this.activity(index).map((i): Interval => [i[0], i[1]]);
    const open = activity.find(([, end]) => end === Infinity);
    if (!open) return;
    this.ledger.closeInterval(
      this.account[index] as number,
      this.usageClass(index),
      this.usageWeight(index),
      open[0],
      time,
    );
    if (open[0] >= time) activity.splice(activity.indexOf(open), 1);
    else open[1] = time;
    this.edit(index).activity = activity;
  }

  /** Whether the device may use the network at `time`. */
  isOnline(index: number, time: number): boolean {
    return this.activity(index).some(([start, end]) => start <= time && time < end);
  }

  lookupUniqueName(account: number, name: string): number | undefined {
    const renamed = this.uniqueNames.get(nameKey(account, name));
    if (renamed !== undefined && this.exists(renamed) && this.account[renamed] === account) return renamed;
    const seeded = this.identity.indexOfSeededUniqueName(name);
    if (seeded === undefined || !this.exists(seeded) || this.account[seeded] !== account) return undefined;
    const record = this.overrides.get(seeded);
    return record && "uniqueName" in record ? undefined : seeded;
  }

  /** Sets a unique name; returns false when another SIM of the account already uses it. */
  setUniqueName(index: number, name: string | null): boolean {
    const account = this.account[index] as number;
    if (name !== null) {
      const holder = this.lookupUniqueName(account, name);
      if (holder !== undefined && holder !== index) return false;
    }
    const previous = this.uniqueName(index);
    if (previous !== null) this.uniqueNames.delete(nameKey(account, previous));
    this.edit(index).uniqueName = name;
    if (name !== null) this.uniqueNames.set(nameKey(account, name), index);
    return true;
  }

  /** Moves a SIM to another account; returns false when its unique name is taken there. */
  moveTo(index: number, account: number): boolean {
    const name = this.uniqueName(index);
    const from = this.account[index] as number;
    if (from === account) return true;
    if (name !== null) {
      const holder = this.lookupUniqueName(account, name);
      if (holder !== undefined) return false;
      this.uniqueNames.delete(nameKey(from, name));
      this.edit(index).uniqueName = name;
      this.uniqueNames.set(nameKey(account, name), index);
    }
    this.account[index] = account;
    return true;
  }

  delete(index: number): void {
    const name = this.uniqueName(index);
    if (name !== null) this.uniqueNames.delete(nameKey(this.account[index] as number, name));
    this.status[index] = DELETED;
    this.edit(index).pending = undefined;
  }

  hasPlan(index: number): boolean {
    return this.ratePlan[index] !== NO_PLAN;
  }
}

function nameKey(account: number, name: string): string {
  return `${account}\u0000${name}`;
}
