import { isSelfOrDescendant } from "../accounts";
import { iso, sendJson } from "../http";
import { type Route, type RouteContext, route } from "../router";

/**
 * IAM `/v1/accounts` and `/v1/platform_account_mappings` (kore-iam-v1.json): the caller's
 * account and its subaccounts, and the bridge from KORE `acct_…` ids to the `AC…` SIDs that
 * `AccountSid` takes (sim-api.md §11).
 */
export const iamRoutes: Route[] = [
  route("GET", "/v1/accounts", "bearer", (ctx) => {
    sendJson(ctx.res, 200, {
      accounts: visibleAccounts(ctx).map((a) => ({
        id: a.iamId,
        ...(a.parentIndex === undefined ? {} : { parent_id: ctx.world.accounts[a.parentIndex]?.iamId }),
        date_created: iso(a.dateCreated),
        friendly_name: a.friendlyName,
        status: "ACTIVE",
      })),
    });
  }),
  route("GET", "/v1/platform_account_mappings", "bearer", (ctx) => {
    sendJson(ctx.res, 200, {
      platforms: visibleAccounts(ctx).map((a) => ({
        id: a.iamId,
        legacy_account_id: a.sid,
        platform: "twilio",
      })),
    });
  }),
];

function visibleAccounts(ctx: RouteContext) {
  const filter = ctx.query.get("account_id") || undefined;
  return ctx.world.accounts.filter(
    (a) =>
      isSelfOrDescendant(ctx.world.accounts, ctx.caller.account, a.index) &&
      (filter === undefined || a.iamId === filter),
  );
}
