import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { SIM_STATUSES } from "@/lib/kore/sim-status";
import {
  allowedStatusTargets,
  checkDelete,
  checkMove,
  checkRatePlanChange,
  checkReset,
  checkStatusChange,
  statusTargetsFrom,
} from "./transitions";

const as = (role: Role) => ({ role, disabled: false });

describe("status targets offered per status and role", () => {
  // Every cell spelled out: a change to the table or the matrix must change this test.
  const expected: Record<string, Record<Role, string[]>> = {
    new: { viewer: [], support: [], operator: ["active"], admin: ["ready", "active", "deactivated"] },
    ready: {
      viewer: [],
      support: [],
      operator: ["active", "suspended"],
      admin: ["active", "suspended", "deactivated"],
    },
    active: { viewer: [], support: [], operator: ["suspended"], admin: ["suspended", "deactivated"] },
    suspended: { viewer: [], support: [], operator: ["active"], admin: ["active", "deactivated"] },
    deactivated: { viewer: [], support: [], operator: [], admin: [] },
    canceled: { viewer: [], support: [], operator: [], admin: [] },
    scheduled: { viewer: [], support: [], operator: [], admin: [] },
    updating: { viewer: [], support: [], operator: [], admin: [] },
  };

  for (const status of SIM_STATUSES) {
    for (const role of ROLES) {
      it(`${status} × ${role}`, () => {
        expect(allowedStatusTargets(status, as(role))).toEqual(expected[status]?.[role]);
      });
    }
  }

  it("offers nothing to a disabled user, nobody signed in, or for a status it does not know", () => {
    expect(allowedStatusTargets("active", { role: "admin", disabled: true })).toEqual([]);
    expect(allowedStatusTargets("active", null)).toEqual([]);
    expect(statusTargetsFrom("deleted")).toEqual([]);
  });
});

describe("checkStatusChange", () => {
  it("allows what the table allows", () => {
    expect(checkStatusChange("active", "suspended")).toEqual({ ok: true });
    expect(checkStatusChange("new", "ready")).toEqual({ ok: true });
  });

  it("explains a change in flight, a no-op and a forbidden transition", () => {
    expect(checkStatusChange("updating", "active")).toMatchObject({
      ok: false,
      reason: /already in progress/,
    });
    expect(checkStatusChange("scheduled", "active")).toMatchObject({
      ok: false,
      reason: /already in progress/,
    });
    expect(checkStatusChange("active", "active")).toMatchObject({
      ok: false,
      reason: "The SIM is already Active.",
    });
    expect(checkStatusChange("active", "ready")).toMatchObject({ ok: false, reason: /cannot become Ready/ });
    expect(checkStatusChange("deactivated", "active")).toMatchObject({ ok: false, reason: /permanent/ });
    expect(checkStatusChange("canceled", "active")).toMatchObject({ ok: false, reason: /final/ });
  });
});

describe("other operations per status", () => {
  it("resets only active or ready SIMs that are not resetting already", () => {
    expect(checkReset({ status: "active", resetStatus: null })).toEqual({ ok: true });
    expect(checkReset({ status: "ready" })).toEqual({ ok: true });
    expect(checkReset({ status: "suspended" })).toMatchObject({
      ok: false,
      reason: /Only an Active or Ready SIM/,
    });
    expect(checkReset({ status: "active", resetStatus: "resetting" })).toMatchObject({
      ok: false,
      reason: /already running/,
    });
  });

  it("moves only new SIMs and says why otherwise", () => {
    expect(checkMove("new")).toEqual({ ok: true });
    expect(checkMove("active")).toMatchObject({
      ok: false,
      reason: /Only a New SIM can move.*this one is Active/,
    });
  });

  it("deletes only new, deactivated and canceled SIMs", () => {
    const deletable = SIM_STATUSES.filter((s) => checkDelete(s).ok);
    expect(deletable).toEqual(["new", "deactivated", "canceled"]);
    expect(checkDelete("active")).toMatchObject({ ok: false, reason: /deactivate it first/ });
  });

  it("refuses rate plan changes while a change is in flight or once canceled", () => {
    expect(checkRatePlanChange("active")).toEqual({ ok: true });
    expect(checkRatePlanChange("updating").ok).toBe(false);
    expect(checkRatePlanChange("canceled").ok).toBe(false);
  });
});
