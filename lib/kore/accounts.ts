/**
 * The account tree (sim-api.md §11). KORE's IAM API names accounts `acct_…`; Programmable
 * Wireless names them `AC…`; `platform_account_mappings` bridges the two. A SIM move needs the
 * `AC…` SID, so every account comes back with its `sid` (null when IAM has no mapping for it).
 *
 * Which account is "ours" (the one the API client belongs to) is not documented. We decide it
 * from evidence, strongest first, and return null rather than guess:
 *   1. a claim of the access token (a JWT) whose value is exactly one listed account's `acct_…`
 *      id or `AC…` SID — no claim name is assumed, only equality with data IAM returned;
 *   2. otherwise the single root of the tree IAM returned (an account whose parent is not in the
 *      list): IAM shows a client its own account and the subaccounts below it.
 */
import "server-only";
import type { CallOptions } from "./call-options";
import type { KoreHttp } from "./http";
import { getDefaultKoreHttp } from "./instance";
import { jwtClaims } from "./jwt";
import {
  type Account,
  iamAccountListSchema,
  type PlatformMapping,
  platformMappingListSchema,
} from "./schemas";

/** Mappings whose platform is Twilio's (the only one the spec lists) or unnamed carry `AC…` SIDs. */
function sidsByAccountId(mappings: PlatformMapping[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of mappings) {
    if (m.legacyAccountId && (m.platform === null || m.platform.toLowerCase() === "twilio")) {
      map.set(m.id, m.legacyAccountId);
    }
  }
  return map;
}

export function pickCurrentAccount(
  accounts: Account[],
  tokenClaims: Record<string, unknown> | null,
): Account | null {
  if (tokenClaims) {
    const values = new Set(Object.values(tokenClaims).filter((v): v is string => typeof v === "string"));
    const matches = accounts.filter((a) => values.has(a.id) || (a.sid !== null && values.has(a.sid)));
    if (matches.length === 1) return matches[0] ?? null;
  }
  const ids = new Set(accounts.map((a) => a.id));
  const roots = accounts.filter((a) => a.parentId === null || !ids.has(a.parentId));
  return roots.length === 1 ? (roots[0] ?? null) : null;
}

export function createAccountsApi(http: KoreHttp) {
  /** The accounts this API client can see (its own and its subaccounts), each with its `AC…` SID. */
  async function listAccounts(options?: CallOptions): Promise<Account[]> {
    const signal = options?.signal;
    const [accounts, mappings] = await Promise.all([
      http.request({
        method: "GET",
        host: "iam",
        path: "/v1/accounts",
        schema: iamAccountListSchema,
        signal,
      }),
      http.request({
        method: "GET",
        host: "iam",
        path: "/v1/platform_account_mappings",
        schema: platformMappingListSchema,
        signal,
      }),
    ]);
    const sids = sidsByAccountId(mappings);
    return accounts.map((a) => ({ ...a, sid: sids.get(a.id) ?? null }));
  }

  /** The account the configured API client acts for, or null when the evidence is ambiguous. */
  async function getCurrentAccount(options?: CallOptions): Promise<Account | null> {
    const [accounts, token] = await Promise.all([
      listAccounts(options),
      http.tokens.getToken(options?.signal),
    ]);
    return pickCurrentAccount(accounts, jwtClaims(token));
  }

  return { listAccounts, getCurrentAccount };
}

export type AccountsApi = ReturnType<typeof createAccountsApi>;

const api = () => createAccountsApi(getDefaultKoreHttp());

export const listAccounts: AccountsApi["listAccounts"] = (...args) => api().listAccounts(...args);
export const getCurrentAccount: AccountsApi["getCurrentAccount"] = (...args) =>
  api().getCurrentAccount(...args);
