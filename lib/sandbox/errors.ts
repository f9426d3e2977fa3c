/**
 * KORE's error envelope `{code, message, more_info, status}` and the codes sim-api.md §14 lists.
 * Handlers throw `ApiError`; the server turns it into the envelope, so no handler writes bodies
 * for failures and no failure escapes as a crash.
 */
export const MORE_INFO_BASE = "https://docs.korewireless.com/errors/";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function envelope(code: number, message: string, status: number) {
  return { code, message, more_info: `${MORE_INFO_BASE}${code}`, status };
}

// The spec's default descriptions (§14.2), used where no more specific text exists.
export const SPEC_MESSAGES = {
  400: "Invalid request",
  401: "Credentials were not provided and are required to access this resource",
  404: "Resource not found",
  500: "Internal Server Error",
  503: "Server is temporary not available",
} as const;

export const errors = {
  notFound: (path: string) => new ApiError(404, 20404, `The requested resource ${path} was not found`),
  invalidParameter: (name: string, why = "is not valid") =>
    new ApiError(400, 33101, `Invalid parameter value: ${name} ${why}`),
  missingParameter: (name: string) => new ApiError(400, 33102, `Parameter missing: ${name} is required`),
  invalidPaging: (why: string) => new ApiError(400, 33103, `Paging information invalid: ${why}`),
  configurationIncomplete: (why: string) => new ApiError(400, 33104, `Configuration incomplete: ${why}`),
  transitionInvalid: (why: string) => new ApiError(400, 33105, `Transition invalid: ${why}`),
  conflictingUpdate: () =>
    new ApiError(400, 33010, "Conflicting update: the SIM is being updated; wait until the update finishes"),
  simNotFound: (ref: string) => new ApiError(404, 33107, `SIM not found: ${ref}`),
  ratePlanNotFound: (ref: string) => new ApiError(400, 33108, `Rate plan not found: ${ref}`),
  tooManyCommands: () =>
    new ApiError(400, 33118, "Number of commands exceeded: at most 100 queued commands per SIM"),
  resetNotAllowed: (status: string) =>
    new ApiError(400, 33119, `SIM connectivity reset not allowed in status ${status}`),
  resetInProgress: () => new ApiError(400, 33120, "SIM connectivity reset in progress"),
  invalidCombination: (why: string) => new ApiError(400, 33121, `Invalid parameter combination: ${why}`),
  unauthorizedMove: () =>
    new ApiError(
      403,
      33201,
      "Unauthorized: a SIM can only be moved while its status is new, and only to the requesting account or one of its subaccounts",
    ),
  messagingNotAllowed: () =>
    new ApiError(400, 33203, "Messaging not allowed: the SIM's rate plan does not enable messaging"),
  invalidFilterCombination: () =>
    new ApiError(
      400,
      20004,
      "Invalid combination of AuditEvent filters, no combinations of ResourceSid, SourceIpAddress, ActorSid, and EventType are supported.",
    ),
  // IAM is not Programmable Wireless: its validation errors use the platform-wide 2000x codes.
  iamInvalidRequest: (why: string) => new ApiError(400, 20001, `Invalid request: ${why}`),
  iamMissingParameter: (name: string) => new ApiError(400, 20002, `Missing parameter: ${name} is required`),
  accountLimit: (max: number) =>
    new ApiError(409, 20409, `Conflict: the sandbox's account tree holds at most ${max} accounts`),
  methodNotAllowed: (allowed: string[]) =>
    new ApiError(405, 20004, "Method not allowed", { Allow: allowed.join(", ") }),
  unsupportedMediaType: () =>
    new ApiError(415, 20001, "Unsupported Media Type: send parameters as application/x-www-form-urlencoded"),
  missingCredentials: () => new ApiError(401, 20003, SPEC_MESSAGES[401]),
  badBasicCredentials: () => new ApiError(401, 20003, "Authenticate"),
  tooManyRequests: () => new ApiError(429, 20429, "Too Many Requests", { "Retry-After": "1" }),
  internal: () => new ApiError(500, 20500, SPEC_MESSAGES[500]),
  unavailable: () => new ApiError(503, 20503, SPEC_MESSAGES[503]),
};
