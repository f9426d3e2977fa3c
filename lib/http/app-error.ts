/**
 * Errors whose message may be shown to the person using the console. Anything else that is
 * thrown is logged on the server and reaches the browser only as a generic message.
 *
 * `isUserSafeError` is duck-typed on purpose: the KORE client's `KoreError` (lib/kore/errors.ts:
 * `code`, `httpStatus`, `userMessage`) qualifies without this module importing the client.
 */
export class AppError extends Error {
  readonly code: string;
  readonly userMessage: string;
  readonly httpStatus: number | undefined;
  readonly fieldErrors: Record<string, string[]> | undefined;

  /** `code` is machine-readable (e.g. "last_admin"); `userMessage` is shown as is. */
  constructor(
    code: string,
    userMessage: string,
    options: { httpStatus?: number; fieldErrors?: Record<string, string[]>; cause?: unknown } = {},
  ) {
    super(userMessage, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage;
    this.httpStatus = options.httpStatus;
    this.fieldErrors = options.fieldErrors;
  }
}

export type UserSafeError = Error & {
  code: string | number;
  userMessage: string;
  httpStatus?: number | null;
  fieldErrors?: Record<string, string[]>;
};

export function isUserSafeError(error: unknown): error is UserSafeError {
  if (!(error instanceof Error)) return false;
  const candidate = error as Partial<UserSafeError>;
  return (
    typeof candidate.userMessage === "string" &&
    candidate.userMessage.length > 0 &&
    (typeof candidate.code === "string" || typeof candidate.code === "number")
  );
}

// Same code as lib/kore's toSafeError, so the browser sees one vocabulary.
export const INTERNAL_ERROR_CODE = "internal_error";

export const GENERIC_ERROR_MESSAGE =
  "Something went wrong in the console. Try again, and contact support if it keeps happening.";

/** The user-safe `{ code, message }` for any thrown value; unknown errors become "internal_error". */
export function toUserSafeFailure(error: unknown): { code: string; message: string } {
  if (isUserSafeError(error)) return { code: String(error.code), message: error.userMessage };
  return { code: INTERNAL_ERROR_CODE, message: GENERIC_ERROR_MESSAGE };
}
