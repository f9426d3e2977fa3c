import { hash32, hex8 } from "./hash";
import { encodeSid } from "./sids";

/**
 * The account tree: one parent and three subaccounts, each with its own API client, as KORE
 * issues one client per account. SIDs, IAM ids and subaccount secrets come from the seed so
 * they survive restarts; the parent's credentials come from the settings. Child accounts created
 * through IAM (`POST /v1/accounts`) follow the same scheme from their position in the tree.
 */
export type Account = {
  index: number;
  sid: string;
  iamId: string;
  parentIndex: number | undefined;
  friendlyName: string;
  description: string | null;
  clientId: string;
  clientSecret: string;
  dateCreated: number;
};

/** SIMs store their account in a byte column (fleet.ts), so the tree holds at most this many. */
export const MAX_ACCOUNTS = 255;

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
  return NAMES.map((friendlyName, index) => ({
    ...identity(seed, index),
    ...(index === 0
      ? { clientId: parent.clientId, clientSecret: parent.clientSecret }
      : subaccountClient(seed, index)),
    parentIndex: index === 0 ? undefined : 0,
    friendlyName,
    description: null,
    dateCreated: seededDate(origin, index),
  }));
}

/** The next account of the tree, a child of `parentIndex`, with its own API client. */
export function createChildAccount(
  seed: number,
  accounts: readonly Account[],
  child: { parentIndex: number; friendlyName: string; description: string | null; dateCreated: number },
): Account {
  const index = accounts.length;
  return { ...identity(seed, index), ...subaccountClient(seed, index), ...child };
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

function identity(seed: number, index: number) {
  return {
    index,
    sid: encodeSid("AC", hash32(seed, 0xacc), index),
    iamId: `acct_${hex8(seed, index, 0x1a1)}${hex8(seed, index, 0x1a2)}`,
  };
}

function subaccountClient(seed: number, index: number) {
  return {
    clientId: `sandbox-sub${index}-client`,
    clientSecret: `sandbox-sub${index}-secret-${hex8(seed, index, 0x5ec)}`,
  };
}

function seededDate(origin: number, index: number): number {
  return Math.floor((origin - (500 - index * 30) * 86_400_000) / 1000) * 1000;
}
