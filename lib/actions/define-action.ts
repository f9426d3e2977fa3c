/**
 * `defineAction`: the wrapper every server action uses. An action is a mutation (reads go through
 * server components and GET route handlers, see design.md).
 *
 *   export const suspendSim = defineAction(
 *     { name: "sims.suspend", permission: "sims.suspend", input: suspendSchema,
 *       auditTarget: (input) => ({ simSid: input.sid, reason: input.reason }) },
 *     async (ctx, input) => {
 *       const before = await fetchSim(input.sid);
 *       return ctx.audit.run({ changes: { status: { before: before.status, after: "suspended" } } },
 *         () => updateSim(input.sid, { Status: "suspended" }));
 *     },
 *   );
 *
 * CONTRACT, in order:
 *  1. Session: `getCurrentUser()` (lib/auth/current-user.ts). None → `{ ok: false, error: { code:
 *     "unauthenticated" } }`.
 *  2. Permission: `can(user, permission)`. A static `permission` is checked before the input is
 *     parsed; a function of the (parsed) input is checked right after parsing, e.g. a status change
 *     needs "sims.deactivate" or "sims.activate" depending on the target. Lacking →
 *     `code: "forbidden"`.
 *  3. Input: the zod schema (classic or mini) parses the raw input; FormData is accepted and turned
 *     into a plain object. Invalid → `code: "invalid_input"` with `fieldErrors` (field → messages).
 *     Invalid input is not audited: nothing was attempted, and the form validates the same schema.
 *  Refusals in 1 and 2 WRITE AN AUDIT ENTRY (outcome "refused", who or anonymous, the action name,
 *  the SIM when `auditTarget` can tell) and never run the handler, so nothing is sent upstream.
 *  4. Handler: `handler(ctx, input)` with `ctx = { user, requestId, db, permission, audit }`.
 *     `ctx.audit.begin(details)` writes a "pending" entry BEFORE the upstream call (who, role,
 *     action, SIM or subject, changes before → after, reason, request id, job id) and returns a handle to
 *     `complete({ ok: true })` or `complete({ ok: false, code, message })` after it;
 *     `ctx.audit.run(details, work)` does begin → work → complete for you. A crash between the two
 *     leaves the pending row as a trace. Details default to `auditTarget(input)`. Secrets are
 *     redacted before storage (lib/audit/redact.ts).
 *  5. Result: the handler's return value becomes `{ ok: true, data }` (keep it serialisable).
 *     Entries still pending when the handler returns are completed "ok"; when it throws, "error".
 *  6. Errors: a thrown user-safe error (`AppError` from lib/http/app-error.ts, or the KORE client's
 *     `KoreError`: `code` + `userMessage`) becomes `{ ok: false, error: { code, message } }`;
 *     anything else is logged with the request id and becomes `code: "internal_error"` with a
 *     generic message. Stack traces and upstream text never reach the browser.
 *     `redirect()` / `notFound()` thrown by the handler pass through untouched.
 *
 * Tests call actions directly; the session comes from mocking lib/auth/current-user.ts and the
 * database from mocking lib/db/get-db.ts (see test/authz/authz-matrix.test.ts).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { type AuditEntryHandle, beginAuditEntry, recordRefusal } from "@/lib/audit/writer";
import { getCurrentUser } from "@/lib/auth/current-user";
import { type Action, can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/user-schemas";
import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/get-db";
import type { AuditChanges } from "@/lib/db/schema/audit";
import { INTERNAL_ERROR_CODE, isUserSafeError, toUserSafeFailure } from "@/lib/http/app-error";

export type ActionFailure = { code: string; message: string; fieldErrors?: Record<string, string[]> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionFailure };

export type ActionAuditDetails = {
  simSid?: string | null;
  jobId?: string | null;
  /** What the action is about when it is not a SIM, e.g. "user:ops@example.com". */
  subject?: string | null;
  changes?: AuditChanges | null;
  reason?: string | null;
};

export type ActionAudit = {
  /** Writes a pending entry now; complete the returned handle after the upstream call. */
  begin: (details?: ActionAuditDetails) => Promise<AuditEntryHandle>;
  /** begin → work → complete (ok, or the thrown error's code and user-safe message; rethrown). */
  run: <R>(details: ActionAuditDetails, work: () => Promise<R>) => Promise<R>;
};

export type ActionContext = {
  user: SessionUser;
  requestId: string;
  db: Db;
  /** The permission that was checked (resolved from the input when it is a function). */
  permission: Action;
  audit: ActionAudit;
};

// Any zod 4 schema, classic (`zod`) or mini (`zod/mini`): both share the core type.
export type ActionConfig<S extends z.core.$ZodType> = {
  /** Stored as the audit entry's action, e.g. "users.setRole", "sims.suspend". */
  name: string;
  permission: Action | ((input: z.output<S>) => Action);
  input: S;
  /** What the attempt is about, for the audit trail (also used for refused attempts when the input parses). */
  auditTarget?: (input: z.output<S>) => ActionAuditDetails;
};

export type DefinedAction<S extends z.core.$ZodType, T> = ((
  input: z.input<S> | FormData,
) => Promise<ActionResult<T>>) & {
  readonly actionName: string;
  readonly permission: ActionConfig<S>["permission"];
};

export const REFUSAL_MESSAGES = {
  unauthenticated: "Your session has ended. Sign in again to continue.",
  forbidden: "Your role does not allow this action.",
  invalid_input: "Some values are not valid. Check the highlighted fields.",
} as const;

export function defineAction<S extends z.core.$ZodType, T>(
  config: ActionConfig<S>,
  handler: (ctx: ActionContext, input: z.output<S>) => Promise<T>,
): DefinedAction<S, T> {
  const run = async (rawInput: z.input<S> | FormData): Promise<ActionResult<T>> => {
    const requestId = randomUUID();
    const raw = rawInput instanceof FormData ? Object.fromEntries(rawInput) : rawInput;
    const open: AuditEntryHandle[] = [];
    try {
      const user = await getCurrentUser();
      if (!user) return await refuse(requestId, null, "unauthenticated", raw);

      let input: z.output<S>;
      let permission: Action;
      if (typeof config.permission === "string") {
        permission = config.permission;
        if (!can(user, permission)) return await refuse(requestId, user, "forbidden", raw);
        const parsed = z.safeParse(config.input, raw);
        if (!parsed.success) return invalid(parsed.error);
        input = parsed.data;
      } else {
        const parsed = z.safeParse(config.input, raw);
        if (!parsed.success) return invalid(parsed.error);
        input = parsed.data;
        permission = config.permission(input);
        if (!can(user, permission)) return await refuse(requestId, user, "forbidden", raw);
      }

      const db = await getDb();
      const defaults = config.auditTarget?.(input) ?? {};
      const begin = async (details: ActionAuditDetails = {}) => {
        const handle = await beginAuditEntry(db, {
          requestId,
          actor: { id: user.id, email: user.email, role: user.role },
          action: config.name,
          ...defaults,
          ...details,
        });
        open.push(handle);
        return handle;
      };
      const audit: ActionAudit = {
        begin,
        run: async (details, work) => {
          const handle = await begin(details);
          try {
            const result = await work();
            await handle.complete({ ok: true });
            return result;
          } catch (error) {
            if (!isNavigation(error)) await handle.complete({ ok: false, ...toUserSafeFailure(error) });
            throw error;
          }
        },
      };

      try {
        const data = await handler({ user, requestId, db, permission, audit }, input);
        await completeOpen(open, { ok: true });
        return { ok: true, data };
      } catch (error) {
        // redirect()/notFound() after a change mean it went through.
        if (isNavigation(error)) await completeOpen(open, { ok: true });
        unstable_rethrow(error);
        const failure = toUserSafeFailure(error);
        await completeOpen(open, { ok: false, ...failure });
        if (!isUserSafeError(error)) logUnexpected(config.name, requestId, error);
        const fieldErrors = isUserSafeError(error) ? error.fieldErrors : undefined;
        return { ok: false, error: fieldErrors ? { ...failure, fieldErrors } : failure };
      }
    } catch (error) {
      unstable_rethrow(error);
      logUnexpected(config.name, requestId, error);
      await completeOpen(open, { ok: false, ...toUserSafeFailure(error) }).catch(() => {});
      return { ok: false, error: toUserSafeFailure(error) };
    }
  };

  async function refuse(
    requestId: string,
    user: SessionUser | null,
    code: "unauthenticated" | "forbidden",
    raw: unknown,
  ): Promise<ActionResult<T>> {
    const message = REFUSAL_MESSAGES[code];
    try {
      const parsed = z.safeParse(config.input, raw);
      const target = parsed.success ? (config.auditTarget?.(parsed.data) ?? {}) : {};
      await recordRefusal(await getDb(), {
        requestId,
        actor: user ? { id: user.id, email: user.email, role: user.role } : null,
        action: config.name,
        simSid: target.simSid,
        jobId: target.jobId,
        subject: target.subject,
        changes: target.changes,
        reason: target.reason,
        code,
        message,
      });
    } catch (error) {
      // The refusal stands even if it could not be recorded; say so in the server log.
      logUnexpected(config.name, requestId, error);
    }
    return { ok: false, error: { code, message } };
  }

  return Object.assign(run, { actionName: config.name, permission: config.permission });
}

function invalid(error: z.core.$ZodError): { ok: false; error: ActionFailure } {
  const flat = z.flattenError(error);
  const fieldErrors: Record<string, string[]> = { ...(flat.fieldErrors as Record<string, string[]>) };
  if (flat.formErrors.length > 0) fieldErrors._form = flat.formErrors;
  return {
    ok: false,
    error: { code: "invalid_input", message: REFUSAL_MESSAGES.invalid_input, fieldErrors },
  };
}

async function completeOpen(open: AuditEntryHandle[], result: Parameters<AuditEntryHandle["complete"]>[0]) {
  for (const handle of open) if (!handle.completed) await handle.complete(result);
}

function isNavigation(error: unknown): boolean {
  try {
    unstable_rethrow(error);
    return false;
  } catch {
    return true;
  }
}

function logUnexpected(action: string, requestId: string, error: unknown) {
  console.error(`[action ${action}] request ${requestId} failed (${INTERNAL_ERROR_CODE}):`, error);
}
