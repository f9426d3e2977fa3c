/**
 * UsageRecords (sim-api.md §13.2), per SIM and account-wide. Usage lags up to 24–48 h upstream;
 * a zero for today is not final, and callers should say so.
 */
import "server-only";
import type { CallOptions } from "./call-options";
import { toForm } from "./form";
import type { KoreHttp } from "./http";
import { getDefaultKoreHttp } from "./instance";
import { collectItems, followPages } from "./paging";
import { type UsageParams, usageParamsSchema } from "./params";
import { type UsageRecord, usageRecordPageSchema } from "./schemas";
import { pathSegment, validateParams } from "./validate";

export function createUsageApi(http: KoreHttp) {
  async function allRecords(path: string, params: UsageParams, operation: string, options?: CallOptions) {
    const p = validateParams(usageParamsSchema, params, operation);
    const signal = options?.signal;
    return collectItems(
      followPages(
        () =>
          http.request({
            method: "GET",
            host: "wireless",
            path,
            form: toForm({ start: p.start, end: p.end, granularity: p.granularity, pageSize: 1000 }),
            schema: usageRecordPageSchema,
            signal,
          }),
        (url) =>
          http.request({ method: "GET", host: "wireless", url, schema: usageRecordPageSchema, signal }),
      ),
    );
  }

  /** One SIM's usage between `start` and `end` (upstream default: the month up to now), all pages. */
  async function getSimUsage(
    sid: string,
    params: UsageParams = {},
    options?: CallOptions,
  ): Promise<UsageRecord[]> {
    const operation = "GET /v1/Sims/{Sid}/UsageRecords";
    return allRecords(`/v1/Sims/${pathSegment(sid, operation)}/UsageRecords`, params, operation, options);
  }

  /** The whole account's usage; records carry no SIM. */
  async function getAccountUsage(params: UsageParams = {}, options?: CallOptions): Promise<UsageRecord[]> {
    return allRecords("/v1/UsageRecords", params, "GET /v1/UsageRecords", options);
  }

  return { getSimUsage, getAccountUsage };
}

export type UsageApi = ReturnType<typeof createUsageApi>;

const api = () => createUsageApi(getDefaultKoreHttp());

export const getSimUsage: UsageApi["getSimUsage"] = (...args) => api().getSimUsage(...args);
export const getAccountUsage: UsageApi["getAccountUsage"] = (...args) => api().getAccountUsage(...args);
