/**
 * GET /api/jobs/accounts: the accounts a "move" job may target (this account's subaccounts,
 * sim-api.md §11), for the create-job form. Only those who may move SIMs need the list.
 */
import { defineRoute } from "@/lib/http/define-route";
import { getCurrentAccount, listAccounts } from "@/lib/kore/accounts";

export const GET = defineRoute({ permission: "sims.move" }, async ({ request }) => {
  const [accounts, current] = await Promise.all([
    listAccounts({ signal: request.signal }),
    getCurrentAccount({ signal: request.signal }),
  ]);
  return {
    accounts: accounts
      .filter((a) => a.sid !== null && a.sid !== current?.sid)
      .map((a) => ({ sid: a.sid as string, name: a.friendlyName ?? (a.sid as string), status: a.status })),
  };
});
