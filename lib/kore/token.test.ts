import { describe, expect, it } from "vitest";
import { KoreError } from "./errors";
import { fakeJwt } from "./testing/fake-jwt";
import { createTokenManager } from "./token";

type Answer = { status?: number; json?: unknown; body?: string } | Error;

/** A fetch that answers token requests from a script and records what it was sent. */
function scriptedFetch(answers: Answer[] | ((n: number) => Answer | Promise<Answer>)) {
  const calls: { url: string; body: string; headers: Headers }[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), body: String(init?.body), headers: new Headers(init?.headers) });
    const n = calls.length;
    const answer = typeof answers === "function" ? await answers(n) : answers[n - 1];
    if (!answer) throw new Error(`unexpected token request #${n}`);
    if (answer instanceof Error) throw answer;
    return new Response(answer.json !== undefined ? JSON.stringify(answer.json) : (answer.body ?? ""), {
      status: answer.status ?? 200,
    });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const base = {
  tokenUrl: "https://auth.test/api-services/v1/auth/token",
  clientId: "id",
  clientSecret: "s3cret",
  timeoutMs: 1_000,
};
const grant = (token: string, expiresIn: number | string = 3600) => ({
  json: { access_token: token, expires_in: expiresIn, token_type: "Bearer", scope: "ProgrammableWireless" },
});

describe("token manager", () => {
  it("sends the client-credentials grant as a form", async () => {
    const { fetchImpl, calls } = scriptedFetch([grant("t1")]);
    await createTokenManager({ ...base, fetch: fetchImpl }).getToken();
    expect(calls[0]?.url).toBe(base.tokenUrl);
    expect(calls[0]?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(calls[0]?.body))).toEqual({
      grant_type: "client_credentials",
      client_id: "id",
      client_secret: "s3cret",
    });
  });

  it("caches the token while it is fresh", async () => {
    const c = clock();
    const { fetchImpl, calls } = scriptedFetch([grant("t1"), grant("t2")]);
    const tokens = createTokenManager({ ...base, fetch: fetchImpl, now: c.now });
    expect(await tokens.getToken()).toBe("t1");
    c.advance(30 * 60_000);
    expect(await tokens.getToken()).toBe("t1");
    expect(calls).toHaveLength(1);
  });

  it("renews before expires_in runs out, by a safety margin", async () => {
    const c = clock();
    const { fetchImpl, calls } = scriptedFetch([grant("t1", 3600), grant("t2", 3600)]);
    const tokens = createTokenManager({ ...base, fetch: fetchImpl, now: c.now });
    await tokens.getToken();
    c.advance(3600_000 - 60_001); // just inside the one-minute margin
    expect(await tokens.getToken()).toBe("t1");
    c.advance(2);
    expect(await tokens.getToken()).toBe("t2");
    expect(calls).toHaveLength(2);
  });

  it("scales the margin down for short-lived tokens", async () => {
    const c = clock();
    const { fetchImpl } = scriptedFetch([grant("t1", 10), grant("t2", 10)]);
    const tokens = createTokenManager({ ...base, fetch: fetchImpl, now: c.now });
    await tokens.getToken();
    c.advance(8_900); // 10 s lifetime, 1 s margin
    expect(await tokens.getToken()).toBe("t1");
    c.advance(200);
    expect(await tokens.getToken()).toBe("t2");
  });

  it("accepts expires_in as a numeric string", async () => {
    const c = clock();
    const { fetchImpl, calls } = scriptedFetch([grant("t1", "120"), grant("t2")]);
    const tokens = createTokenManager({ ...base, fetch: fetchImpl, now: c.now });
    await tokens.getToken();
    c.advance(100_000);
    expect(await tokens.getToken()).toBe("t1");
    c.advance(10_000);
    expect(await tokens.getToken()).toBe("t2");
    expect(calls).toHaveLength(2);
  });

  it("renews by the JWT exp when it comes before expires_in", async () => {
    const c = clock(Date.parse("2024-06-12T08:00:00Z"));
    const early = fakeJwt({ exp: Date.parse("2024-06-12T08:10:00Z") / 1000 });
    const { fetchImpl, calls } = scriptedFetch([grant(early, 86_400), grant("t2")]);
    const tokens = createTokenManager({ ...base, fetch: fetchImpl, now: c.now });
    expect(await tokens.getToken()).toBe(early);
    c.advance(8 * 60_000);
    expect(await tokens.getToken()).toBe(early);
    c.advance(60_001); // within a minute of exp
    expect(await tokens.getToken()).toBe("t2");
    expect(calls).toHaveLength(2);
  });

  it("shares one token request among concurrent callers", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { fetchImpl, calls } = scriptedFetch(async (n) => {
      await gate;
      return grant(`t${n}`);
    });
    const tokens = createTokenManager({ ...base, fetch: fetchImpl });
    const all = Promise.all(Array.from({ length: 50 }, () => tokens.getToken()));
    await new Promise((r) => setTimeout(r, 10));
    release();
    expect(new Set(await all)).toEqual(new Set(["t1"]));
    expect(calls).toHaveLength(1);
  });

  it("lets a caller stop waiting without failing the others", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { fetchImpl, calls } = scriptedFetch(async () => {
      await gate;
      return grant("t1");
    });
    const tokens = createTokenManager({ ...base, fetch: fetchImpl });
    const controller = new AbortController();
    const impatient = tokens.getToken(controller.signal);
    const patient = tokens.getToken();
    controller.abort();
    await expect(impatient).rejects.toMatchObject({ code: "aborted" });
    release();
    await expect(patient).resolves.toBe("t1");
    expect(calls).toHaveLength(1);
  });

  it("invalidates only the token that was refused", async () => {
    const { fetchImpl, calls } = scriptedFetch([grant("t1"), grant("t2"), grant("t3")]);
    const tokens = createTokenManager({ ...base, fetch: fetchImpl });
    await tokens.getToken();
    tokens.invalidate("t1");
    expect(await tokens.getToken()).toBe("t2");
    tokens.invalidate("t1"); // a late 401 on the old token must not throw away the new one
    expect(await tokens.getToken()).toBe("t2");
    tokens.invalidate();
    expect(await tokens.getToken()).toBe("t3");
    expect(calls).toHaveLength(3);
  });

  it("fails with auth_failed on rejected credentials and keeps the upstream text out of the message", async () => {
    const { fetchImpl } = scriptedFetch([
      {
        status: 401,
        json: {
          error: "unauthorized_client",
          error_description: "Invalid client or Invalid client credentials",
        },
      },
    ]);
    const error = await createTokenManager({ ...base, fetch: fetchImpl })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KoreError);
    expect(error).toMatchObject({ code: "auth_failed", httpStatus: 401, retryable: false });
    expect((error as KoreError).detail).toBe("Invalid client or Invalid client credentials");
    expect((error as KoreError).userMessage).not.toContain("Invalid client");
  });

  it("marks network failures, 5xx and bad bodies for what they are", async () => {
    const { fetchImpl } = scriptedFetch([
      new TypeError("fetch failed"),
      { status: 503, json: { code: 20503, message: "Server is temporary not available" } },
      { body: "<html>gateway</html>" },
    ]);
    const tokens = createTokenManager({ ...base, fetch: fetchImpl });
    await expect(tokens.getToken()).rejects.toMatchObject({ code: "network_error", retryable: true });
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 20503, retryable: true });
    await expect(tokens.getToken()).rejects.toMatchObject({ code: "invalid_response", retryable: false });
  });

  it("times out a token request that hangs", async () => {
    const fetchImpl = ((_: unknown, init?: RequestInit) =>
      new Promise((_, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      })) as typeof fetch;
    const tokens = createTokenManager({ ...base, timeoutMs: 50, fetch: fetchImpl });
    await expect(tokens.getToken()).rejects.toMatchObject({ code: "timeout", retryable: true });
  });
});
