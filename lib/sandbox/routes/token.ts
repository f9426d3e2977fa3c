import { readBody, sendJson } from "../http";
import { type Route, route } from "../router";

/**
 * `POST /api-services/v1/auth/token` (sim-api.md §1.1): OAuth2 client credentials in a form body
 * (or HTTP Basic client authentication, which RFC 6749 also allows). Errors use the token API's
 * own shapes, not the KORE envelope.
 */
export const tokenRoutes: Route[] = [
  route("POST", "/api-services/v1/auth/token", "public", async (ctx) => {
    const body = await readBody(ctx.req);
    const type = (ctx.req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded") {
      sendJson(ctx.res, 400, {
        code: 400,
        message: "Content-Type must be application/x-www-form-urlencoded",
      });
      return;
    }
    const form = new URLSearchParams(body);
    const basic = parseBasic(ctx.req.headers.authorization);
    const grantType = form.get("grant_type");
    const clientId = form.get("client_id") ?? basic?.user ?? null;
    const clientSecret = form.get("client_secret") ?? basic?.password ?? null;
    if (grantType !== "client_credentials") {
      sendJson(ctx.res, 400, { code: 400, message: "grant_type must be client_credentials" });
      return;
    }
    if (!clientId || !clientSecret) {
      sendJson(ctx.res, 400, { code: 400, message: "client_id and client_secret are required" });
      return;
    }
    const account = ctx.world.accounts.find(
      (a) => a.clientId === clientId && a.clientSecret === clientSecret,
    );
    if (!account) {
      sendJson(ctx.res, 401, {
        error: "unauthorized_client",
        error_description: "Invalid client or Invalid client credentials",
      });
      return;
    }
    const { token, expiresIn } = ctx.sandbox.tokens.issue(account.sid, account.clientId);
    sendJson(
      ctx.res,
      200,
      { access_token: token, expires_in: expiresIn, token_type: "Bearer", scope: "ProgrammableWireless" },
      { "Cache-Control": "no-store" },
    );
  }),
];

export function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  if (!header?.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
