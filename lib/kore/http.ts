/**
 * The one function that talks to KORE: form-encoded PascalCase parameters in, JSON out through a
 * zod schema, a timeout on every attempt, token renewal on 401/403, and the retry policy of
 * `./retry.ts`. Everything above this module works with domain objects and `KoreError`.
 */
import "server-only";
import type { z } from "zod";
import { APP_VERSION } from "@/lib/app-info";
import type { Config } from "@/lib/config";
import { KoreError, type KoreErrorCode } from "./errors";
import { parseJsonBytes } from "./json-bytes";
import { createLimiter } from "./limiter";
import {
  DEFAULT_RETRY_POLICY,
  isTransientStatus,
  parseRetryAfter,
  type RetryPolicy,
  retryDelayMs,
} from "./retry";
import { errorEnvelopeSchema } from "./schemas";
import { createTokenManager, type TokenManager } from "./token";
import { fetchTransport, nodeTransport, type Transport, type UpstreamResponse } from "./transport";

export type UpstreamConfig = Config["upstream"];
export type KoreHost = "wireless" | "monitor" | "iam";
export type HttpMethod = "GET" | "POST" | "DELETE";

export type KoreHttpOptions = {
  /**
   * Sends the API requests through this `fetch` (tests record or fake with it) instead of
   * ./transport.ts's `nodeTransport`. The token manager uses it too, or global fetch.
   */
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  /** Requests in flight at once, per client (Twilio's 20429 is a concurrency limit). */
  maxConcurrency?: number;
  tokens?: TokenManager;
};

export type KoreRequest = {
  method: HttpMethod;
  host: KoreHost;
  /** A path on the host, e.g. `/v1/Sims`. */
  path?: string;
  /** Or a link the upstream gave us (`next_page_url`), followed as given when on a configured host. */
  url?: string;
  /** Parameters: the query string of a GET, the body of a POST. Ignored with `url`. */
  form?: URLSearchParams;
  signal?: AbortSignal;
};

export type KoreHttp = {
  request<S extends z.ZodType>(req: KoreRequest & { schema: S }): Promise<z.output<S>>;
  /** For responses without a body worth reading (DELETE → 204). */
  request(req: KoreRequest & { schema?: undefined }): Promise<void>;
  resolveUrl(req: Pick<KoreRequest, "host" | "path" | "url">): URL;
  readonly tokens: TokenManager;
  readonly retryPolicy: RetryPolicy;
};

export const DEFAULT_MAX_CONCURRENCY = 16;

const textDecoder = new TextDecoder();

type Failure = {
  ok: false;
  error: KoreError;
  /** The upstream refused this token (401, or a 403 that is not a domain error). */
  refusedToken?: string;
  /** Certainly not processed upstream, so even a write may be sent again. */
  notProcessed: boolean;
};
type Attempt<T> = { ok: true; value: T } | Failure;

export function createKoreHttp(upstream: UpstreamConfig, options: KoreHttpOptions = {}): KoreHttp {
  const fetchImpl = options.fetch ?? fetch;
  const send: Transport = options.fetch ? fetchTransport(options.fetch) : nodeTransport();
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const retryPolicy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const limiter = createLimiter(options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY);
  const tokens =
    options.tokens ??
    createTokenManager({
      tokenUrl: upstream.tokenUrl,
      clientId: upstream.clientId,
      clientSecret: upstream.clientSecret,
      timeoutMs: upstream.timeoutMs,
      fetch: fetchImpl,
      now,
    });

  const bases: Record<KoreHost, string> = {
    wireless: stripSlash(upstream.wirelessBaseUrl),
    monitor: stripSlash(upstream.monitorBaseUrl),
    iam: stripSlash(upstream.iamBaseUrl),
  };
  const trustedOrigins = new Set(Object.values(bases).map((b) => new URL(b).origin));

  function resolveUrl({ host, path, url }: Pick<KoreRequest, "host" | "path" | "url">): URL {
    if (url !== undefined) {
      if (url.startsWith("/")) return new URL(bases[host] + url);
      const link = new URL(url);
      if ((link.protocol === "https:" || link.protocol === "http:") && trustedOrigins.has(link.origin))
        return link;
      // A link to a host we were not configured for (KORE's paging links may still name the
      // Twilio-era host, sim-api.md §19): keep its path and query but send it to the host we
      // asked, so the bearer token never goes anywhere but the configured hosts.
      return new URL(bases[host] + link.pathname + link.search);
    }
    if (!path?.startsWith("/")) throw new Error(`KORE request path must start with "/", got ${String(path)}`);
    return new URL(bases[host] + path);
  }

  async function attemptOnce<T>(
    req: KoreRequest,
    url: URL,
    body: string | undefined,
    schema: z.ZodType<T> | undefined,
    operation: string,
  ): Promise<Attempt<T | undefined>> {
    let token: string;
    try {
      token = await tokens.getToken(req.signal);
    } catch (error) {
      // Nothing was sent upstream yet, so any request may try again.
      if (error instanceof KoreError) return { ok: false, error, notProcessed: true };
      throw error;
    }

    return limiter.run(async (): Promise<Attempt<T | undefined>> => {
      // The clock starts once a slot is ours: time spent queued is not the upstream's fault.
      const timeout = AbortSignal.timeout(upstream.timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      let response: UpstreamResponse;
      try {
        response = await send(url, {
          method: req.method,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: "application/json",
            "User-Agent": `sim-console/${APP_VERSION}`,
            ...(body === undefined ? {} : { "Content-Type": "application/x-www-form-urlencoded" }),
          },
          body,
          signal,
        });
      } catch (cause) {
        if (req.signal?.aborted) throw new KoreError({ code: "aborted", operation, cause });
        const code = timeout.aborted ? "timeout" : "network_error";
        return {
          ok: false,
          error: new KoreError({ code, retryable: true, operation, cause }),
          notProcessed: false,
        };
      }
      return interpret(response, token, schema, operation);
    });
  }

  function interpret<T>(
    response: UpstreamResponse,
    token: string,
    schema: z.ZodType<T> | undefined,
    operation: string,
  ): Attempt<T | undefined> {
    const status = response.status;
    if (status >= 200 && status < 300) {
      // Any 2xx is success: KORE documents 202 for asynchronous work where the spec says 200.
      if (!schema) return { ok: true, value: undefined };
      let json: unknown;
      try {
        // Bytes, not text: ./json-bytes.ts parses a large page without one string of all of it.
        json = parseJsonBytes(response.body);
      } catch (cause) {
        return invalidResponse(status, operation, "response body is not JSON", cause);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "schema mismatch";
        return invalidResponse(
          status,
          operation,
          `response did not match the schema at ${where}`,
          parsed.error,
        );
      }
      return { ok: true, value: parsed.data };
    }

    const text = textDecoder.decode(response.body);
    let envelopeJson: unknown;
    try {
      envelopeJson = JSON.parse(text);
    } catch {
      envelopeJson = undefined;
    }
    const parsedEnvelope = errorEnvelopeSchema.safeParse(envelopeJson);
    const envelope = parsedEnvelope.success ? parsedEnvelope.data : null;
    const detail = envelope
      ? (envelope.message ?? envelope.errorDescription ?? envelope.error)
      : text.slice(0, 200) || null;
    const upstreamCode = envelope?.code ?? null;

    // 401 is always about the token. A 403 is about the token unless it carries a domain code
    // (33201 "Unauthorized" is a refused move, and renewing would not change the answer); KORE's
    // gateway answers an expired token with a code-less 403 `{message, error}`.
    if (status === 401 || (status === 403 && (upstreamCode === null || upstreamCode === 20003))) {
      return {
        ok: false,
        error: new KoreError({ code: upstreamCode ?? "auth_failed", httpStatus: status, operation, detail }),
        refusedToken: token,
        notProcessed: true,
      };
    }

    const retryAfterMs = parseRetryAfter(response.header("retry-after"), now());
    return {
      ok: false,
      error: new KoreError({
        code: upstreamCode ?? fallbackCode(status),
        httpStatus: status,
        retryable: isTransientStatus(status),
        retryAfterMs,
        operation,
        detail,
      }),
      // A 429 is refused before any work is done (sim-api.md §14.4); nothing else is certain.
      notProcessed: status === 429,
    };
  }

  async function request<T>(req: KoreRequest & { schema?: z.ZodType<T> }): Promise<T | undefined> {
    const url = resolveUrl(req);
    let body: string | undefined;
    if (req.form && req.url === undefined) {
      if (req.method === "GET") for (const [k, v] of req.form) url.searchParams.append(k, v);
      else body = req.form.toString();
    }
    const operation = `${req.method} ${url.pathname}`;
    const isRead = req.method === "GET";
    let attempt = 1;
    let renewed = false;
    for (;;) {
      const result = await attemptOnce(req, url, body, req.schema, operation);
      if (result.ok) return result.value;
      const { error } = result;

      if (result.refusedToken !== undefined) {
        if (renewed) throw error;
        // Renew once and try again; this does not count as a retry of the request.
        renewed = true;
        tokens.invalidate(result.refusedToken);
        continue;
      }

      const mayRetry =
        error.retryable && (isRead || result.notProcessed) && attempt < retryPolicy.maxAttempts;
      if (!mayRetry) throw error;
      if (error.retryAfterMs !== null && error.retryAfterMs > retryPolicy.maxRetryAfterMs) throw error;
      await sleep(retryDelayMs(attempt, error.retryAfterMs, retryPolicy, random), req.signal);
      attempt++;
    }
  }

  return {
    request: request as KoreHttp["request"],
    resolveUrl,
    tokens,
    retryPolicy,
  };
}

function invalidResponse(status: number, operation: string, detail: string, cause: unknown): Failure {
  return {
    ok: false,
    error: new KoreError({ code: "invalid_response", httpStatus: status, operation, detail: detail, cause }),
    notProcessed: false,
  };
}

/**
 * The platform code for a status whose body carried none (a proxy's HTML 502, an empty 404), so
 * callers and messages can still tell "not found" from "busy" from "broken".
 */
function fallbackCode(status: number): KoreErrorCode {
  if (status === 404) return 20404;
  if (status === 429) return 20429;
  if (status === 502 || status === 503 || status === 504) return 20503;
  if (status >= 500) return 20500;
  return "http_error";
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new KoreError({ code: "aborted", cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}
