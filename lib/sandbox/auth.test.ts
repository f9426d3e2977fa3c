import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TokenIssuer } from "./auth";
import { type RunningSandbox, startSandbox } from "./server";
import { createTestApi, type TestApi } from "./testing/api";

let sandbox: RunningSandbox;
let api: TestApi;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, sims: 120, seed: 3, tokenTtlSeconds: 1800 });
  api = createTestApi(sandbox);
});
afterAll(() => sandbox.close());

const TOKEN_PATH = "/api-services/v1/auth/token";
const parentCreds = () => sandbox.credentials[0] as (typeof sandbox.credentials)[number];

function decode(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token
    .split(".")
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")));
  return { header, payload };
}

describe("token endpoint", () => {
  it("issues a JWT-shaped bearer token for client credentials", async () => {
    const { clientId, clientSecret, accountSid } = parentCreds();
    const res = await api.send<{
      access_token: string;
      expires_in: number;
      token_type: string;
      scope: string;
    }>("POST", TOKEN_PATH, {
      form: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ expires_in: 1800, token_type: "Bearer", scope: "ProgrammableWireless" });
    const { header, payload } = decode(res.body.access_token);
    expect(header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(payload.sub).toBe(accountSid);
    expect(payload.exp).toBe((payload.iat as number) + 1800);
    expect(Math.abs((payload.iat as number) - Date.now() / 1000)).toBeLessThan(60);
  });

  it("accepts HTTP Basic client authentication too", async () => {
    const { clientId, clientSecret } = parentCreds();
    const res = await api.send<{ access_token: string }>("POST", TOKEN_PATH, {
      auth: { kind: "basic", user: clientId, password: clientSecret },
      form: { grant_type: "client_credentials" },
    });
    expect(res.status).toBe(200);
  });

  it("answers 401 unauthorized_client for a wrong secret or unknown client", async () => {
    for (const form of [
      { client_id: parentCreds().clientId, client_secret: "wrong" },
      { client_id: "nobody", client_secret: "x" },
      { client_id: sandbox.credentials[1]?.clientId as string, client_secret: parentCreds().clientSecret },
    ]) {
      const res = await api.send("POST", TOKEN_PATH, { form: { grant_type: "client_credentials", ...form } });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: "unauthorized_client",
        error_description: "Invalid client or Invalid client credentials",
      });
    }
  });

  it("answers 400 {code, message} for a malformed request", async () => {
    const { clientId, clientSecret } = parentCreds();
    const cases = [
      { form: { grant_type: "password", client_id: clientId, client_secret: clientSecret } },
      { form: { client_id: clientId, client_secret: clientSecret } },
      { form: { grant_type: "client_credentials" } },
      {
        body: JSON.stringify({ grant_type: "client_credentials" }),
        headers: { "Content-Type": "application/json" },
      },
    ];
    for (const init of cases) {
      const res = await api.send<{ code: number; message: string }>("POST", TOKEN_PATH, init);
      expect(res.status).toBe(400);
      expect(typeof res.body.message).toBe("string");
    }
  });
});

describe("API authentication", () => {
  it("answers 401 with the KORE envelope when credentials are missing", async () => {
    for (const headers of [{}, { Authorization: "Token abc" }]) {
      const res = await api.send("GET", "/v1/Sims", { headers });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        code: 20003,
        message: "Credentials were not provided and are required to access this resource",
        more_info: "https://docs.korewireless.com/errors/20003",
        status: 401,
      });
    }
  });

  it("answers 403 with the gateway body for unknown or tampered tokens", async () => {
    const client = await api.as(0);
    const token = client.auth.kind === "bearer" ? client.auth.token : "";
    const [header, payload] = token.split(".");
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...decode(token).payload, sub: sandbox.credentials[1]?.accountSid }),
    ).toString("base64url");
    for (const bad of [
      "nonsense",
      `${header}.${payload}.AAAA`,
      `${header}.${forgedPayload}.${token.split(".")[2]}`,
    ]) {
      const res = await api.send("GET", "/v1/Sims", { auth: { kind: "bearer", token: bad } });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        message: "User is not authorized to access this resource with an explicit deny",
        error: "Invalid or expired token",
      });
    }
  });

  it("expires every issued token on demand (forced expiry), while new tokens work", async () => {
    const client = await api.as(0);
    expect((await client.get("/v1/Sims", { PageSize: 1 })).status).toBe(200);
    const expired = await api.admin<{ revoked: number }>("POST", "/tokens/expire");
    expect(expired.body.revoked).toBeGreaterThan(0);
    expect((await client.get("/v1/Sims", { PageSize: 1 })).status).toBe(403);
    expect((await (await api.as(0)).get("/v1/Sims", { PageSize: 1 })).status).toBe(200);
  });

  it("changes the lifetime of new tokens at run time", async () => {
    await api.admin("POST", "/tokens", { ttlSeconds: 60 });
    const res = await api.send<{ expires_in: number }>("POST", TOKEN_PATH, {
      form: {
        grant_type: "client_credentials",
        client_id: parentCreds().clientId,
        client_secret: parentCreds().clientSecret,
      },
    });
    expect(res.body.expires_in).toBe(60);
    await api.admin("POST", "/tokens", { ttlSeconds: 1800 });
  });

  it("accepts Twilio-style Basic AccountSid:secret and refuses a wrong pair with 20003", async () => {
    const { accountSid, clientSecret } = parentCreds();
    const ok = await api.send("GET", "/v1/Sims?PageSize=1", {
      auth: { kind: "basic", user: accountSid, password: clientSecret },
    });
    expect(ok.status).toBe(200);
    const bad = await api.send("GET", "/v1/Sims?PageSize=1", {
      auth: { kind: "basic", user: accountSid, password: "nope" },
    });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ code: 20003, message: "Authenticate", status: 401 });
  });
});

describe("TokenIssuer", () => {
  it("rejects a token once its exp has passed", () => {
    const issuer = new TokenIssuer(10);
    const now = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(now);
    try {
      const { token } = issuer.issue("AC00000000000000000000000000000000", "c");
      expect(issuer.verify(token)).toEqual({ ok: true, accountSid: "AC00000000000000000000000000000000" });
      clock.mockReturnValue(now + 9_000);
      expect(issuer.verify(token).ok).toBe(true);
      clock.mockReturnValue(now + 10_001);
      expect(issuer.verify(token)).toEqual({ ok: false, reason: "expired" });
    } finally {
      clock.mockRestore();
    }
  });

  it("does not accept tokens signed by another sandbox process", () => {
    const { token } = new TokenIssuer(60).issue("AC00000000000000000000000000000000", "c");
    expect(new TokenIssuer(60).verify(token)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("IAM accounts", () => {
  it("shows the parent its subaccounts and the AC SIDs they map to", async () => {
    const parent = await api.as(0);
    const accounts = await parent.get<{
      accounts: { id: string; parent_id?: string; friendly_name: string; status: string }[];
    }>("/v1/accounts");
    expect(accounts.body.accounts).toHaveLength(4);
    const [root, ...children] = accounts.body.accounts;
    expect(root?.parent_id).toBeUndefined();
    expect(children.every((c) => c.parent_id === root?.id && c.status === "ACTIVE")).toBe(true);
    const mappings = await parent.get<{
      platforms: { id: string; legacy_account_id: string; platform: string }[];
    }>("/v1/platform_account_mappings");
    expect(mappings.body.platforms.map((p) => p.legacy_account_id)).toEqual(
      sandbox.credentials.map((c) => c.accountSid),
    );
    expect(mappings.body.platforms.map((p) => p.id)).toEqual(accounts.body.accounts.map((a) => a.id));
    const one = await parent.get<{ accounts: { id: string }[] }>("/v1/accounts", {
      account_id: children[1]?.id as string,
    });
    expect(one.body.accounts.map((a) => a.id)).toEqual([children[1]?.id]);
  });

  it("shows a subaccount only itself", async () => {
    const sub = await api.as(2);
    const accounts = await sub.get<{ accounts: { friendly_name: string }[] }>("/v1/accounts");
    expect(accounts.body.accounts.map((a) => a.friendly_name)).toEqual([
      sandbox.credentials[2]?.friendlyName,
    ]);
  });
});
