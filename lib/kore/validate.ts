/**
 * Validates what the console asks for before it goes upstream. A bad value here is our bug or a
 * tampered request, not KORE's answer, so it becomes `invalid_request` and nothing is sent.
 */
import type { z } from "zod";
import { KoreError } from "./errors";

export function validateParams<S extends z.ZodType>(
  schema: S,
  input: unknown,
  operation: string,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new KoreError({
    code: "invalid_request",
    operation,
    detail: issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : null,
    cause: parsed.error,
  });
}

/** A SID or unique name as one URL path segment; empty identifiers are refused. */
export function pathSegment(identifier: string, operation: string): string {
  if (typeof identifier !== "string" || identifier.trim() === "") {
    throw new KoreError({ code: "invalid_request", operation, detail: "empty identifier" });
  }
  return encodeURIComponent(identifier);
}
