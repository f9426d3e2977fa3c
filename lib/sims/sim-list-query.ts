/**
 * The SIM list query as the GET route validates it: the URL rules of lib/sims/search-params.ts,
 * strict (a bad value is a 400 naming the field, not silently dropped), as a zod schema. Server
 * side only in practice: the browser parses the same rules without zod (see search-params.ts).
 */
import { z } from "zod";
import { checkIccid } from "./iccid";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, type SimListQuery, simSearchRules } from "./search-params";

/** A URL param checked by its rule: the parsed value, or the message as a field error. */
function ruled<T>(rule: (raw: string) => T | null, message: string) {
  return z.string().transform((raw, ctx): T => {
    const value = rule(raw);
    if (value === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return value;
  });
}

const iccid = z.string().transform((raw, ctx) => {
  const result = checkIccid(raw);
  if (!result.ok) {
    ctx.addIssue({ code: "custom", message: result.message });
    return z.NEVER;
  }
  return result.iccid;
});

export const simListQuerySchema = z.object({
  status: ruled(simSearchRules.status, "Expected one of the eight SIM statuses").optional(),
  iccid: iccid.optional(),
  ratePlan: ruled(simSearchRules.ratePlan, "Expected a rate plan SID or unique name").optional(),
  registrationCode: ruled(simSearchRules.registrationCode, "Expected a registration code").optional(),
  eid: ruled(simSearchRules.eid, "Expected an EID").optional(),
  pageSize: ruled(simSearchRules.pageSize, `Expected one of ${PAGE_SIZES.join(", ")}`).default(
    DEFAULT_PAGE_SIZE,
  ),
  page: ruled(simSearchRules.page, "Expected a page number from 1").default(1),
  pageToken: ruled(simSearchRules.pageToken, "Expected a page token from a previous page").optional(),
}) satisfies z.ZodType<SimListQuery, Record<string, unknown>>;
