/** DataSessions (sim-api.md §13.3): the last 30 days of a SIM's connections, read whole. */
import "server-only";
import type { CallOptions } from "./call-options";
import { toForm } from "./form";
import type { KoreHttp } from "./http";
import { getDefaultKoreHttp } from "./instance";
import { collectItems, followPages } from "./paging";
import { type DataSession, dataSessionPageSchema } from "./schemas";
import { pathSegment } from "./validate";

export function createDataSessionsApi(http: KoreHttp) {
  async function listDataSessions(sid: string, options?: CallOptions): Promise<DataSession[]> {
    const path = `/v1/Sims/${pathSegment(sid, "GET /v1/Sims/{Sid}/DataSessions")}/DataSessions`;
    const signal = options?.signal;
    return collectItems(
      followPages(
        () =>
          http.request({
            method: "GET",
            host: "wireless",
            path,
            form: toForm({ pageSize: 1000 }),
            schema: dataSessionPageSchema,
            signal,
          }),
        (url) =>
          http.request({ method: "GET", host: "wireless", url, schema: dataSessionPageSchema, signal }),
      ),
    );
  }

  return { listDataSessions };
}

export type DataSessionsApi = ReturnType<typeof createDataSessionsApi>;

export const listDataSessions: DataSessionsApi["listDataSessions"] = (...args) =>
  createDataSessionsApi(getDefaultKoreHttp()).listDataSessions(...args);
