/**
 * OAuth2 client-credentials tokens for KORE (sim-api.md §1.1). There is no refresh token: when a
 * token nears its end we repeat the exchange. One manager per API client keeps one token for the
 * whole process, renews it before it expires, and makes concurrent callers share one exchange.
 */
import "server-only";
import { KoreError } from "./errors";
import { jwtExpiryMs } from "./jwt";
import { errorEnvelopeSchema, tokenResponseSchema } from "./schemas";

export type TokenManagerOptions = {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  now?: () => number;
};

export type TokenManager = {
  /** A token valid for a while yet; fetched when none is cached or the cached one is due. */
  getToken(signal?: AbortSignal): Promise<string>;
  /**
   * Forget the cached token after the upstream refused it (401/403). Passing the refused token
   * makes this a no-op when another caller already replaced it, so a burst of 401s on one old
   * token causes one renewal, not one per request.
   */
  invalidate(token?: string): void;
};

/** Used when the upstream gives neither `expires_in` nor a JWT `exp`: renew early, not late. */
const ASSUMED_LIFETIME_MS = 5 * 60_000;
const MAX_SAFETY_MARGIN_MS = 60_000;

type CachedToken = { value: string; renewAt: number };

const OPERATION = "POST token";

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  let cached: CachedToken | null = null;
  let inflight: Promise<CachedToken> | null = null;

  async function exchange(): Promise<CachedToken> {
    const requestedAt = now();
    const timeout = AbortSignal.timeout(options.timeoutMs);
    let response: Response;
    let body: string;
    try {
      response = await fetchImpl(options.tokenUrl, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: options.clientId,
          client_secret: options.clientSecret,
        }),
        signal: timeout,
        redirect: "manual",
      });
      body = await response.text();
    } catch (error) {
      throw new KoreError({
        code: timeout.aborted ? "timeout" : "network_error",
        retryable: true,
        operation: OPERATION,
        cause: error,
      });
    }

    if (!response.ok) throw tokenError(response.status, body);

    const parsed = tokenResponseSchema.safeParse(safeJson(body));
    if (!parsed.success) {
      throw new KoreError({
        code: "invalid_response",
        httpStatus: response.status,
        operation: OPERATION,
        detail: "token response without access_token",
      });
    }
    const { accessToken, expiresInSeconds } = parsed.data;
    const candidates = [
      expiresInSeconds !== null && expiresInSeconds > 0 ? requestedAt + expiresInSeconds * 1000 : null,
      jwtExpiryMs(accessToken),
    ].filter((v): v is number => v !== null);
    // Count from when we asked, not when the answer arrived: the upstream's clock started first.
    const expiresAt = candidates.length > 0 ? Math.min(...candidates) : requestedAt + ASSUMED_LIFETIME_MS;
    const lifetime = Math.max(0, expiresAt - requestedAt);
    const margin = Math.min(MAX_SAFETY_MARGIN_MS, lifetime * 0.1);
    return { value: accessToken, renewAt: expiresAt - margin };
  }

  function getToken(signal?: AbortSignal): Promise<string> {
    if (cached && now() < cached.renewAt) return Promise.resolve(cached.value);
    if (!inflight) {
      // One exchange for every waiting caller. It runs on its own timeout, not on any caller's
      // signal, so one caller giving up does not fail the others.
      inflight = exchange()
        .then((token) => {
          cached = token;
          return token;
        })
        .finally(() => {
          inflight = null;
        });
    }
    return abortable(
      inflight.then((t) => t.value),
      signal,
    );
  }

  function invalidate(token?: string) {
    if (token === undefined || cached?.value === token) cached = null;
  }

  return { getToken, invalidate };
}

function safeJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function tokenError(status: number, body: string): KoreError {
  const envelope = errorEnvelopeSchema.safeParse(safeJson(body));
  const e = envelope.success ? envelope.data : null;
  const detail = e ? (e.errorDescription ?? e.message ?? e.error) : null;
  // Bad credentials (400/401/403) will not get better by asking again.
  if (status === 400 || status === 401 || status === 403) {
    return new KoreError({ code: "auth_failed", httpStatus: status, operation: OPERATION, detail });
  }
  const transient = status === 429 || status >= 500;
  return new KoreError({
    code: e?.code ?? (status === 429 ? 20429 : status === 503 ? 20503 : status >= 500 ? 20500 : "http_error"),
    httpStatus: status,
    retryable: transient,
    operation: OPERATION,
    detail,
  });
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

function abortedError(signal: AbortSignal): KoreError {
  return new KoreError({ code: "aborted", operation: OPERATION, cause: signal.reason });
}
