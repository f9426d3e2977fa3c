import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { KoreError } from "./errors";
import { createKoreHttp, type KoreHttpOptions } from "./http";
import {
  type FakeUpstream,
  type FakeUpstreamOptions,
  koreError,
  type Reply,
  startFakeUpstream,
} from "./testing/fake-upstream";

const okSchema = z.object({ ok: z.boolean() });
const OK: Reply = { json: { ok: true } };

let servers: FakeUpstream[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function upstream(options: FakeUpstreamOptions) {
  const server = await startFakeUpstream(options);
  servers.push(server);
  return server;
}

/** Replies in order, then repeats the last one. */
function sequence(...replies: Reply[]) {
  let i = 0;
  return () => replies[Math.min(i++, replies.length - 1)];
}

/** Records backoff delays instead of waiting them out. */
function recordedSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

function client(server: FakeUpstream, options: KoreHttpOptions = {}, timeoutMs = 2_000) {
  return createKoreHttp(server.upstream({ timeoutMs }), { random: () => 0.5, ...options });
}

const get = { method: "GET", host: "wireless", path: "/v1/Sims", schema: okSchema } as const;
const post = { method: "POST", host: "wireless", path: "/v1/Sims/DE1", schema: okSchema } as const;

async function failure(promise: Promise<unknown>): Promise<KoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KoreError);
  return error as KoreError;
}

describe("requests", () => {
  it("sends GET parameters in the query string with the bearer token", async () => {
    const server = await upstream({ handle: () => OK });
    const http = client(server);
    await http.request({ ...get, form: new URLSearchParams({ Status: "active", PageSize: "2" }) });
    const [req] = server.requests;
    expect(req?.query.toString()).toBe("Status=active&PageSize=2");
    expect(req?.token).toBe("token-1");
    expect(req?.headers["user-agent"]).toMatch(/^sim-console\//);
  });

  it("sends POST parameters as a form body", async () => {
    const server = await upstream({ handle: () => OK });
    await client(server).request({ ...post, form: new URLSearchParams({ FriendlyName: "Pump 7" }) });
    const [req] = server.requests;
    expect(req?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req?.body).toBe("FriendlyName=Pump+7");
  });

  it("treats any 2xx as success and DELETE's empty 204 as done", async () => {
    const server = await upstream({
      handle: (r) => (r.method === "DELETE" ? { status: 204 } : { status: 202, json: { ok: true } }),
    });
    const http = client(server);
    await expect(http.request(post)).resolves.toEqual({ ok: true });
    await expect(
      http.request({ method: "DELETE", host: "wireless", path: "/v1/Sims/DE1" }),
    ).resolves.toBeUndefined();
  });

  it("shares one token across requests", async () => {
    const server = await upstream({ handle: () => OK });
    const http = client(server);
    await Promise.all(Array.from({ length: 5 }, () => http.request(get)));
    expect(server.tokenRequests).toHaveLength(1);
  });
});

describe("retry policy", () => {
  it("honours Retry-After on a 429 before reading again", async () => {
    const server = await upstream({
      handle: sequence(koreError(429, 20429, "Too Many Requests", { "Retry-After": "1" }), OK),
    });
    const started = performance.now();
    await expect(client(server).request(get)).resolves.toEqual({ ok: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it("reads Retry-After given as an HTTP date", async () => {
    const now = Date.parse("2024-06-12T08:30:00Z");
    const server = await upstream({
      handle: sequence(
        koreError(429, 20429, "Too Many Requests", { "Retry-After": "Wed, 12 Jun 2024 08:30:03 GMT" }),
        OK,
      ),
    });
    const { delays, sleep } = recordedSleep();
    await client(server, { sleep, now: () => now }).request(get);
    expect(delays).toEqual([3_000]);
  });

  it("retries a read on 503 with growing jittered backoff", async () => {
    const server = await upstream({
      handle: sequence(
        koreError(503, 20503, "Server is temporary not available"),
        koreError(503, 20503, "x"),
        OK,
      ),
    });
    const { delays, sleep } = recordedSleep();
    await expect(client(server, { sleep }).request(get)).resolves.toEqual({ ok: true });
    expect(server.requests).toHaveLength(3);
    expect(delays).toEqual([125, 250]); // random 0.5 × 250 ms, then × 500 ms
  });

  it("caps read attempts and then fails with a retryable error", async () => {
    const server = await upstream({
      handle: () => koreError(503, 20503, "Server is temporary not available"),
    });
    const { sleep } = recordedSleep();
    const error = await failure(client(server, { sleep, retry: { maxAttempts: 3 } }).request(get));
    expect(server.requests).toHaveLength(3);
    expect(error).toMatchObject({ code: 20503, httpStatus: 503, retryable: true });
    expect(error.userMessage).toBe("KORE is temporarily unavailable. Try again shortly.");
  });

  it("does not retry a write on 5xx: it may have been processed", async () => {
    const server = await upstream({ handle: () => koreError(500, 20500, "Internal Server Error") });
    const { sleep } = recordedSleep();
    const error = await failure(client(server, { sleep }).request(post));
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ code: 20500, retryable: true });
  });

  it("retries a write on 429: the upstream did not process it", async () => {
    const server = await upstream({
      handle: sequence(koreError(429, 20429, "Too Many Requests", { "Retry-After": "0" }), OK),
    });
    const { sleep } = recordedSleep();
    await expect(client(server, { sleep }).request(post)).resolves.toEqual({ ok: true });
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "POST"]);
  });

  it("retries a read after a dropped connection, but not a write", async () => {
    const read = await upstream({ handle: sequence({ destroy: true }, OK) });
    const { sleep } = recordedSleep();
    await expect(client(read, { sleep }).request(get)).resolves.toEqual({ ok: true });
    expect(read.requests).toHaveLength(2);

    const write = await upstream({ handle: sequence({ destroy: true }, OK) });
    const error = await failure(client(write, { sleep }).request(post));
    expect(error).toMatchObject({ code: "network_error", retryable: true });
    expect(write.requests).toHaveLength(1);
  });

  it("treats a body cut short as a dropped connection, not as a response", async () => {
    const page = { ok: true, rows: Array.from({ length: 5_000 }, (_, i) => ({ sid: `DE${i}` })) };
    const read = await upstream({ handle: sequence({ json: page, truncateAt: 40_000 }, { json: page }) });
    const { sleep } = recordedSleep();
    await expect(client(read, { sleep }).request(get)).resolves.toEqual({ ok: true });
    expect(read.requests).toHaveLength(2);

    const write = await upstream({ handle: sequence({ json: page, truncateAt: 40_000 }) });
    const error = await failure(client(write, { sleep }).request(post));
    expect(error).toMatchObject({ code: "network_error", retryable: true });
    expect(write.requests).toHaveLength(1);
  });

  it("reads a large page whole, through the default transport and through fetch alike", async () => {
    const rowSchema = z.object({ sid: z.string(), name: z.string() });
    const pageSchema = z.object({ rows: z.array(rowSchema), meta: z.object({ next: z.null() }) });
    const rows = Array.from({ length: 4_000 }, (_, i) => ({ sid: `DE${i}`, name: `pump "${i}" },{ ünï 🚀` }));
    const server = await upstream({ handle: () => ({ json: { rows, meta: { next: null } } }) });
    for (const options of [{}, { fetch }]) {
      const page = await client(server, options).request({ ...get, schema: pageSchema });
      expect(page.rows).toEqual(rows);
    }
  });

  it("asks for a compressed body and reads gzip and brotli answers, through either transport", async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => ({ sid: `DE${i}`, name: `pump ${i} ünï` }));
    const pageSchema = z.object({ rows: z.array(z.object({ sid: z.string(), name: z.string() })) });
    for (const encoding of ["gzip", "br"] as const) {
      const server = await upstream({ handle: () => ({ json: { rows }, encoding }) });
      for (const options of [{}, { fetch }]) {
        const page = await client(server, options).request({ ...get, schema: pageSchema });
        expect(page.rows).toEqual(rows);
      }
      expect(server.requests[0]?.headers["accept-encoding"]).toMatch(new RegExp(`\\b${encoding}\\b`));
    }
  });

  it("reports a body that does not decompress as a network failure, not as a response", async () => {
    const server = await upstream({
      handle: () => ({ body: "not gzip at all", headers: { "Content-Encoding": "gzip" } }),
    });
    const { sleep } = recordedSleep();
    const error = await failure(client(server, { sleep }).request(post));
    expect(error).toMatchObject({ code: "network_error" });
  });

  it("times out a slow response, retries reads and gives up after the cap", async () => {
    const server = await upstream({ handle: () => ({ ...OK, delayMs: 1_000 }) });
    const { sleep } = recordedSleep();
    const started = performance.now();
    const error = await failure(client(server, { sleep, retry: { maxAttempts: 2 } }, 150).request(get));
    expect(error).toMatchObject({ code: "timeout", retryable: true });
    expect(error.userMessage).toBe("KORE did not answer in time. Try again shortly.");
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(900);

    const write = await failure(client(server, { sleep }, 150).request(post));
    expect(write.code).toBe("timeout");
    expect(server.requests).toHaveLength(3);
  });

  it("hands a long Retry-After to the caller instead of blocking", async () => {
    const server = await upstream({
      handle: () => koreError(429, 20429, "Too Many Requests", { "Retry-After": "120" }),
    });
    const { delays, sleep } = recordedSleep();
    const error = await failure(client(server, { sleep }).request(get));
    expect(error).toMatchObject({ code: 20429, retryable: true, retryAfterMs: 120_000 });
    expect(delays).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("stops at once when the caller aborts, without retrying", async () => {
    const controller = new AbortController();
    const server = await upstream({
      handle: () => {
        // The caller gives up while the upstream is still working on it.
        setTimeout(() => controller.abort(), 10);
        return { ...OK, delayMs: 500 };
      },
    });
    const error = await failure(client(server).request({ ...get, signal: controller.signal }));
    expect(error.code).toBe("aborted");
    expect(server.requests).toHaveLength(1);
  });

  it("keeps at most maxConcurrency requests in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const server = await upstream({
      handle: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 30));
        inFlight--;
        return OK;
      },
    });
    const http = client(server, { maxConcurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, () => http.request(get)));
    expect(peak).toBe(2);
    expect(server.requests).toHaveLength(6);
  });
});

describe("token renewal", () => {
  it("renews the token once on 401 and retries", async () => {
    const server = await upstream({
      handle: (r) => (r.token === "token-1" ? koreError(401, 20003, "Authenticate") : OK),
    });
    await expect(client(server).request(post)).resolves.toEqual({ ok: true });
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.requests.map((r) => r.token)).toEqual(["token-1", "token-2"]);
  });

  it("renews on the gateway's code-less 403 for an expired token, then gives up with a typed error", async () => {
    const server = await upstream({
      handle: () => ({
        status: 403,
        json: {
          message: "User is not authorized to access this resource with an explicit deny",
          error: "Invalid or expired token",
        },
      }),
    });
    const error = await failure(client(server).request(get));
    expect(error).toMatchObject({ code: "auth_failed", httpStatus: 403, retryable: false });
    expect(error.userMessage).not.toContain("explicit deny");
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });

  it("does not renew on a 403 that carries a domain code", async () => {
    const server = await upstream({ handle: () => koreError(403, 33201, "Unauthorized") });
    const error = await failure(client(server).request(post));
    expect(error).toMatchObject({ code: 33201, httpStatus: 403 });
    expect(error.userMessage).toBe("Only SIMs in status New can move to another account");
    expect(server.tokenRequests).toHaveLength(1);
  });

  it("renews once for a burst of requests refused on the same old token", async () => {
    const server = await upstream({
      handle: (r) => (r.token === "token-1" ? koreError(401, 20003, "Authenticate") : OK),
    });
    const http = client(server);
    await Promise.all(Array.from({ length: 8 }, () => http.request(get)));
    expect(server.tokenRequests).toHaveLength(2);
  });

  it("fails with auth_failed when the credentials are refused, without calling the API", async () => {
    const server = await upstream({
      handle: () => OK,
      token: () => ({
        status: 401,
        json: { error: "unauthorized_client", error_description: "Invalid client" },
      }),
    });
    const error = await failure(client(server).request(get));
    expect(error.code).toBe("auth_failed");
    expect(server.requests).toHaveLength(0);
  });

  it("retries a write when the token endpoint was briefly unavailable: nothing was sent", async () => {
    const server = await upstream({
      handle: () => OK,
      token: (_, n) =>
        n === 1 ? { status: 503, body: "" } : { json: { access_token: "token-ok", expires_in: 3600 } },
    });
    const { sleep } = recordedSleep();
    await expect(client(server, { sleep }).request(post)).resolves.toEqual({ ok: true });
    expect(server.requests).toHaveLength(1);
  });
});

describe("error mapping", () => {
  it("keeps the upstream code and hides its text", async () => {
    const raw = "Sim DE1 is updating, try later (ref 0xbeef)";
    const server = await upstream({ handle: () => koreError(400, 33010, raw) });
    const error = await failure(client(server).request(post));
    expect(error).toMatchObject({ code: 33010, httpStatus: 400, retryable: false, detail: raw });
    expect(error.userMessage).toBe("This SIM is already being updated; try again when it settles");
    expect(error.message).not.toContain("0xbeef");
    expect(error.message).toContain("POST /v1/Sims/DE1");
  });

  it("derives a platform code when the body has none", async () => {
    const server = await upstream({
      handle: (r) =>
        r.path === "/v1/Sims/missing"
          ? { status: 404 }
          : { status: 502, headers: { "Content-Type": "text/html" }, body: "<html>Bad gateway</html>" },
    });
    const { sleep } = recordedSleep();
    const http = client(server, { sleep, retry: { maxAttempts: 1 } });
    await expect(failure(http.request({ ...get, path: "/v1/Sims/missing" }))).resolves.toMatchObject({
      code: 20404,
    });
    await expect(failure(http.request(get))).resolves.toMatchObject({
      code: 20503,
      retryable: true,
      httpStatus: 502,
    });
  });

  it("reports a 200 that is not JSON, or not the expected shape, as invalid_response without retrying", async () => {
    const server = await upstream({ handle: sequence({ body: "<html>" }, { json: { ok: "yes" } }) });
    const { sleep } = recordedSleep();
    const http = client(server, { sleep });
    await expect(failure(http.request(get))).resolves.toMatchObject({
      code: "invalid_response",
      httpStatus: 200,
    });
    const mismatch = await failure(http.request(get));
    expect(mismatch.code).toBe("invalid_response");
    expect(mismatch.detail).toContain("ok");
    expect(server.requests).toHaveLength(2);
  });

  it("does not follow redirects, which could carry the token elsewhere", async () => {
    const elsewhere = await upstream({ handle: () => OK });
    const server = await upstream({
      handle: () => ({ status: 302, headers: { Location: `${elsewhere.url}/v1/Sims` } }),
    });
    const error = await failure(client(server).request(get));
    expect(error).toMatchObject({ code: "http_error", httpStatus: 302 });
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe("paging links", () => {
  it("follows a link on a configured host verbatim", async () => {
    const server = await upstream({ handle: () => OK });
    const http = client(server);
    await http.request({
      ...get,
      path: undefined,
      url: `${server.url}/v1/Sims?PageSize=2&Page=1&PageToken=PADE%2B1`,
    });
    expect(server.requests[0]?.query.get("PageToken")).toBe("PADE+1");
  });

  it("never sends the token to a host it was not configured for", async () => {
    const foreign = await upstream({ handle: () => OK });
    const server = await upstream({ handle: () => OK });
    const http = client(server);
    await http.request({ ...get, path: undefined, url: `${foreign.url}/v1/Sims?Page=1&PageToken=PA1` });
    expect(foreign.requests).toHaveLength(0);
    expect(foreign.tokenRequests).toHaveLength(0);
    expect(server.requests[0]?.path).toBe("/v1/Sims");
    expect(server.requests[0]?.query.toString()).toBe("Page=1&PageToken=PA1");
    expect(
      http.resolveUrl({ host: "wireless", url: "https://wireless.twilio.com/v1/Sims?Page=2" }).origin,
    ).toBe(server.url);
  });
});
