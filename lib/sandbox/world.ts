import { type Account, createAccounts, createChildAccount } from "./accounts";
import { Clock } from "./clock";
import { Commands } from "./commands";
import { EventLog, type EventRecord } from "./events";
import { Fleet } from "./fleet";
import { hash32, unit } from "./hash";
import { RatePlans } from "./rate-plans";
import { DAY, floorSecond, STATUS } from "./seed-model";
import { type SessionInput, sessionsBetween } from "./sessions";
import { SIM_STATUSES } from "./settings";

/**
 * Everything a seed produces: the clock, accounts, SIMs, plans, events and commands. Reseeding
 * builds a new World and drops the old one (and its timers) as a whole.
 */
export type WorldOptions = {
  seed: number;
  sims: number;
  origin: number;
  timeScale: number;
  parent: { clientId: string; clientSecret: string };
};

/** Seeded Monitor history covers at most this many SIMs, so memory does not grow with the fleet. */
const HISTORY_SIMS = 1000;
const CONNECTION_HISTORY_SIMS = 150;
const HISTORY_WINDOW = 40 * DAY;

export class World {
  readonly clock: Clock;
  readonly accounts: Account[];
  readonly fleet: Fleet;
  readonly plans: RatePlans;
  readonly events: EventLog;
  readonly commands: Commands;
  readonly seed: number;
  readonly origin: number;
  /** Seeded SIMs whose status will change by itself (ready → active, deactivated → canceled). */
  readonly seededTimers: { index: number; status: number; since: number; attachAt: number }[] = [];

  constructor(options: WorldOptions) {
    this.seed = options.seed;
    this.origin = floorSecond(options.origin);
    this.clock = new Clock(this.origin, options.timeScale);
    this.accounts = createAccounts(options.seed, this.origin, options.parent);
    this.plans = new RatePlans(options.seed, this.origin);
    this.fleet = new Fleet(
      { seed: options.seed, size: options.sims, origin: this.origin, accounts: this.accounts.length },
      (index, status, since, attachAt) => this.seededTimers.push({ index, status, since, attachAt }),
    );
    this.events = new EventLog(options.seed);
    this.commands = new Commands(options.seed);
    this.events.seed(this.seededHistory());
  }

  accountBySid(sid: string): Account | undefined {
    return this.accounts.find((a) => a.sid === sid);
  }

  /** A child account created through IAM; it starts with no SIMs and its own API client. */
  addChildAccount(parentIndex: number, friendlyName: string, description: string | null): Account {
    const account = createChildAccount(this.seed, this.accounts, {
      parentIndex,
      friendlyName,
      description,
      dateCreated: floorSecond(this.clock.now()),
    });
    this.accounts.push(account);
    return account;
  }

  sessionInput(index: number): SessionInput {
    return {
      seed: this.seed,
      index,
      usageClass: this.fleet.usageClass(index),
      weight: this.fleet.usageWeight(index),
      activity: this.fleet.activity(index),
      resets: this.fleet.resets(index),
    };
  }

  /**
   * A deterministic Monitor history for part of the fleet over the last 40 days, so the API's
   * 30-day window visibly cuts off events that did happen.
   */
  private seededHistory(): Omit<EventRecord, "seq" | "sid">[] {
    const { fleet } = this;
    const size = fleet.size;
    const share = Math.min(1, HISTORY_SIMS / Math.max(1, size));
    const from = this.origin - HISTORY_WINDOW;
    const out: Omit<EventRecord, "seq" | "sid">[] = [];
    let connectionSims = 0;
    const connectionLimit = Math.min(CONNECTION_HISTORY_SIMS, Math.ceil(size / 10));
    for (let index = 0; index < size; index++) {
      if (unit(this.seed, index, 0x417) >= share) continue;
      const sim = fleet.seeded(index);
      const planSid = sim.ratePlan === 255 ? null : (this.plans.get(sim.ratePlan)?.sid ?? null);
      for (const change of sim.history) {
        if (change.at < from || change.at > this.origin) continue;
        out.push({
          at: change.at,
          account: sim.account,
          sim: index,
          type: "wireless-sim.updated",
          property: "status",
          previous: SIM_STATUSES[change.from] as string,
          updated: SIM_STATUSES[change.to] as string,
          source: change.automatic ? "twilio" : "api",
          actor: change.automatic ? undefined : sim.account,
          ip: change.automatic ? null : `203.0.113.${1 + (hash32(this.seed, index, 0x1e) % 200)}`,
        });
        if (
          change.to === STATUS.active &&
          change.from === STATUS.new &&
          planSid &&
          unit(this.seed, index, 0x418) < 0.2
        ) {
          out.push({
            at: change.at,
            account: sim.account,
            sim: index,
            type: "wireless-sim.updated",
            property: "rate_plan_sid",
            previous: null,
            updated: planSid,
            source: "api",
            actor: sim.account,
            ip: `203.0.113.${1 + (hash32(this.seed, index, 0x1e) % 200)}`,
          });
        }
      }
      if (connectionSims < connectionLimit && sim.activity.length > 0) {
        connectionSims++;
        for (const session of sessionsBetween(this.sessionInput(index), from, this.origin)) {
          const connection = (at: number, previous: string, updated: string) =>
            out.push({
              at,
              account: sim.account,
              sim: index,
              type: "wireless-sim.connection.updated",
              property: "connection_state",
              previous,
              updated,
              source: "twilio",
              actor: undefined,
              ip: null,
              dataSessionSid: session.sid,
            });
          if (session.start >= from) connection(session.start, "detached", "attached");
          if (session.end !== undefined) connection(session.end, "attached", "detached");
        }
      }
    }
    return out;
  }
}
