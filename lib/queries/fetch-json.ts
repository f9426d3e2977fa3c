/**
 * GET a console route handler from the browser. Failures become an `ApiError` carrying the HTTP
 * status (the query client does not retry 4xx) and the user-safe message the route sent, so error
 * states can show it as is.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: Record<string, string[]> | undefined;

  constructor(status: number, code: string, message: string, fieldErrors?: Record<string, string[]>) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  401: "Your session has ended. Sign in again to continue.",
  403: "Your role does not allow this.",
};

const GENERIC_MESSAGE =
  "The console could not load this. Try again, and contact support if it keeps happening.";

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(
      0,
      "network_error",
      "The console could not be reached. Check your connection and try again.",
    );
  }
  if (response.ok) return (await response.json()) as T;
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: unknown; message?: unknown; fieldErrors?: Record<string, string[]> };
  } | null;
  const error = body?.error;
  throw new ApiError(
    response.status,
    typeof error?.code === "string" || typeof error?.code === "number"
      ? String(error.code)
      : `http_${response.status}`,
    typeof error?.message === "string" && error.message
      ? error.message
      : (FALLBACK_MESSAGES[response.status] ?? GENERIC_MESSAGE),
    error?.fieldErrors,
  );
}

/**
 * Retry policy for reads through our routes: the server's KORE client has already retried
 * transient upstream failures before answering, so only a request that never reached the console
 * (network error) is worth one more try from the browser.
 */
export function retryUnreachableOnce(failureCount: number, error: Error): boolean {
  return error instanceof ApiError && error.status === 0 && failureCount < 1;
}
