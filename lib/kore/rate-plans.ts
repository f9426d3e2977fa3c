/** RatePlans (sim-api.md §13.1): an account has a handful, so the list is read whole. */
import "server-only";
import type { CallOptions } from "./call-options";
import { toForm } from "./form";
import type { KoreHttp } from "./http";
import { getDefaultKoreHttp } from "./instance";
import { collectItems, followPages } from "./paging";
import { type RatePlan, ratePlanPageSchema, ratePlanSchema } from "./schemas";
import { pathSegment } from "./validate";

export function createRatePlansApi(http: KoreHttp) {
  /** Every rate plan of the account, all pages. */
  async function listRatePlans(options?: CallOptions): Promise<RatePlan[]> {
    const signal = options?.signal;
    return collectItems(
      followPages(
        () =>
          http.request({
            method: "GET",
            host: "wireless",
            path: "/v1/RatePlans",
            form: toForm({ pageSize: 1000 }),
            schema: ratePlanPageSchema,
            signal,
          }),
        (url) => http.request({ method: "GET", host: "wireless", url, schema: ratePlanPageSchema, signal }),
      ),
    );
  }

  async function getRatePlan(sidOrUniqueName: string, options?: CallOptions): Promise<RatePlan> {
    const id = pathSegment(sidOrUniqueName, "GET /v1/RatePlans/{Sid}");
    return http.request({
      method: "GET",
      host: "wireless",
      path: `/v1/RatePlans/${id}`,
      schema: ratePlanSchema,
      signal: options?.signal,
    });
  }

  return { listRatePlans, getRatePlan };
}

export type RatePlansApi = ReturnType<typeof createRatePlansApi>;

const api = () => createRatePlansApi(getDefaultKoreHttp());

export const listRatePlans: RatePlansApi["listRatePlans"] = (...args) => api().listRatePlans(...args);
export const getRatePlan: RatePlansApi["getRatePlan"] = (...args) => api().getRatePlan(...args);
