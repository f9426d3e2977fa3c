import { describe, expect, it } from "vitest";
import { fromSimListWire, SIM_ROW_COLUMNS, toSimListWire } from "./sim-list-wire";
import type { SimListPage, SimRow } from "./sim-row";

const row = (i: number): SimRow => ({
  sid: `DE${String(i).padStart(32, "0")}`,
  uniqueName: i % 2 ? null : `tracker-${i}`,
  friendlyName: i % 3 ? `Pump “${i}” ünï` : null,
  iccid: `8901${String(i).padStart(15, "0")}`,
  status: i % 5 ? "active" : "suspended",
  resetStatus: i % 7 ? null : "resetting",
  ratePlanSid: `WP${i % 4}`,
  dateCreated: "2026-01-01T00:00:00Z",
  dateUpdated: i % 2 ? null : "2026-02-01T00:00:00Z",
});

const page: SimListPage = {
  sims: Array.from({ length: 1000 }, (_, i) => row(i)),
  page: 2,
  pageSize: 1000,
  next: { page: 3, pageToken: "PADE3" },
  previous: { page: 1, pageToken: "PBDE1" },
};

describe("the SIM list wire format", () => {
  it("gives back exactly the page it was made from, through JSON", () => {
    const wire = JSON.parse(JSON.stringify(toSimListWire(page)));
    expect(fromSimListWire(wire)).toEqual(page);
    expect(fromSimListWire(toSimListWire({ ...page, sims: [], next: null }))).toEqual({
      ...page,
      sims: [],
      next: null,
    });
  });

  it("sends each row as its values in column order, and is much smaller than objects", () => {
    const wire = toSimListWire(page);
    expect(wire.columns).toEqual(SIM_ROW_COLUMNS);
    expect(wire.rows[1]).toEqual(SIM_ROW_COLUMNS.map((c) => page.sims[1]?.[c]));
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(page).length * 0.7);
  });

  it("refuses rows whose columns are not the ones it knows, rather than mislabel them", () => {
    const wire = toSimListWire(page);
    const swapped = ["uniqueName", "sid", ...SIM_ROW_COLUMNS.slice(2)];
    expect(() => fromSimListWire({ ...wire, columns: swapped })).toThrow(/unexpected columns/);
    expect(() => fromSimListWire({ ...wire, columns: SIM_ROW_COLUMNS.slice(1) })).toThrow(/Reload/);
  });
});
