/**
 * Sims (sim-api.md §4–§7, §10, §11, §17): list a page at a time or iterate every page, fetch,
 * update and delete. A SID or the unique name identifies a SIM everywhere.
 *
 * `listSimSummariesPage` is the list as a table shows it (`SimSummary`, 9 fields): what the SIM
 * table's route and page read, so a 1000-row page is validated and built once, at its final size.
 */
import "server-only";
import type { z } from "zod";
import type { CallOptions } from "./call-options";
import { toForm } from "./form";
import type { KoreHttp } from "./http";
import { getDefaultKoreHttp } from "./instance";
import { followPages, type Page, type PageCursor, pageCursors } from "./paging";
import { type SimListParams, type SimUpdate, simListParamsSchema, simUpdateSchema } from "./params";
import { type Sim, type SimSummary, simPageSchema, simSchema, simSummaryPageSchema } from "./schemas";
import { pathSegment, validateParams } from "./validate";

/** One page of the SIM list: full `Sim`s, or `SimSummary`s from `listSimSummariesPage`. */
export type SimPage<T = Sim> = {
  sims: T[];
  page: number;
  pageSize: number;
  /** Where the next page starts, for the console's own URL; null on the last page. */
  next: PageCursor | null;
  /** Null on the first page. */
  previous: PageCursor | null;
};

export type SimSummaryPage = SimPage<SimSummary>;

function toSimPage<T>(page: Page<T>, requested: { page?: number; pageSize?: number }): SimPage<T> {
  return {
    sims: page.items,
    page: page.meta.page ?? requested.page ?? 0,
    pageSize: page.meta.pageSize ?? requested.pageSize ?? page.items.length,
    ...pageCursors(page.meta),
  };
}

export function createSimsApi(http: KoreHttp) {
  function firstPage<T>(params: SimListParams, options: CallOptions | undefined, schema: z.ZodType<Page<T>>) {
    const p = validateParams(simListParamsSchema, params, "GET /v1/Sims");
    return {
      p,
      load: () =>
        http.request({
          method: "GET",
          host: "wireless",
          path: "/v1/Sims",
          form: toForm(p),
          schema,
          signal: options?.signal,
        }),
    };
  }

  /** One page; `page` + `pageToken` come from a previous page's `next`/`previous` cursor. */
  async function listSimsPage(params: SimListParams = {}, options?: CallOptions): Promise<SimPage> {
    const { p, load } = firstPage(params, options, simPageSchema);
    return toSimPage(await load(), p);
  }

  /** The same page as `listSimsPage`, each SIM as a `SimSummary` (only the fields a list shows). */
  async function listSimSummariesPage(
    params: SimListParams = {},
    options?: CallOptions,
  ): Promise<SimSummaryPage> {
    const { p, load } = firstPage(params, options, simSummaryPageSchema);
    return toSimPage(await load(), p);
  }

  /** Every page from the one `params` names, following `next_page_url` as the upstream gives it. */
  async function* iterateSims(params: SimListParams = {}, options?: CallOptions): AsyncGenerator<SimPage> {
    const { p, load } = firstPage(params, options, simPageSchema);
    const pages = followPages(load, (url) =>
      http.request({ method: "GET", host: "wireless", url, schema: simPageSchema, signal: options?.signal }),
    );
    for await (const page of pages) yield toSimPage(page, p);
  }

  async function getSim(sidOrUniqueName: string, options?: CallOptions): Promise<Sim> {
    const id = pathSegment(sidOrUniqueName, "GET /v1/Sims/{Sid}");
    return http.request({
      method: "GET",
      host: "wireless",
      path: `/v1/Sims/${id}`,
      schema: simSchema,
      signal: options?.signal,
    });
  }

  /**
   * Applies `changes` and returns the SIM as the upstream answered. Status, rate plan and reset
   * are asynchronous upstream: the answer shows them in progress (`updating`, `resetting`).
   */
  async function updateSim(sidOrUniqueName: string, changes: SimUpdate, options?: CallOptions): Promise<Sim> {
    const operation = "POST /v1/Sims/{Sid}";
    const id = pathSegment(sidOrUniqueName, operation);
    const form = toForm(validateParams(simUpdateSchema, changes, operation));
    return http.request({
      method: "POST",
      host: "wireless",
      path: `/v1/Sims/${id}`,
      form,
      schema: simSchema,
      signal: options?.signal,
    });
  }

  async function deleteSim(sidOrUniqueName: string, options?: CallOptions): Promise<void> {
    const id = pathSegment(sidOrUniqueName, "DELETE /v1/Sims/{Sid}");
    await http.request({
      method: "DELETE",
      host: "wireless",
      path: `/v1/Sims/${id}`,
      signal: options?.signal,
    });
  }

  return { listSimsPage, listSimSummariesPage, iterateSims, getSim, updateSim, deleteSim };
}

export type SimsApi = ReturnType<typeof createSimsApi>;

const api = () => createSimsApi(getDefaultKoreHttp());

export const listSimsPage: SimsApi["listSimsPage"] = (...args) => api().listSimsPage(...args);
export const listSimSummariesPage: SimsApi["listSimSummariesPage"] = (...args) =>
  api().listSimSummariesPage(...args);
export const iterateSims: SimsApi["iterateSims"] = (...args) => api().iterateSims(...args);
export const getSim: SimsApi["getSim"] = (...args) => api().getSim(...args);
export const updateSim: SimsApi["updateSim"] = (...args) => api().updateSim(...args);
export const deleteSim: SimsApi["deleteSim"] = (...args) => api().deleteSim(...args);
