/**
 * The one error type of the KORE client, and the user-safe message for every code the upstream
 * documents (sim-api.md §14.3). Pure: client components may import it for types and messages.
 *
 * Upstream text (`message`, OAuth `error_description`) and our own diagnostics are kept in
 * `detail`, for server logs only. Neither `userMessage` nor `Error.message` ever contains it, so a handler
 * that forwards either to the browser cannot leak what KORE said about our request.
 */

/** Codes the client produces itself, where the upstream gave none. */
export const LOCAL_ERROR_CODES = [
  "network_error",
  "timeout",
  "invalid_response",
  "auth_failed",
  "http_error",
  "invalid_request",
  "aborted",
] as const;
export type LocalErrorCode = (typeof LOCAL_ERROR_CODES)[number];

/** An upstream numeric code (2xxxx platform, 33xxx Programmable Wireless) or one of ours. */
export type KoreErrorCode = number | LocalErrorCode;

/** Every code listed in sim-api.md §14.3, with a message an operator can act on. */
export const UPSTREAM_ERROR_MESSAGES: Readonly<Record<number, string>> = {
  20001: "KORE did not accept one of the values sent. Check the input and try again.",
  20002: "A required value was missing from the request.",
  20003: "KORE refused the console's credentials. An administrator needs to check the KORE API client.",
  20004: "Those filters cannot be combined. Filter events by type or by SIM, not both.",
  20404: "No SIM (or resource) with that identifier exists",
  20429: "KORE is rate-limiting requests; try again shortly",
  20500: "KORE had an internal error. Try again shortly.",
  20503: "KORE is temporarily unavailable. Try again shortly.",
  21481: "This page position is no longer valid. Go back to the first page.",
  33000: "KORE could not complete the SIM operation. Try again, and contact support if it keeps happening.",
  33004: "The wireless service is overloaded or unavailable. Try again shortly.",
  33010: "This SIM is already being updated; try again when it settles",
  33101:
    "One of the values is not allowed for this SIM in its current state (for example, removing the rate plan from an active SIM).",
  33102: "A required value is missing.",
  33103: "This page position is no longer valid. Go back to the first page.",
  33104:
    "The SIM's configuration is incomplete: it needs a rate plan before it can be activated or receive commands.",
  33105: "That status change is not allowed from the SIM's current status.",
  33107: "No SIM with that identifier exists.",
  33108: "That rate plan does not exist.",
  33118: "Too many commands are queued for this SIM. Wait until some are delivered.",
  33119: "A connectivity reset is not allowed for this SIM in its current status.",
  33120: "A connectivity reset is already in progress for this SIM.",
  33121: "Those changes cannot be made together. Change the status and reset connectivity separately.",
  33122: "That rate plan is not allowed for this SIM.",
  33201: "Only SIMs in status New can move to another account",
  33203: "Messaging is not allowed by this SIM's rate plan.",
};

export const LOCAL_ERROR_MESSAGES: Readonly<Record<LocalErrorCode, string>> = {
  network_error: "The console could not reach KORE. Try again shortly.",
  timeout: "KORE did not answer in time. Try again shortly.",
  invalid_response:
    "KORE sent a response the console could not read. Try again, and contact support if it keeps happening.",
  auth_failed: "KORE refused the console's credentials. An administrator needs to check the KORE API client.",
  http_error: "KORE could not complete this request. Try again, and contact support if it keeps happening.",
  invalid_request: "The request had values the console could not send. Check them and try again.",
  aborted: "The request was cancelled.",
};

export const GENERIC_ERROR_MESSAGE =
  "KORE could not complete this request. Try again, and contact support if it keeps happening.";

export const INTERNAL_ERROR_MESSAGE =
  "Something went wrong in the console. Try again, and contact support if it keeps happening.";

export function userMessageFor(code: KoreErrorCode | string): string {
  if (typeof code === "number") return UPSTREAM_ERROR_MESSAGES[code] ?? GENERIC_ERROR_MESSAGE;
  if (Object.hasOwn(LOCAL_ERROR_MESSAGES, code)) return LOCAL_ERROR_MESSAGES[code as LocalErrorCode];
  return GENERIC_ERROR_MESSAGE;
}

export type KoreErrorInit = {
  code: KoreErrorCode;
  httpStatus?: number | null;
  /** True when trying the same request again later may succeed (429, 5xx, network, timeout). */
  retryable?: boolean;
  /** How long the upstream asked us to wait (Retry-After), when it said. */
  retryAfterMs?: number | null;
  /** Raw upstream text or our own diagnostic, for server logs only; never shown to users. */
  detail?: string | null;
  /** Where it happened, e.g. "GET /v1/Sims" (no query string, no host, no token). */
  operation?: string;
  cause?: unknown;
};

export class KoreError extends Error {
  readonly code: KoreErrorCode;
  readonly httpStatus: number | null;
  readonly userMessage: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;
  readonly detail: string | null;
  readonly operation: string | null;

  constructor(init: KoreErrorInit) {
    const status = init.httpStatus ?? null;
    super(
      `KORE error ${init.code}${status === null ? "" : ` (HTTP ${status})`}${init.operation ? ` on ${init.operation}` : ""}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = "KoreError";
    this.code = init.code;
    this.httpStatus = status;
    this.userMessage = userMessageFor(init.code);
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.detail = init.detail ?? null;
    this.operation = init.operation ?? null;
  }
}

/**
 * Structural, not `instanceof`: Next may load this module in more than one server bundle (route
 * handlers, server components, instrumentation), and the process-wide client built by one of them
 * throws a `KoreError` class the others do not share.
 */
export function isKoreError(error: unknown): error is KoreError {
  if (error instanceof KoreError) return true;
  if (!(error instanceof Error) || error.name !== "KoreError") return false;
  const e = error as Partial<KoreError>;
  return (typeof e.code === "number" || typeof e.code === "string") && typeof e.userMessage === "string";
}

export type SafeError = { code: KoreErrorCode | "internal_error"; message: string };

/** What a route handler or server action may return to the browser for any thrown value. */
export function toSafeError(error: unknown): SafeError {
  if (isKoreError(error)) return { code: error.code, message: error.userMessage };
  return { code: "internal_error", message: INTERNAL_ERROR_MESSAGE };
}
