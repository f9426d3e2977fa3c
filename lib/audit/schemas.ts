/**
 * Shapes of the audit trail shared by the writer, the `/audit` page and `GET /api/audit`:
 * the filter query (from URL parameters) and the outcome values.
 */
import { z } from "zod";
import { AUDIT_OUTCOMES } from "@/lib/db/schema/audit";

export { AUDIT_OUTCOMES };

export const auditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = {
  pending: "Pending",
  ok: "Succeeded",
  error: "Failed",
  refused: "Refused",
};

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_AUDIT_PAGE_SIZE = 50;

// A GET form submits empty fields as "": treat them as "no filter".
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().max(max, `expected at most ${max} characters`).optional(),
  );

const optionalDate = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.iso.date("expected a date as YYYY-MM-DD").optional(),
);

export const auditQuerySchema = z
  .object({
    person: optionalText(254),
    action: optionalText(100),
    sim: optionalText(64),
    /** One bulk job's entries (the job page links here). */
    job: optionalText(64),
    /** One entry by id: where a job's per-SIM result points ("its audit entry"). */
    entry: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z.uuid("expected an audit entry id").optional(),
    ),
    outcome: z.preprocess((v) => (v === "" ? undefined : v), auditOutcomeSchema.optional()),
    from: optionalDate,
    to: optionalDate,
    page: z.coerce
      .number()
      .int("expected a whole page number")
      .min(1, "expected a page number of 1 or more")
      .default(1),
    pageSize: z.coerce
      .number()
      .refine((n) => (AUDIT_PAGE_SIZES as readonly number[]).includes(n), {
        message: `expected one of ${AUDIT_PAGE_SIZES.join(", ")}`,
      })
      .default(DEFAULT_AUDIT_PAGE_SIZE),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ["to"],
    message: "expected an end date on or after the start date",
  });

export type AuditQuery = z.output<typeof auditQuerySchema>;

/**
 * For pages: a hand-edited URL with one bad parameter still shows the trail, minus that filter,
 * instead of an error. (The JSON route is strict and answers 400.)
 */
export function parseAuditQueryLenient(params: Record<string, string | string[] | undefined>): AuditQuery {
  const input: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) input[key] = first;
  }
  for (;;) {
    const parsed = auditQuerySchema.safeParse(input);
    if (parsed.success) return parsed.data;
    const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "")));
    const removable = [...bad].filter((key) => key in input);
    if (removable.length === 0) return auditQuerySchema.parse({});
    for (const key of removable) delete input[key];
  }
}
