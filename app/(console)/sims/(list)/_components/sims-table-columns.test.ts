import { describe, expect, it } from "vitest";
import { SIM_COLUMN_IDS } from "@/lib/sims/table-columns";
import { getSimsTableColumns, ratePlanLabel } from "./sims-table-columns";

describe("getSimsTableColumns", () => {
  it("declares the columns the saved preference knows, in the same order, each with a label", () => {
    const columns = getSimsTableColumns(new Map());
    expect(columns.map((c) => c.id)).toEqual([...SIM_COLUMN_IDS]);
    expect(columns.map((c) => c.meta?.label)).toEqual([
      "ICCID",
      "Name",
      "Status",
      "Rate plan",
      "Reset",
      "Created",
      "Updated",
    ]);
    expect(columns.find((c) => c.id === "iccid")?.enableHiding).toBe(false);
  });

  it("labels rate plans by name and falls back to the SID it cannot name", () => {
    const names = new Map([["WP1", "IoT Basic"]]);
    expect(ratePlanLabel("WP1", names)).toBe("IoT Basic");
    expect(ratePlanLabel("WP2", names)).toBe("WP2");
    expect(ratePlanLabel(null, names)).toBe("");
  });
});
