import { describe, expect, it } from "vitest";
import { SIM_STATUSES } from "@/lib/kore/sim-status";
import { getStatusInfo, isSimTransient, STATUS_OPTIONS } from "./status-info";

describe("getStatusInfo", () => {
  it("describes every documented status with a label, meaning, billing effect and tone", () => {
    for (const status of SIM_STATUSES) {
      const info = getStatusInfo(status);
      expect(info.status).toBe(status);
      expect(info.label).toMatch(/^[A-Z][a-z]+$/);
      expect(info.meaning.length, status).toBeGreaterThan(20);
      expect(info.billing.length, status).toBeGreaterThan(5);
    }
  });

  it("states the billing rules of sim-api.md §8.1", () => {
    expect(getStatusInfo("ready").billing).toMatch(/no monthly fee/i);
    expect(getStatusInfo("active").billing).toMatch(/billable/i);
    expect(getStatusInfo("suspended").billing).toMatch(/3 months.*suspended-SIM monthly fee/);
    expect(getStatusInfo("deactivated").meaning).toMatch(/Canceled automatically after 72 hours/);
    expect(getStatusInfo("canceled").meaning).toMatch(/never be reactivated/);
    expect(getStatusInfo("ready").meaning).toMatch(/250 KB.*5 Commands.*3 months/);
  });

  it("marks only updating and scheduled as transient", () => {
    const transient = SIM_STATUSES.filter((s) => getStatusInfo(s).transient);
    expect(transient.sort()).toEqual(["scheduled", "updating"]);
  });

  it("describes a status the upstream added later without pretending to know it", () => {
    const info = getStatusInfo("deleted");
    expect(info).toMatchObject({ label: "Deleted", billing: "Unknown.", tone: "neutral", transient: false });
    expect(info.meaning).toContain('"deleted"');
  });
});

describe("isSimTransient", () => {
  it("is true while a status change or a connectivity reset is in flight", () => {
    expect(isSimTransient({ status: "updating", resetStatus: null })).toBe(true);
    expect(isSimTransient({ status: "scheduled" })).toBe(true);
    expect(isSimTransient({ status: "active", resetStatus: "resetting" })).toBe(true);
    expect(isSimTransient({ status: "active", resetStatus: null })).toBe(false);
    expect(isSimTransient({ status: "suspended" })).toBe(false);
  });
});

describe("STATUS_OPTIONS", () => {
  it("offers the eight statuses with human labels in lifecycle order", () => {
    expect(STATUS_OPTIONS).toHaveLength(8);
    expect(STATUS_OPTIONS[0]).toEqual({ value: "new", label: "New" });
    expect(STATUS_OPTIONS.map((o) => o.label)).toContain("Deactivated");
  });
});
