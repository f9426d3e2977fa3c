import { describe, expect, it } from "vitest";
import { ACTIONS, can, ROLES } from "./permissions";

describe("can", () => {
  it("lets a viewer read but change nothing", () => {
    const viewer = { role: "viewer" };
    expect(can(viewer, "sims.read")).toBe(true);
    for (const action of ACTIONS.filter((a) => !/read|export/.test(a))) {
      expect(can(viewer, action), action).toBe(false);
    }
  });

  it("gives support reset, operator status and settings, admin the rest", () => {
    expect(can({ role: "support" }, "sims.reset")).toBe(true);
    expect(can({ role: "support" }, "sims.update")).toBe(false);
    expect(can({ role: "operator" }, "sims.suspend")).toBe(true);
    expect(can({ role: "operator" }, "sims.deactivate")).toBe(false);
    expect(can({ role: "operator" }, "sims.move")).toBe(false);
    expect(can({ role: "admin" }, "sims.move")).toBe(true);
    expect(can({ role: "admin" }, "users.manage")).toBe(true);
  });

  it("refuses anonymous, disabled and unknown-role users everything", () => {
    for (const action of ACTIONS) {
      expect(can(null, action)).toBe(false);
      expect(can({ role: "admin", disabled: true }, action)).toBe(false);
      expect(can({ role: "superuser" }, action)).toBe(false);
    }
  });

  it("is monotonic: a higher role can do everything a lower one can", () => {
    for (const action of ACTIONS) {
      let allowedBefore = false;
      for (const role of ROLES) {
        const allowed = can({ role }, action);
        if (allowedBefore) expect(allowed, `${role} ${action}`).toBe(true);
        allowedBefore = allowed;
      }
    }
  });
});
