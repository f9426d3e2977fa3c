import { hash32, hex8 } from "./hash";
import { encodeSid } from "./sids";

/**
 * The account tree: one parent and three subaccounts, each with its own API client, as KORE
 * issues one client per account. SIDs, IAM ids and subaccount secrets come from the seed so
 * they survive restarts; the parent's credentials come from the settings.
 */
export type Account = {
  index: number;
  sid: string;
  iamId: string;
  parentIndex: number | undefined;
  friendlyName: string;
  clientId: string;
  clientSecret: string;
  dateCreated: number;
};

const NAMES = [
  "Acme IoT",
  "Acme IoT - Field Devices",
  "Acme IoT - Retail Kiosks",
  "Acme IoT - Fleet Telematics",
];

export function createAccounts(
  seed: number,
  origin: number,
  parent: { clientId: string; clientSecret: string },
): Account[] {
  const key = hash32(seed, 0xacc);
  return NAMES.map((friendlyName, index) => ({
    index,
    sid: encodeSid("AC", key, index),
    iamId: `acct_${hex8(seed, index, 0x1a1)}${hex8(seed, index, 0x1a2)}`,
    parentIndex: index === 0 ? undefined : 0,
    friendlyName,
    clientId: index === 0 ? parent.clientId : `sandbox-sub${index}-client`,
    clientSecret:
      index === 0 ? parent.clientSecret : `sandbox-sub${index}-secret-${hex8(seed, index, 0x5ec)}`,
    dateCreated: Math.floor((origin - (500 - index * 30) * 86_400_000) / 1000) * 1000,
  }));
}

/** True when `candidate` is `account` itself or one of its (transitive) subaccounts. */
export function isSelfOrDescendant(accounts: Account[], account: number, candidate: number): boolean {
  let cursor: number | undefined = candidate;
  while (cursor !== undefined) {
    if (cursor === account) return true;
    cursor = accounts[cursor]?.parentIndex;
  }
  return false;
}
