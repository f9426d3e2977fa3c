import { describe, expect, it } from "vitest";
import {
  eventsQuerySchema,
  loadEventsSearchParams,
  serializeEventsSearch,
  toEventsQuery,
} from "./events-query";

describe("the /events URL state", () => {
  it("reads filters from the URL and drops what does not parse instead of failing the page", () => {
    const state = loadEventsSearchParams(
      "?type=wireless-sim.updated&from=2026-11-01&to=nonsense&actor=olga&page=2&pageSize=7&sim=DE123",
    );
    expect(toEventsQuery(state)).toEqual({
      type: "wireless-sim.updated",
      from: "2026-11-01",
      actor: "olga",
      page: 2,
      pageSize: 50,
    });
  });

  it("keeps the end of a reversed date range", () => {
    expect(toEventsQuery(loadEventsSearchParams("?from=2026-11-30&to=2026-11-01"))).toMatchObject({
      to: "2026-11-01",
    });
    expect(toEventsQuery(loadEventsSearchParams("?from=2026-11-30&to=2026-11-01")).from).toBeUndefined();
  });

  it("writes short links: defaults and empty values left out", () => {
    expect(
      serializeEventsSearch({ type: "wireless-sim.connection.updated", page: 1, pageSize: 50, actor: null }),
    ).toBe("?type=wireless-sim.connection.updated");
  });

  it("is strict in the API: bad values are a 400 with the field named", () => {
    const parsed = eventsQuerySchema.safeParse({ type: "sim.deleted", from: "2026-11-30", to: "2026-11-01" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path[0])).toEqual(["type"]);
    const reversed = eventsQuerySchema.safeParse({ from: "2026-11-30", to: "2026-11-01" });
    expect(reversed.error?.issues.map((i) => i.path[0])).toEqual(["to"]);
    expect(eventsQuerySchema.parse({ type: "", actor: "  " })).toEqual({ page: 1, pageSize: 50 });
  });
});
