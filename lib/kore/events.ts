/**
 * Monitor Events (sim-api.md §12), on the Monitor host: status and rate-plan changes
 * (`wireless-sim.updated`) and attach/detach (`wireless-sim.connection.updated`), kept 30 days.
 */
import "server-only";
import type { CallOptions } from "./call-options";
import { toForm } from "./form";
import type { KoreHttp } from "./http";
import { getDefaultKoreHttp } from "./instance";
import { followPages, type Page, type PageCursor, pageCursors } from "./paging";
import { type EventListParams, eventListParamsSchema } from "./params";
import { type SimEvent, simEventPageSchema } from "./schemas";
import { validateParams } from "./validate";

export type EventPage = {
  events: SimEvent[];
  page: number;
  pageSize: number;
  next: PageCursor | null;
  previous: PageCursor | null;
};

function toEventPage(page: Page<SimEvent>, requested: { page?: number; pageSize?: number }): EventPage {
  return {
    events: page.items,
    page: page.meta.page ?? requested.page ?? 0,
    pageSize: page.meta.pageSize ?? requested.pageSize ?? page.items.length,
    ...pageCursors(page.meta),
  };
}

export function createEventsApi(http: KoreHttp) {
  function firstPage(params: EventListParams, options?: CallOptions) {
    const p = validateParams(eventListParamsSchema, params, "GET /v1/Events");
    return {
      p,
      load: () =>
        http.request({
          method: "GET",
          host: "monitor",
          path: "/v1/Events",
          form: toForm(p),
          schema: simEventPageSchema,
          signal: options?.signal,
        }),
    };
  }

  /** One page of events; filter by `eventType` or by `resourceSid`, not both (20004). */
  async function listEventsPage(params: EventListParams = {}, options?: CallOptions): Promise<EventPage> {
    const { p, load } = firstPage(params, options);
    return toEventPage(await load(), p);
  }

  /** Every page from the one `params` names, following `next_page_url`. */
  async function* iterateEvents(
    params: EventListParams = {},
    options?: CallOptions,
  ): AsyncGenerator<EventPage> {
    const { p, load } = firstPage(params, options);
    const pages = followPages(load, (url) =>
      http.request({
        method: "GET",
        host: "monitor",
        url,
        schema: simEventPageSchema,
        signal: options?.signal,
      }),
    );
    for await (const page of pages) yield toEventPage(page, p);
  }

  return { listEventsPage, iterateEvents };
}

export type EventsApi = ReturnType<typeof createEventsApi>;

const api = () => createEventsApi(getDefaultKoreHttp());

export const listEventsPage: EventsApi["listEventsPage"] = (...args) => api().listEventsPage(...args);
export const iterateEvents: EventsApi["iterateEvents"] = (...args) => api().iterateEvents(...args);
