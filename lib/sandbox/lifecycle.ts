import { isSelfOrDescendant } from "./accounts";
import type { CallbackSender } from "./callbacks";
import { ApiError, errors } from "./errors";
import type { Faults } from "./faults";
import { type CallbackTarget, METHOD_FIELDS, type PendingChange, URL_FIELDS } from "./fleet";
import { type Form, iso, parseMethod, parseUrl } from "./http";
import { CANCEL_AFTER, NO_PLAN, READY_TO_ACTIVE_AFTER, STATUS } from "./seed-model";
import { sessionAt } from "./sessions";
import { SIM_STATUSES, type SimStatus } from "./settings";
import type { World } from "./world";

/**
 * The SIM state machine (sim-api.md §7–§11, §17). Requests are validated completely before
 * anything changes; synchronous fields apply at once, status and rate-plan changes go through
 * `updating` (or `scheduled`) and complete on the virtual clock, and automatic transitions
 * (ready → active, deactivated → canceled) fire as timers. Every completed change records a
 * Monitor event and, when asked, calls the status callback.
 */
export type Timing = {
  updateDelayMs: number;
  resetDelayMs: number;
  scheduledDelayMs: number;
  deletableStatuses: readonly SimStatus[];
};

export type Caller = { account: number; ip: string | null };

/** Requested `Status` values; `new` is accepted only as a no-op on a new SIM (Twilio's move example sends it). */
const REQUESTABLE = new Set<string>(["new", "ready", "active", "suspended", "deactivated"]);

/** Allowed (from → to) status requests, §8.2 with our [EMU] choices for the unconfirmed cells. */
const TRANSITIONS: Record<number, readonly number[]> = {
  [STATUS.new]: [STATUS.ready, STATUS.active, STATUS.deactivated],
  [STATUS.ready]: [STATUS.active, STATUS.suspended, STATUS.deactivated],
  [STATUS.active]: [STATUS.suspended, STATUS.deactivated],
  [STATUS.suspended]: [STATUS.active, STATUS.deactivated],
  [STATUS.deactivated]: [],
  [STATUS.canceled]: [],
};

export const READY_ACTIVATION_BYTES = 250 * 1024;
export const READY_ACTIVATION_COMMANDS = 5;

export class Lifecycle {
  constructor(
    private readonly world: World,
    private readonly timing: Timing,
    private readonly faults: Faults,
    private readonly callbacks: CallbackSender,
  ) {
    for (const { index, status, since, attachAt } of world.seededTimers) {
      if (status === STATUS.deactivated) world.clock.at(since + CANCEL_AFTER, (at) => this.cancel(index, at));
      else if (Number.isNaN(attachAt))
        world.clock.at(since + READY_TO_ACTIVE_AFTER, (at) => this.autoActivate(index, at));
      // When will the device have used 250 KB? Worked out once it is switched on, not at start-up.
      else world.clock.at(attachAt, () => this.scheduleAutoActivation(index, since));
    }
    world.seededTimers.length = 0;
  }

  /** POST /v1/Sims/{Sid}: validates everything, then applies. */
  update(index: number, form: Form, caller: Caller): void {
    const { fleet, plans, accounts, clock } = this.world;
    const now = clock.now();
    const current = fleet.status[index] as number;
    const busy = current === STATUS.updating || current === STATUS.scheduled;

    const statusParam = form.get("Status");
    const resetParam = form.get("ResetStatus");
    const planParam = form.get("RatePlan");
    const accountParam = form.get("AccountSid");
    const uniqueName = form.get("UniqueName");
    const friendlyName = form.get("FriendlyName");
    const callbackUrl = parseUrl(form, "CallbackUrl");
    const callbackMethod = parseMethod(form, "CallbackMethod") ?? "POST";
    const urls = URL_FIELDS.map((field) => [field, parseUrl(form, pascal(field))] as const);
    const methods = METHOD_FIELDS.map((field) => [field, parseMethod(form, pascal(field))] as const);

    if (statusParam !== null && !REQUESTABLE.has(statusParam)) {
      throw errors.invalidParameter("Status", "must be one of ready, active, suspended, deactivated");
    }
    if (resetParam !== null && resetParam !== "resetting")
      throw errors.invalidParameter("ResetStatus", "must be resetting");
    if (statusParam !== null && resetParam !== null) {
      throw errors.invalidCombination("Status and ResetStatus cannot be changed in the same request");
    }
    if (statusParam === "suspended" && planParam === "") {
      throw errors.invalidCombination(
        "a SIM cannot be suspended and have its rate plan removed in the same request",
      );
    }
    if (uniqueName !== null && uniqueName.length > 64)
      throw errors.invalidParameter("UniqueName", "is longer than 64 characters");
    if (uniqueName !== null && /^DE[0-9a-fA-F]{32}$/.test(uniqueName)) {
      throw errors.invalidParameter("UniqueName", "must not look like a SIM SID");
    }
    if (friendlyName !== null && friendlyName.length > 64) {
      throw errors.invalidParameter("FriendlyName", "is longer than 64 characters");
    }

    let targetAccount: number | undefined;
    if (accountParam !== null) {
      if (!/^AC[0-9a-fA-F]{32}$/.test(accountParam))
        throw errors.invalidParameter("AccountSid", "is not an Account SID");
      const target = this.world.accountBySid(accountParam);
      if (!target || current !== STATUS.new || !isSelfOrDescendant(accounts, caller.account, target.index)) {
        throw errors.unauthorizedMove();
      }
      targetAccount = target.index;
    }

    const targetStatus = statusParam === null ? undefined : (STATUS[statusParam as SimStatus] as number);
    const statusChange = targetStatus !== undefined && targetStatus !== current;
    if (busy && (statusParam !== null || planParam !== null)) throw errors.conflictingUpdate();

    let targetPlan: number | undefined;
    if (planParam !== null) {
      const plan =
        planParam === ""
          ? undefined
          : plans.resolve(planParam, (p) => this.planVisible(p.account, caller.account));
      if (planParam !== "" && !plan) throw errors.ratePlanNotFound(planParam);
      const next = plan ? plan.index : NO_PLAN;
      if (next === NO_PLAN && (current === STATUS.ready || current === STATUS.active)) {
        throw errors.invalidParameter("RatePlan", "cannot be removed from a ready or active SIM");
      }
      const currentPlan = plans.get(fleet.ratePlan[index] as number);
      if (
        plan &&
        currentPlan &&
        plan.dataLimitStrategy !== currentPlan.dataLimitStrategy &&
        current !== STATUS.new &&
        current !== STATUS.deactivated
      ) {
        throw errors.invalidParameter(
          "RatePlan",
          "with a different data limit strategy can only be set while new or deactivated",
        );
      }
      if (next !== fleet.ratePlan[index]) targetPlan = next;
    }

    if (statusChange) {
      if (targetStatus === STATUS.new || !(TRANSITIONS[current] ?? []).includes(targetStatus)) {
        throw errors.transitionInvalid(`a SIM cannot go from ${SIM_STATUSES[current]} to ${statusParam}`);
      }
      const planAfter = targetPlan ?? (fleet.ratePlan[index] as number);
      if ((targetStatus === STATUS.ready || targetStatus === STATUS.active) && planAfter === NO_PLAN) {
        throw errors.configurationIncomplete("a SIM needs a rate plan before it can be ready or active");
      }
    }

    if (resetParam !== null) {
      if (current !== STATUS.active && current !== STATUS.ready)
        throw errors.resetNotAllowed(SIM_STATUSES[current] as string);
      if (fleet.isResetting(index)) throw errors.resetInProgress();
    }

    const accountAfter = targetAccount ?? (fleet.account[index] as number);
    const nameAfter = uniqueName === null ? fleet.uniqueName(index) : uniqueName === "" ? null : uniqueName;
    if (nameAfter !== null) {
      const holder = fleet.lookupUniqueName(accountAfter, nameAfter);
      if (holder !== undefined && holder !== index) {
        throw errors.invalidParameter("UniqueName", "is already used by another SIM of the account");
      }
    }

    // Everything is valid: apply.
    let changed = false;
    if (targetAccount !== undefined && targetAccount !== fleet.account[index]) {
      // A rename in the same request replaces the old name, which may be taken in the target
      // account: drop it first so the move itself cannot clash (the new name was checked above).
      if (uniqueName !== null) fleet.setUniqueName(index, null);
      fleet.moveTo(index, targetAccount);
      changed = true;
    }
    if (uniqueName !== null) {
      fleet.setUniqueName(index, uniqueName === "" ? null : uniqueName);
      changed = true;
    }
    if (friendlyName !== null) {
      fleet.edit(index).friendlyName = friendlyName === "" ? null : friendlyName;
      changed = true;
    }
    for (const [field, value] of urls) {
      if (value === undefined) continue;
      const record = fleet.edit(index);
      record.urls = { ...record.urls, [field]: value };
      changed = true;
    }
    for (const [field, value] of methods) {
      if (value === undefined) continue;
      const record = fleet.edit(index);
      record.methods = { ...record.methods, [field]: value };
      changed = true;
    }

    const callback: CallbackTarget | undefined = callbackUrl
      ? { url: callbackUrl, method: callbackMethod }
      : undefined;
    if (statusChange || targetPlan !== undefined) {
      this.begin(index, {
        previousStatus: current,
        targetStatus: statusChange ? targetStatus : undefined,
        targetPlan,
        callback,
        actorAccount: caller.account,
        sourceIp: caller.ip,
      });
      changed = true;
    }
    if (resetParam !== null) {
      this.beginReset(index, now, callback);
      changed = true;
    }
    if (changed) fleet.edit(index).updatedAt = now;
  }

  /** DELETE /v1/Sims/{Sid}. */
  delete(index: number): void {
    const status = this.world.fleet.statusName(index);
    if (!this.timing.deletableStatuses.includes(status)) {
      throw new ApiError(409, 33105, `Transition invalid: a SIM in status ${status} cannot be deleted`);
    }
    this.world.fleet.delete(index);
  }

  /** A Command was sent to the SIM; the fifth one to a ready SIM activates it (§8.1). */
  commandSent(index: number, at: number): void {
    const { fleet } = this.world;
    if (fleet.status[index] !== STATUS.ready) return;
    const record = fleet.edit(index);
    record.commandsWhileReady = (record.commandsWhileReady ?? 0) + 1;
    if (record.commandsWhileReady >= READY_ACTIVATION_COMMANDS) this.autoActivate(index, at);
  }

  private begin(index: number, pending: PendingChange): void {
    const { fleet, clock } = this.world;
    const scheduled = this.faults.drawScheduled();
    fleet.edit(index).pending = pending;
    fleet.status[index] = scheduled ? STATUS.scheduled : STATUS.updating;
    const start = clock.now();
    if (scheduled) {
      clock.at(start + this.timing.scheduledDelayMs, () => {
        if (fleet.override(index)?.pending === pending) fleet.status[index] = STATUS.updating;
      });
    }
    const due = start + (scheduled ? this.timing.scheduledDelayMs : 0) + this.timing.updateDelayMs;
    clock.at(due, (at) => this.complete(index, pending, at));
  }

  private complete(index: number, pending: PendingChange, at: number): void {
    const { fleet, plans } = this.world;
    const record = fleet.override(index);
    if (!record || record.pending !== pending || !fleet.exists(index)) return;
    record.pending = undefined;
    record.updatedAt = at;
    const actor = { actor: pending.actorAccount, ip: pending.sourceIp, source: "api" as const };

    if (pending.targetPlan !== undefined) {
      const previous = fleet.ratePlan[index] as number;
      fleet.ratePlan[index] = pending.targetPlan;
      this.recordUpdate(
        index,
        at,
        "rate_plan_sid",
        plans.all[previous]?.sid ?? null,
        plans.all[pending.targetPlan]?.sid ?? null,
        actor,
      );
    }
    const target = pending.targetStatus ?? pending.previousStatus;
    fleet.status[index] = target;
    if (pending.targetStatus !== undefined) {
      this.recordUpdate(
        index,
        at,
        "status",
        SIM_STATUSES[pending.previousStatus] as string,
        SIM_STATUSES[target] as string,
        actor,
      );
      this.applyNetworkAccess(index, target, at);
      record.followUp = undefined;
      if (target === STATUS.ready) {
        record.readyAt = at;
        record.commandsWhileReady = 0;
        this.scheduleAutoActivation(index, at);
        record.followUp = pending.callback;
      } else if (target === STATUS.deactivated) {
        this.world.clock.at(at + CANCEL_AFTER, (due) => this.cancel(index, due));
        record.followUp = pending.callback;
      }
    }
    if (pending.callback) this.notify(pending.callback, index, pending.previousStatus, at);
    for (const task of pending.deferred ?? []) task(at);
  }

  private scheduleAutoActivation(index: number, readyAt: number): void {
    const { fleet, clock } = this.world;
    const attach = fleet.activity(index).find(([, end]) => end === Infinity)?.[0];
    const byUsage =
      attach === undefined
        ? undefined
        : fleet.ledger.timeToReach(
            fleet.usageClass(index),
            fleet.usageWeight(index),
            attach,
            READY_ACTIVATION_BYTES,
            Math.max(0, readyAt + READY_TO_ACTIVE_AFTER - attach),
          );
    clock.at(Math.min(byUsage ?? Infinity, readyAt + READY_TO_ACTIVE_AFTER), (at) =>
      this.autoActivate(index, at),
    );
  }

  private autoActivate(index: number, at: number): void {
    const { fleet } = this.world;
    if (this.deferred(index, STATUS.ready, (due) => this.autoActivate(index, due))) return;
    if (!fleet.exists(index) || fleet.status[index] !== STATUS.ready) return;
    fleet.status[index] = STATUS.active;
    const record = fleet.edit(index);
    record.updatedAt = at;
    this.recordUpdate(index, at, "status", "ready", "active", {
      actor: undefined,
      ip: null,
      source: "twilio",
    });
    this.applyNetworkAccess(index, STATUS.active, at);
    const followUp = record.followUp;
    record.followUp = undefined;
    if (followUp) this.notify(followUp, index, STATUS.ready, at);
  }

  private cancel(index: number, at: number): void {
    const { fleet } = this.world;
    if (this.deferred(index, STATUS.deactivated, (due) => this.cancel(index, due))) return;
    if (!fleet.exists(index) || fleet.status[index] !== STATUS.deactivated) return;
    fleet.status[index] = STATUS.canceled;
    const record = fleet.edit(index);
    record.updatedAt = at;
    this.recordUpdate(index, at, "status", "deactivated", "canceled", {
      actor: undefined,
      ip: null,
      source: "twilio",
    });
    const followUp = record.followUp;
    record.followUp = undefined;
    if (followUp) this.notify(followUp, index, STATUS.deactivated, at);
  }

  /**
   * An automatic transition that falls due while a rate-plan change holds the SIM in `updating`
   * runs when that change completes, instead of being lost (the SIM would stay ready or
   * deactivated for ever). A status change in flight replaces it, so it is dropped then.
   */
  private deferred(index: number, status: number, task: (at: number) => void): boolean {
    const pending = this.world.fleet.override(index)?.pending;
    if (!pending || pending.previousStatus !== status || pending.targetStatus !== undefined) return false;
    pending.deferred = [...(pending.deferred ?? []), task];
    return true;
  }

  private beginReset(index: number, now: number, callback: CallbackTarget | undefined): void {
    const { fleet, clock } = this.world;
    const attached = sessionAt(this.world.sessionInput(index), now);
    const reset = { at: now, doneAt: undefined as number | undefined };
    const record = fleet.edit(index);
    record.resets = [...(record.resets ?? []), reset];
    if (attached) this.recordConnection(index, now, "attached", "detached", attached.sid);
    clock.at(now + this.timing.resetDelayMs, (at) => {
      if (!fleet.exists(index)) return;
      reset.doneAt = at;
      fleet.edit(index).updatedAt = at;
      const session = sessionAt(this.world.sessionInput(index), at);
      if (session) this.recordConnection(index, at, "detached", "attached", session.sid);
      if (callback) this.notify(callback, index, fleet.status[index] as number, at);
    });
  }

  /** Opens or closes the device's network access after a status change and records attach/detach. */
  private applyNetworkAccess(index: number, status: number, at: number): void {
    const { fleet } = this.world;
    const online = status === STATUS.ready || status === STATUS.active;
    const before = sessionAt(this.world.sessionInput(index), at);
    if (online) fleet.openActivity(index, at);
    else fleet.closeActivity(index, at);
    const after = sessionAt(this.world.sessionInput(index), at);
    if (before && !after) this.recordConnection(index, at, "attached", "detached", before.sid);
    if (!before && after) this.recordConnection(index, at, "detached", "attached", after.sid);
  }

  private recordUpdate(
    index: number,
    at: number,
    property: "status" | "rate_plan_sid",
    previous: string | null,
    updated: string | null,
    who: { actor: number | undefined; ip: string | null; source: "api" | "twilio" },
  ): void {
    const { fleet, events } = this.world;
    events.append({
      at,
      account: fleet.account[index] as number,
      sim: index,
      type: "wireless-sim.updated",
      property,
      previous,
      updated,
      source: who.source,
      actor: who.actor,
      ip: who.ip,
    });
    if (events.all.length % 1000 === 0) events.prune(at);
  }

  private recordConnection(
    index: number,
    at: number,
    previous: string,
    updated: string,
    sessionSid: string,
  ): void {
    this.world.events.append({
      at,
      account: this.world.fleet.account[index] as number,
      sim: index,
      type: "wireless-sim.connection.updated",
      property: "connection_state",
      previous,
      updated,
      source: "twilio",
      actor: undefined,
      ip: null,
      dataSessionSid: sessionSid,
    });
  }

  private notify(target: CallbackTarget, index: number, previousStatus: number, at: number): void {
    const { fleet, accounts, plans } = this.world;
    this.callbacks.send(target.url, target.method, {
      AccountSid: accounts[fleet.account[index] as number]?.sid ?? "",
      SimSid: fleet.identity.simSid(index),
      SimUniqueName: fleet.uniqueName(index) ?? "",
      Status: fleet.statusName(index),
      PreviousStatus: SIM_STATUSES[previousStatus] as string,
      RatePlanSid: plans.all[fleet.ratePlan[index] as number]?.sid ?? "",
      ResetStatus: fleet.isResetting(index) ? "resetting" : "",
      ApiVersion: "v1",
      DateUpdated: iso(at),
    });
  }

  private planVisible(owner: number, viewer: number): boolean {
    return isSelfOrDescendant(this.world.accounts, owner, viewer);
  }
}

/** commands_callback_url → CommandsCallbackUrl */
function pascal(field: string): string {
  return field.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
