/**
 * The /events feed's state, which lives in the URL: the strict zod query of `GET /api/events`,
 * nuqs parsers built from the same field rules but lenient (a hand-edited link drops the bad
 * parameter instead of failing), a loader for the server page and a serializer for links.
 */
import { createLoader, createParser, createSerializer, type inferParserType } from "nuqs/server";
import { z } from "zod";

export const FEED_EVENT_TYPES = ["wireless-sim.updated", "wireless-sim.connection.updated"] as const;
export type FeedEventType = (typeof FEED_EVENT_TYPES)[number];

export const FEED_EVENT_TYPE_LABELS: Record<FeedEventType, string> = {
  "wireless-sim.updated": "Status and rate plan changes",
  "wireless-sim.connection.updated": "Attach and detach",
};

export const EVENTS_PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_EVENTS_PAGE_SIZE = 50;

const fields = {
  type: z.enum(FEED_EVENT_TYPES),
  from: z.iso.date("expected a date as YYYY-MM-DD"),
  to: z.iso.date("expected a date as YYYY-MM-DD"),
  // An email (or part of one), an actor SID, or "automatic".
  actor: z.string().trim().min(1).max(254),
  sim: z.string().regex(/^DE[0-9a-fA-F]{32}$/, "expected a SIM SID (DE followed by 32 hex digits)"),
  page: z.coerce.number().int("expected a whole page number").min(1, "expected a page number of 1 or more"),
  pageSize: z.coerce.number().pipe(z.literal(EVENTS_PAGE_SIZES)),
};

// A GET form submits empty fields as "": treat them as "no filter".
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

export const eventsQuerySchema = z
  .object({
    type: optional(fields.type),
    from: optional(fields.from),
    to: optional(fields.to),
    actor: optional(fields.actor),
    sim: optional(fields.sim),
    page: fields.page.default(1),
    pageSize: fields.pageSize.default(DEFAULT_EVENTS_PAGE_SIZE),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ["to"],
    message: "expected an end date on or after the start date",
  });

export type EventsQuery = z.output<typeof eventsQuerySchema>;

function fromSchema<T>(schema: z.ZodType<T>) {
  return createParser<T>({
    parse: (value) => {
      const parsed = schema.safeParse(value);
      return parsed.success ? parsed.data : null;
    },
    serialize: String,
  });
}

export const eventsSearchParsers = {
  type: fromSchema(fields.type),
  from: fromSchema(fields.from),
  to: fromSchema(fields.to),
  actor: fromSchema(fields.actor),
  sim: fromSchema(fields.sim),
  page: fromSchema(fields.page).withDefault(1),
  pageSize: fromSchema(fields.pageSize).withDefault(DEFAULT_EVENTS_PAGE_SIZE),
};

export type EventsSearchState = inferParserType<typeof eventsSearchParsers>;

export const loadEventsSearchParams = createLoader(eventsSearchParsers);
export const serializeEventsSearch = createSerializer(eventsSearchParsers);

/**
 * The query for a URL state: absent values left out, so the server prefetch and the browser build
 * the same React Query key. A reversed date range is not an error on the page: the end date wins
 * and the start date is dropped.
 */
export function toEventsQuery(state: EventsSearchState): EventsQuery {
  const present = Object.fromEntries(Object.entries(state).filter(([, value]) => value !== null));
  if (typeof present.from === "string" && typeof present.to === "string" && present.from > present.to) {
    delete present.from;
  }
  return eventsQuerySchema.parse(present);
}

export function hasEventFilters(query: EventsQuery): boolean {
  return Boolean(query.type || query.from || query.to || query.actor || query.sim);
}
