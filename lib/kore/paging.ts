/**
 * Paging as the upstream defines it (sim-api.md §5.3): no totals, no jumping to page N; each
 * page links to the next and previous ones. The console keeps a page position in its own URL as
 * a cursor (`Page` + `PageToken` read from those links) and iterators follow the links verbatim.
 */
import { KoreError } from "./errors";
import type { PageMeta } from "./schemas";

export type PageCursor = { page: number; pageToken: string };

export type Page<T> = { items: T[]; meta: PageMeta };

/**
 * The cursor a paging link points at. `fallbackPage` is used when the link has no `Page`; a link
 * without a `PageToken` yields `pageToken: ""`, which the list params treat as absent.
 */
export function cursorFromPageUrl(url: string | null, fallbackPage: number | null): PageCursor | null {
  if (!url) return null;
  let query: URLSearchParams;
  try {
    query = new URL(url, "http://relative.invalid").searchParams;
  } catch {
    return null;
  }
  const rawPage = query.get("Page");
  const page = rawPage !== null && /^\d+$/.test(rawPage) ? Number(rawPage) : fallbackPage;
  if (page === null || page < 0) return null;
  return { page, pageToken: query.get("PageToken") ?? "" };
}

/** Cursors for the pages around `meta`, as the console's URL state keeps them. */
export function pageCursors(meta: PageMeta): { next: PageCursor | null; previous: PageCursor | null } {
  const current = meta.page;
  return {
    next: cursorFromPageUrl(meta.nextPageUrl, current === null ? null : current + 1),
    previous: cursorFromPageUrl(meta.previousPageUrl, current === null ? null : Math.max(0, current - 1)),
  };
}

/**
 * Every page from `first` on, following `next_page_url` until it is null. A link seen twice
 * means the upstream is looping; stop with an error rather than spin.
 */
export async function* followPages<T>(
  first: () => Promise<Page<T>>,
  next: (url: string) => Promise<Page<T>>,
): AsyncGenerator<Page<T>, void, undefined> {
  let page = await first();
  yield page;
  const seen = new Set<string>();
  while (page.meta.nextPageUrl) {
    const url = page.meta.nextPageUrl;
    if (seen.has(url)) {
      throw new KoreError({ code: "invalid_response", detail: "next_page_url repeats an earlier page" });
    }
    seen.add(url);
    page = await next(url);
    yield page;
  }
}

/** All items of all pages, in order. */
export async function collectItems<T>(pages: AsyncIterable<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) for (const item of page.items) items.push(item);
  return items;
}
