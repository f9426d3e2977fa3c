import { hash32 } from "./hash";
import { decodeSid, encodeSid } from "./sids";

/**
 * Rate plans. The five seeded plans belong to the parent account and are visible to its
 * subaccounts (a plan is visible to its owner and the owner's descendants). Indexes are stored
 * in the fleet's Uint8Array column, so there can be at most 255 plans (255 means "no plan").
 */
export type RatePlan = {
  index: number;
  sid: string;
  account: number;
  uniqueName: string | null;
  friendlyName: string | null;
  dataEnabled: boolean;
  dataMetering: "payg" | "quota-1" | "quota-10" | "quota-50";
  dataLimit: number;
  messagingEnabled: boolean;
  voiceEnabled: boolean;
  nationalRoamingEnabled: boolean;
  nationalRoamingDataLimit: number;
  internationalRoaming: string[];
  internationalRoamingDataLimit: number;
  dataLimitStrategy: "block" | "throttle";
  usageNotificationUrl: string | null;
  usageNotificationMethod: "GET" | "POST";
  dateCreated: number;
  dateUpdated: number;
  deleted: boolean;
};

export const MAX_PLANS = 255;

type Seed = Pick<
  RatePlan,
  | "uniqueName"
  | "friendlyName"
  | "dataMetering"
  | "dataLimit"
  | "messagingEnabled"
  | "nationalRoamingEnabled"
  | "nationalRoamingDataLimit"
  | "internationalRoaming"
  | "internationalRoamingDataLimit"
  | "dataLimitStrategy"
>;

const SEEDED: Seed[] = [
  {
    uniqueName: "iot-basic",
    friendlyName: "IoT Basic",
    dataMetering: "payg",
    dataLimit: 1000,
    messagingEnabled: true,
    nationalRoamingEnabled: false,
    nationalRoamingDataLimit: 0,
    internationalRoaming: [],
    internationalRoamingDataLimit: 0,
    dataLimitStrategy: "block",
  },
  {
    uniqueName: "iot-standard",
    friendlyName: "IoT Standard",
    dataMetering: "payg",
    dataLimit: 5000,
    messagingEnabled: true,
    nationalRoamingEnabled: true,
    nationalRoamingDataLimit: 1000,
    internationalRoaming: [],
    internationalRoamingDataLimit: 0,
    dataLimitStrategy: "block",
  },
  {
    uniqueName: "lte-m-lowpower",
    friendlyName: "LTE-M Low Power",
    dataMetering: "quota-1",
    dataLimit: 100,
    messagingEnabled: false,
    nationalRoamingEnabled: false,
    nationalRoamingDataLimit: 0,
    internationalRoaming: [],
    internationalRoamingDataLimit: 0,
    dataLimitStrategy: "block",
  },
  {
    uniqueName: "global-roamer",
    friendlyName: "Global Roamer",
    dataMetering: "quota-10",
    dataLimit: 10_000,
    messagingEnabled: true,
    nationalRoamingEnabled: true,
    nationalRoamingDataLimit: 5000,
    internationalRoaming: ["data", "messaging"],
    internationalRoamingDataLimit: 2000,
    dataLimitStrategy: "block",
  },
  {
    uniqueName: "fleet-unlimited",
    friendlyName: "Fleet Unlimited",
    dataMetering: "quota-50",
    dataLimit: 2_000_000,
    messagingEnabled: true,
    nationalRoamingEnabled: true,
    nationalRoamingDataLimit: 50_000,
    internationalRoaming: ["data"],
    internationalRoamingDataLimit: 10_000,
    dataLimitStrategy: "throttle",
  },
];

export class RatePlans {
  private readonly plans: RatePlan[] = [];
  private readonly key: number;

  constructor(seed: number, origin: number) {
    this.key = hash32(seed, 0x3a7e);
    SEEDED.forEach((plan, index) => {
      const created = Math.floor((origin - (450 - index * 20) * 86_400_000) / 1000) * 1000;
      this.plans.push({
        ...plan,
        index,
        sid: encodeSid("WP", this.key, index),
        account: 0,
        dataEnabled: true,
        voiceEnabled: false,
        usageNotificationUrl: null,
        usageNotificationMethod: "POST",
        dateCreated: created,
        dateUpdated: created,
        deleted: false,
      });
    });
  }

  get all(): readonly RatePlan[] {
    return this.plans;
  }

  get(index: number): RatePlan | undefined {
    const plan = this.plans[index];
    return plan && !plan.deleted ? plan : undefined;
  }

  /** Resolves a SID or unique name among the plans `isVisible` lets the caller see. */
  resolve(ref: string, isVisible: (plan: RatePlan) => boolean): RatePlan | undefined {
    const index = decodeSid("WP", this.key, ref);
    const plan =
      index !== undefined
        ? this.get(index)
        : this.plans.find((p) => !p.deleted && p.uniqueName === ref && isVisible(p));
    return plan && isVisible(plan) ? plan : undefined;
  }

  /** The position a plan SID has in list order, even for a deleted plan (for page tokens). */
  orderOfSid(sid: string): number | undefined {
    const index = decodeSid("WP", this.key, sid);
    return index !== undefined && index < this.plans.length ? index : undefined;
  }

  create(fields: Omit<RatePlan, "index" | "sid" | "deleted">): RatePlan | undefined {
    if (this.plans.length >= MAX_PLANS) return undefined;
    const index = this.plans.length;
    const plan: RatePlan = { ...fields, index, sid: encodeSid("WP", this.key, index), deleted: false };
    this.plans.push(plan);
    return plan;
  }
}
