import { describe, expect, it } from "vitest";
import { ICCID_LUHN_WARNING } from "./iccid";
import {
  CLEAR_FILTERS,
  filterChange,
  hasActiveFilters,
  loadSimSearchParams,
  pageLinkState,
  resolveSimSearch,
  serializeSimSearch,
  shownRowRange,
  toUpstreamListParams,
} from "./search-params";

const ICCID = "89014103211118510720"; // 20 digits with a valid Luhn check digit

describe("loadSimSearchParams (URL → state)", () => {
  it("applies the defaults to an empty URL", () => {
    expect(loadSimSearchParams("")).toEqual({
      status: null,
      iccid: null,
      ratePlan: null,
      registrationCode: null,
      eid: null,
      pageSize: 50,
      page: 1,
      pageToken: null,
    });
  });

  it("reads every filter and the pager from a deep link", () => {
    const state = loadSimSearchParams(
      `?status=suspended&iccid=${ICCID}&ratePlan=iot-basic&registrationCode=REG-1&eid=89049&pageSize=1000&page=3&pageToken=PADE0123`,
    );
    expect(state).toEqual({
      status: "suspended",
      iccid: ICCID,
      ratePlan: "iot-basic",
      registrationCode: "REG-1",
      eid: "89049",
      pageSize: 1000,
      page: 3,
      pageToken: "PADE0123",
    });
  });

  it("drops values that break the rules instead of failing the page", () => {
    const state = loadSimSearchParams(
      "?status=sleeping&pageSize=75&page=0&pageToken=has%20space&ratePlan=%20%20&eid=" + "x".repeat(65),
    );
    expect(state).toMatchObject({
      status: null,
      pageSize: 50,
      page: 1,
      pageToken: null,
      ratePlan: null,
      eid: null,
    });
    expect(loadSimSearchParams("?page=-2").page).toBe(1);
    expect(loadSimSearchParams("?page=1.5").page).toBe(1);
    expect(loadSimSearchParams("?pageSize=abc").pageSize).toBe(50);
  });

  it("accepts each of the offered page sizes", () => {
    for (const size of [25, 50, 100, 250, 500, 1000]) {
      expect(loadSimSearchParams(`?pageSize=${size}`).pageSize).toBe(size);
    }
  });

  it("keeps an ICCID as typed so the page can say why it was not searched", () => {
    expect(loadSimSearchParams("?iccid=8901-abc").iccid).toBe("8901-abc");
  });
});

describe("serializeSimSearch (state → URL)", () => {
  it("round-trips through the loader and leaves defaults and empty values out", () => {
    const state = loadSimSearchParams("?status=active&ratePlan=WP1&page=2&pageToken=PADEab&pageSize=100");
    const url = serializeSimSearch(state);
    expect(url).toBe("?status=active&ratePlan=WP1&pageSize=100&page=2&pageToken=PADEab");
    expect(loadSimSearchParams(url)).toEqual(state);
    expect(serializeSimSearch({ pageSize: 50, page: 1, status: null })).toBe("");
  });

  it("encodes values that need it", () => {
    const url = serializeSimSearch({ registrationCode: "A&B=C" });
    expect(loadSimSearchParams(url).registrationCode).toBe("A&B=C");
  });
});

describe("filter changes", () => {
  it("return to the first page and drop the cursor", () => {
    expect(filterChange({ status: "active" })).toEqual({ status: "active", page: null, pageToken: null });
  });

  it("clear every filter but keep the page size", () => {
    expect(CLEAR_FILTERS).toEqual({
      status: null,
      iccid: null,
      ratePlan: null,
      registrationCode: null,
      eid: null,
      page: null,
      pageToken: null,
    });
    expect(CLEAR_FILTERS).not.toHaveProperty("pageSize");
  });

  it("knows whether any filter is active", () => {
    expect(hasActiveFilters(loadSimSearchParams("?page=2&pageSize=100"))).toBe(false);
    expect(hasActiveFilters(loadSimSearchParams("?eid=1"))).toBe(true);
  });
});

describe("resolveSimSearch", () => {
  it("builds the query without absent values, so server and browser agree on the key", () => {
    const result = resolveSimSearch(loadSimSearchParams("?status=active&page=2&pageToken=PADE1"));
    expect(result).toEqual({
      ok: true,
      query: { status: "active", pageSize: 50, page: 2, pageToken: "PADE1" },
    });
    if (result.ok) expect(Object.keys(result.query)).not.toContain("iccid");
  });

  it("normalises the ICCID and refuses an invalid one without a query", () => {
    const spaced = resolveSimSearch(loadSimSearchParams(`?iccid=${ICCID.replace(/(\d{4})/g, "$1 ")}`));
    expect(spaced).toMatchObject({ ok: true, query: { iccid: ICCID } });
    expect(resolveSimSearch(loadSimSearchParams("?iccid=123"))).toEqual({
      ok: false,
      fieldErrors: { iccid: "An ICCID has 18 to 22 digits; this has 3." },
    });
  });

  it("passes the Luhn warning along with the query", () => {
    const result = resolveSimSearch(loadSimSearchParams("?iccid=89014103211118510721"));
    expect(result).toMatchObject({ ok: true, iccidWarning: ICCID_LUHN_WARNING });
  });
});

describe("paging helpers", () => {
  it("turn the upstream's 0-based page links into 1-based URL state", () => {
    expect(pageLinkState({ page: 1, pageToken: "PADEz" })).toEqual({ page: 2, pageToken: "PADEz" });
    expect(pageLinkState({ page: 0, pageToken: "PBDEa" })).toEqual({ page: 1, pageToken: "PBDEa" });
    expect(pageLinkState({ page: 0, pageToken: "" })).toEqual({ page: 1, pageToken: null });
  });

  it("compute the rows shown on a page", () => {
    expect(shownRowRange(1, 50, 50)).toEqual({ first: 1, last: 50 });
    expect(shownRowRange(3, 1000, 412)).toEqual({ first: 2001, last: 2412 });
    expect(shownRowRange(1, 50, 0)).toBeNull();
  });
});

describe("toUpstreamListParams", () => {
  it("maps URL names to the KORE client's and the 1-based page to the upstream's 0-based index", () => {
    const result = resolveSimSearch(
      loadSimSearchParams(
        `?status=active&iccid=${ICCID}&ratePlan=WP1&registrationCode=R1&eid=E1&pageSize=250&page=3&pageToken=PADEx`,
      ),
    );
    if (!result.ok) throw new Error("expected a valid query");
    expect(toUpstreamListParams(result.query)).toEqual({
      status: "active",
      iccid: ICCID,
      ratePlan: "WP1",
      simRegistrationCode: "R1",
      eId: "E1",
      pageSize: 250,
      page: 2,
      pageToken: "PADEx",
    });
    expect(toUpstreamListParams({ pageSize: 50, page: 1 })).toMatchObject({ page: 0, pageSize: 50 });
  });
});
