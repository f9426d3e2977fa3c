import { describe, expect, it } from "vitest";
import { KoreError } from "./errors";
import { collectItems, cursorFromPageUrl, followPages, type Page, pageCursors } from "./paging";
import { pageMetaSchema } from "./schemas";

const meta = (over: Record<string, unknown> = {}) =>
  pageMetaSchema.parse({ page: 1, page_size: 2, next_page_url: null, previous_page_url: null, ...over });

describe("cursorFromPageUrl", () => {
  it("reads Page and PageToken from an absolute paging link", () => {
    const url =
      "https://programmable-wireless.api.korewireless.com/v1/Sims?Status=active&PageSize=50&Page=3&PageToken=PADE0123";
    expect(cursorFromPageUrl(url, null)).toEqual({ page: 3, pageToken: "PADE0123" });
  });

  it("decodes the token and falls back when Page is absent", () => {
    expect(cursorFromPageUrl("/v1/Sims?PageToken=PA%2Bx", 7)).toEqual({ page: 7, pageToken: "PA+x" });
    expect(cursorFromPageUrl("/v1/Sims?Page=2", null)).toEqual({ page: 2, pageToken: "" });
  });

  it("gives no cursor without a link or a page number", () => {
    expect(cursorFromPageUrl(null, 1)).toBeNull();
    expect(cursorFromPageUrl("/v1/Sims?PageToken=x", null)).toBeNull();
    expect(cursorFromPageUrl("/v1/Sims?Page=-1", null)).toBeNull();
  });

  it("derives next and previous from the meta block", () => {
    expect(
      pageCursors(
        meta({
          next_page_url: "https://h/v1/Sims?PageSize=2&Page=2&PageToken=PAb",
          previous_page_url: "https://h/v1/Sims?PageSize=2&Page=0&PageToken=PBa",
        }),
      ),
    ).toEqual({ next: { page: 2, pageToken: "PAb" }, previous: { page: 0, pageToken: "PBa" } });
    expect(pageCursors(meta())).toEqual({ next: null, previous: null });
  });
});

describe("followPages", () => {
  const page = (items: number[], next: string | null): Page<number> => ({
    items,
    meta: meta({ next_page_url: next }),
  });

  it("follows next links verbatim until there are none", async () => {
    const visited: string[] = [];
    const pages: Record<string, Page<number>> = { b: page([3, 4], "c"), c: page([5], null) };
    const items = await collectItems(
      followPages(
        async () => page([1, 2], "b"),
        async (url) => {
          visited.push(url);
          return pages[url] as Page<number>;
        },
      ),
    );
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(visited).toEqual(["b", "c"]);
  });

  it("stops with an error when the upstream links in a loop", async () => {
    const run = collectItems(
      followPages(
        async () => page([1], "x"),
        async () => page([2], "x"),
      ),
    );
    await expect(run).rejects.toBeInstanceOf(KoreError);
    await expect(run).rejects.toMatchObject({ code: "invalid_response" });
  });
});
