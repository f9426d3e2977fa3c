import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadSimSearchParams, resolveSimSearch } from "@/lib/sims/search-params";
import { toSimListWire } from "@/lib/sims/sim-list-wire";
import type { SimListPage, SimRow } from "@/lib/sims/sim-row";
import { simKeys, simListQueryOptions, simListRefetchInterval, TRANSIENT_REFETCH_MS } from "./sims";

function row(overrides: Partial<SimRow> = {}): SimRow {
  return {
    sid: "DE00000000000000000000000000000001",
    uniqueName: null,
    friendlyName: "Meter",
    iccid: "89014103211118510720",
    status: "active",
    resetStatus: null,
    ratePlanSid: null,
    dateCreated: null,
    dateUpdated: null,
    ...overrides,
  };
}

const page = (sims: SimRow[]): SimListPage => ({ sims, page: 0, pageSize: 50, next: null, previous: null });

function queryFor(search: string) {
  const result = resolveSimSearch(loadSimSearchParams(search));
  if (!result.ok) throw new Error("expected a valid search");
  return result.query;
}

afterEach(() => vi.unstubAllGlobals());

describe("simListRefetchInterval", () => {
  it("refetches while a SIM on the page is updating, scheduled or resetting, and stops when all settle", () => {
    expect(simListRefetchInterval(page([row(), row({ status: "updating" })]))).toBe(TRANSIENT_REFETCH_MS);
    expect(simListRefetchInterval(page([row({ status: "scheduled" })]))).toBe(TRANSIENT_REFETCH_MS);
    expect(simListRefetchInterval(page([row({ resetStatus: "resetting" })]))).toBe(TRANSIENT_REFETCH_MS);
    expect(simListRefetchInterval(page([row(), row({ status: "suspended" })]))).toBe(false);
    expect(simListRefetchInterval(undefined)).toBe(false);
  });
});

describe("simListQueryOptions", () => {
  it("keys a URL the same however its params are ordered or spaced", () => {
    const a = simListQueryOptions(queryFor("?status=active&pageSize=100&ratePlan=WP1"));
    const b = simListQueryOptions(queryFor("?ratePlan=%20WP1%20&pageSize=100&status=active"));
    const client = new QueryClient();
    client.setQueryData(a.queryKey, page([row()]));
    expect(client.getQueryData(b.queryKey)).toEqual(page([row()]));
    expect(a.queryKey.slice(0, 2)).toEqual(simKeys.lists());
  });

  it("fetches the GET route with the table's own param names, and caches its rows as objects", async () => {
    const sent = page([row(), { ...row(), sid: "DE2", uniqueName: "pump-2", resetStatus: "resetting" }]);
    const fetchMock = vi.fn(async () => Response.json(toSimListWire(sent)));
    vi.stubGlobal("fetch", fetchMock);
    const client = new QueryClient();
    const cached = await client.fetchQuery(
      simListQueryOptions(queryFor("?status=suspended&pageSize=1000&page=2&pageToken=PADE1")),
    );
    expect(cached).toEqual(sent);
    expect(fetchMock).toHaveBeenCalledWith(
      "/api/sims?status=suspended&pageSize=1000&page=2&pageToken=PADE1",
      expect.objectContaining({ cache: "no-store" }),
    );
  });

  it("never fetches a search that must not be sent", async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal("fetch", fetchMock);
    const client = new QueryClient();
    const options = simListQueryOptions(null);
    await expect(client.fetchQuery(options)).rejects.toThrow();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("turns a route's error body into an error carrying the user-safe message and status", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        Response.json(
          { error: { code: "20503", message: "KORE is temporarily unavailable." } },
          { status: 502 },
        ),
      ),
    );
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    await expect(client.fetchQuery(simListQueryOptions(queryFor("")))).rejects.toMatchObject({
      status: 502,
      code: "20503",
      message: "KORE is temporarily unavailable.",
    });
  });
});
