/**
 * `defineRoute`: the wrapper for GET route handlers (client-side reads; writes are server
 * actions, see lib/actions/define-action.ts).
 *
 *   export const GET = defineRoute(
 *     { permission: "audit.read", query: auditQuerySchema },
 *     async ({ user }, query) => listAuditEntries(await getDb(), query),
 *   );
 *
 * In order: no session → 401; `can(user, permission)` false → 403; query (and path params, with
 * `params`) parsed with zod → 400 with `fieldErrors`; the handler's return value → 200 JSON,
 * streamed in chunks by ./json-body.ts (a `Response` it returns is passed through, e.g. a CSV stream).
 * Every answer is `Cache-Control: private, no-store` and carries `x-request-id`.
 *
 * Errors: `{ error: { code, message } }`. A user-safe error (`AppError`, or lib/kore's
 * `KoreError` with `code`, `httpStatus`, `userMessage`) gets its own message and a status from
 * `statusForUserSafeError`; anything else → 500 with a generic message, logged with the request
 * id. Stack traces and upstream text never leave the server.
 *
 * Tests call the exported handler with a `Request`; the session comes from mocking
 * lib/auth/current-user.ts (see test/authz/authz-matrix.test.ts).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { type Action, can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/user-schemas";
import { GENERIC_ERROR_MESSAGE, INTERNAL_ERROR_CODE, isUserSafeError, type UserSafeError } from "./app-error";
import { jsonChunks } from "./json-body";

export type RouteErrorBody = {
  error: { code: string; message: string; fieldErrors?: Record<string, string[]> };
};

export type RouteContext<P> = { user: SessionUser; request: Request; requestId: string; params: P };

type NextRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type RouteConfig<Q extends z.core.$ZodType, P extends z.core.$ZodType> = {
  permission: Action;
  query?: Q;
  params?: P;
};

export type DefinedRoute = ((request: Request, context?: NextRouteContext) => Promise<Response>) & {
  readonly permission: Action;
};

const NO_STORE = "private, no-store";

export function defineRoute<Q extends z.core.$ZodType = z.ZodObject, P extends z.core.$ZodType = z.ZodObject>(
  config: RouteConfig<Q, P>,
  handler: (ctx: RouteContext<z.output<P>>, query: z.output<Q>) => Promise<unknown>,
): DefinedRoute {
  const route = async (request: Request, context?: NextRouteContext): Promise<Response> => {
    const requestId = randomUUID();
    const path = safePath(request);
    try {
      const user = await getCurrentUser();
      if (!user) return errorResponse(401, "unauthenticated", "Sign in to continue.", requestId);
      if (!can(user, config.permission)) {
        return errorResponse(403, "forbidden", "Your role does not allow this.", requestId);
      }

      const query = z.safeParse(
        config.query ?? z.object({}),
        searchParamsToObject(new URL(request.url).searchParams),
      );
      if (!query.success)
        return invalid("invalid_query", "Some query parameters are not valid.", query.error, requestId);
      const params = z.safeParse(config.params ?? z.object({}), (await context?.params) ?? {});
      if (!params.success)
        return invalid("invalid_params", "The address is not valid.", params.error, requestId);

      // Without a schema the handler sees `{}`; with one, exactly what the schema outputs.
      const result = await handler(
        { user, request, requestId, params: params.data as z.output<P> },
        query.data as z.output<Q>,
      );
      if (result instanceof Response) {
        result.headers.set("x-request-id", requestId);
        if (!result.headers.has("cache-control")) result.headers.set("cache-control", NO_STORE);
        return result;
      }
      return jsonResponse(result ?? null, requestId);
    } catch (error) {
      if (isUserSafeError(error)) {
        return errorResponse(statusForUserSafeError(error), String(error.code), error.userMessage, requestId);
      }
      console.error(`[route GET ${path}] request ${requestId} failed:`, error);
      return errorResponse(
        500,
        INTERNAL_ERROR_CODE,
        `${GENERIC_ERROR_MESSAGE} (reference ${requestId})`,
        requestId,
      );
    }
  };
  return Object.assign(route, { permission: config.permission });
}

/**
 * 200 with the JSON of `value`, its chunks streamed as made (./json-body.ts says why), with the
 * length known up front so the answer is not chunk-encoded.
 */
function jsonResponse(value: unknown, requestId: string): Response {
  const chunks = jsonChunks(value);
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new NextResponse(body, {
    headers: {
      "content-type": "application/json",
      "content-length": String(length),
      "cache-control": NO_STORE,
      "x-request-id": requestId,
    },
  });
}

/**
 * The status our route answers for a user-safe error. The upstream's "not found" and "bad
 * request" are the caller's business; the upstream refusing OUR credentials or failing is a
 * gateway problem (502/504), not the browser's 401/403/500.
 */
export function statusForUserSafeError(error: Pick<UserSafeError, "code" | "httpStatus">): number {
  const status = error.httpStatus ?? undefined;
  if (error.code === "timeout") return 504;
  if (status === undefined || status === null) return 502;
  if (status === 401 || status === 403) return 502;
  if (status === 429) return 429;
  if (status >= 400 && status < 500) return status;
  if (status >= 500) return status === 504 ? 504 : 502;
  return 502;
}

function searchParamsToObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

function invalid(code: string, message: string, error: z.core.$ZodError, requestId: string): Response {
  const fieldErrors = z.flattenError(error).fieldErrors as Record<string, string[]>;
  return errorResponse(400, code, message, requestId, fieldErrors);
}

function errorResponse(
  status: number,
  code: string,
  message: string,
  requestId: string,
  fieldErrors?: Record<string, string[]>,
): Response {
  const body: RouteErrorBody = { error: fieldErrors ? { code, message, fieldErrors } : { code, message } };
  return NextResponse.json(body, {
    status,
    headers: { "cache-control": NO_STORE, "x-request-id": requestId },
  });
}

function safePath(request: Request): string {
  try {
    return new URL(request.url).pathname;
  } catch {
    return "?";
  }
}
