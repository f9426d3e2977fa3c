import { errors } from "./errors";

/**
 * Twilio-style paging shared by every list: `PageSize` (1–1000, default 50), `Page` (echoed,
 * client state) and `PageToken` = "PA" + key of the last item (next page) or "PB" + key of the
 * first item (previous page). Cursors are positions in a fixed order, so pages stay correct
 * while items are added, changed or deleted between requests.
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export type PageQuery = {
  pageSize: number;
  page: number;
  token: { direction: "after" | "before"; value: string } | undefined;
};

export type PageSlice<T> = { items: T[]; hasNext: boolean; hasPrevious: boolean };

export function parsePaging(query: URLSearchParams): PageQuery {
  const pageSize = integerParam(query.get("PageSize"), "PageSize", DEFAULT_PAGE_SIZE);
  if (pageSize < 1 || pageSize > MAX_PAGE_SIZE)
    throw errors.invalidPaging("PageSize must be between 1 and 1000");
  const page = integerParam(query.get("Page"), "Page", 0);
  if (page < 0) throw errors.invalidPaging("Page must be a non-negative integer");
  const raw = query.get("PageToken");
  let token: PageQuery["token"];
  if (raw !== null && raw !== "") {
    const match = /^P([AB])(.{1,200})$/.exec(raw);
    if (!match) throw errors.invalidPaging("PageToken was not issued by this API");
    token = { direction: match[1] === "A" ? "after" : "before", value: match[2] as string };
  }
  return { pageSize, page, token };
}

/**
 * One page of `items` (already filtered, sorted by ascending `orderOf`). `resolve` turns a token
 * value back into an order position, or undefined when the token is not ours.
 */
export function pageOf<T>(
  items: T[],
  query: PageQuery,
  orderOf: (item: T) => number,
  resolve: (value: string) => number | undefined,
): PageSlice<T> {
  const size = query.pageSize;
  if (!query.token) {
    const start = query.page * size;
    return {
      items: items.slice(start, start + size),
      hasNext: start + size < items.length,
      hasPrevious: start > 0,
    };
  }
  const position = resolve(query.token.value);
  if (position === undefined) throw errors.invalidPaging("PageToken was not issued by this API");
  if (query.token.direction === "after") {
    const start = lowerBound(items, orderOf, position, true);
    return {
      items: items.slice(start, start + size),
      hasNext: start + size < items.length,
      hasPrevious: start > 0,
    };
  }
  const end = lowerBound(items, orderOf, position, false);
  const start = Math.max(0, end - size);
  return { items: items.slice(start, end), hasNext: end < items.length, hasPrevious: start > 0 };
}

export type MetaInput = {
  origin: string;
  path: string;
  /** Filters in the order they should appear in URLs; absent values are skipped. */
  filters: [name: string, value: string | undefined][];
  key: string;
  query: PageQuery;
  firstKey: string | undefined;
  lastKey: string | undefined;
  hasNext: boolean;
  hasPrevious: boolean;
};

export function buildMeta(input: MetaInput) {
  const { query } = input;
  const url = (page: number, token?: string) => {
    const parts = input.filters
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
    parts.push(`PageSize=${query.pageSize}`, `Page=${page}`);
    if (token) parts.push(`PageToken=${encodeURIComponent(token)}`);
    return `${input.origin}${input.path}?${parts.join("&")}`;
  };
  const current = query.token
    ? `P${query.token.direction === "after" ? "A" : "B"}${query.token.value}`
    : undefined;
  return {
    page: query.page,
    page_size: query.pageSize,
    first_page_url: url(0),
    previous_page_url:
      input.hasPrevious && input.firstKey !== undefined
        ? url(Math.max(0, query.page - 1), `PB${input.firstKey}`)
        : null,
    url: url(query.page, current),
    next_page_url:
      input.hasNext && input.lastKey !== undefined ? url(query.page + 1, `PA${input.lastKey}`) : null,
    key: input.key,
  };
}

function integerParam(value: string | null, name: string, fallback: number): number {
  if (value === null || value === "") return fallback;
  if (!/^-?\d{1,9}$/.test(value)) throw errors.invalidPaging(`${name} must be an integer`);
  return Number(value);
}

/** First index whose order is > position (strict) or >= position (not strict). */
function lowerBound<T>(items: T[], orderOf: (item: T) => number, position: number, strict: boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const order = orderOf(items[mid] as T);
    if (strict ? order <= position : order < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
