import { z } from "zod";
import { isSelfOrDescendant, MAX_ACCOUNTS } from "../accounts";
import { errors } from "../errors";
import { readBody, sendJson } from "../http";
import { renderAccount } from "../render";
import { type Route, type RouteContext, route } from "../router";

/**
 * IAM `/v1/accounts` and `/v1/platform_account_mappings` (kore-iam-v1.json): the caller's
 * account and its subaccounts, child accounts created under the caller, and the bridge from KORE
 * `acct_…` ids to the `AC…` SIDs that `AccountSid` takes (sim-api.md §11).
 */
const accountRequestSchema = z.object({
  friendly_name: z
    .string({ error: "friendly_name must be a string" })
    .trim()
    .min(1, "friendly_name must not be empty")
    .max(64, "friendly_name must be at most 64 characters"),
  description: z
    .string({ error: "description must be a string" })
    .max(256, "description must be at most 256 characters")
    .optional(),
});

export type AccountRequest = z.infer<typeof accountRequestSchema>;

export const iamRoutes: Route[] = [
  route("GET", "/v1/accounts", "bearer", (ctx) => {
    sendJson(ctx.res, 200, { accounts: visibleAccounts(ctx).map((a) => renderAccount(ctx.world, a)) });
  }),
  route("POST", "/v1/accounts", "bearer", async (ctx) => {
    const input = await readAccountRequest(ctx);
    if (ctx.world.accounts.length >= MAX_ACCOUNTS) throw errors.accountLimit(MAX_ACCOUNTS);
    const account = ctx.world.addChildAccount(
      ctx.caller.account,
      input.friendly_name,
      input.description ?? null,
    );
    // The spec answers 200 (not 201) with the Account and no credentials: KORE issues API
    // clients separately, so the sandbox's client for it is listed by GET /_sandbox/state.
    sendJson(ctx.res, 200, renderAccount(ctx.world, account));
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

/** A JSON `AccountRequest`; IAM's spec documents no 415, so a wrong body type is a 400 too. */
async function readAccountRequest(ctx: RouteContext): Promise<AccountRequest> {
  const text = await readBody(ctx.req);
  const type = (ctx.req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") throw errors.iamInvalidRequest("send the account as application/json");
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw errors.iamInvalidRequest("the body is not valid JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw errors.iamInvalidRequest("the body must be a JSON object");
  }
  if (!("friendly_name" in body)) throw errors.iamMissingParameter("friendly_name");
  const parsed = accountRequestSchema.safeParse(body);
  if (!parsed.success) throw errors.iamInvalidRequest(parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}
