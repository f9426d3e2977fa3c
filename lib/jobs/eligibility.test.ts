import { describe, expect, it } from "vitest";
import { checkEligibility, type EligibleSim, targetReached } from "./eligibility";
import type { JobSpec } from "./job-spec";

const PLAN_A = `WP${"a".repeat(32)}`;
const PLAN_B = `WP${"b".repeat(32)}`;
const SUB = `AC${"1".repeat(32)}`;
const PARENT = `AC${"2".repeat(32)}`;

function sim(overrides: Partial<EligibleSim> = {}): EligibleSim {
  return {
    sid: `DE${"0".repeat(32)}`,
    status: "active",
    ratePlanSid: PLAN_A,
    resetStatus: null,
    commandsCallbackUrl: null,
    commandsCallbackMethod: null,
    accountSid: PARENT,
    ...overrides,
  };
}

function reason(spec: JobSpec, s: EligibleSim, context = {}) {
  const result = checkEligibility(spec, s, context);
  return result.eligible ? null : result.reason;
}

describe("checkEligibility", () => {
  it("activate: from suspended, ready and new (with a rate plan); not when already active", () => {
    expect(reason({ action: "activate" }, sim({ status: "suspended" }))).toBeNull();
    expect(reason({ action: "activate" }, sim({ status: "ready" }))).toBeNull();
    expect(reason({ action: "activate" }, sim({ status: "new" }))).toBeNull();
    expect(reason({ action: "activate" }, sim({ status: "active" }))).toBe("The SIM is already Active.");
    expect(reason({ action: "activate" }, sim({ status: "new", ratePlanSid: null }))).toMatch(/no rate plan/);
    expect(reason({ action: "activate" }, sim({ status: "canceled" }))).toMatch(
      /Canceled SIM cannot become Active/,
    );
  });

  it("suspend: active and ready only; transitional SIMs wait", () => {
    expect(reason({ action: "suspend" }, sim())).toBeNull();
    expect(reason({ action: "suspend" }, sim({ status: "ready" }))).toBeNull();
    expect(reason({ action: "suspend" }, sim({ status: "suspended" }))).toBe("The SIM is already Suspended.");
    expect(reason({ action: "suspend" }, sim({ status: "new" }))).toMatch(/New SIM cannot become Suspended/);
    expect(reason({ action: "suspend" }, sim({ status: "updating" }))).toMatch(/already in progress/);
    expect(reason({ action: "suspend" }, sim({ status: "scheduled" }))).toMatch(/already in progress/);
    expect(reason({ action: "suspend" }, sim({ status: "brand-new-status" }))).toMatch(
      /does not know status/,
    );
  });

  it("deactivate: from any live status, not twice, never from canceled", () => {
    for (const status of ["new", "ready", "active", "suspended"]) {
      expect(reason({ action: "deactivate" }, sim({ status }))).toBeNull();
    }
    expect(reason({ action: "deactivate" }, sim({ status: "deactivated" }))).toBe(
      "The SIM is already Deactivated.",
    );
    expect(reason({ action: "deactivate" }, sim({ status: "canceled" }))).toMatch(/Canceled is final/);
  });

  it("rate plan: not the plan it already has, not while updating, not when canceled", () => {
    const spec: JobSpec = { action: "ratePlan", ratePlan: PLAN_B };
    const ok = checkEligibility(spec, sim());
    expect(ok).toEqual({ eligible: true, before: { ratePlan: PLAN_A }, after: { ratePlan: PLAN_B } });
    expect(reason(spec, sim({ ratePlanSid: PLAN_B }))).toBe("The SIM is already on this rate plan.");
    expect(reason(spec, sim({ status: "updating" }))).toMatch(/already in progress/);
    expect(reason(spec, sim({ status: "canceled" }))).toMatch(/retired/);
  });

  it("commands callback: only where URL or method differ", () => {
    const spec: JobSpec = {
      action: "callback",
      commandsCallbackUrl: "https://x.test/c",
      commandsCallbackMethod: "POST",
    };
    expect(checkEligibility(spec, sim())).toMatchObject({
      eligible: true,
      before: { commandsCallbackUrl: null, commandsCallbackMethod: "POST" },
      after: { commandsCallbackUrl: "https://x.test/c", commandsCallbackMethod: "POST" },
    });
    expect(
      reason(spec, sim({ commandsCallbackUrl: "https://x.test/c", commandsCallbackMethod: null })),
    ).toMatch(/already uses/);
    expect(
      reason(spec, sim({ commandsCallbackUrl: "https://x.test/c", commandsCallbackMethod: "GET" })),
    ).toBeNull();
    expect(reason(spec, sim({ status: "canceled" }))).toMatch(/retired/);
  });

  it("reset: active or ready, not while resetting, not within the cooldown", () => {
    const now = new Date("2026-01-01T12:00:00Z");
    expect(reason({ action: "reset" }, sim())).toBeNull();
    expect(reason({ action: "reset" }, sim({ status: "suspended" }))).toMatch(/Only an Active or Ready SIM/);
    expect(reason({ action: "reset" }, sim({ resetStatus: "resetting" }))).toBe(
      "A connectivity reset is already running.",
    );
    const recent = { lastResetAt: new Date("2026-01-01T11:58:00Z"), resetCooldownSeconds: 300, now };
    expect(reason({ action: "reset" }, sim(), recent)).toBe(
      "The SIM was reset recently; the next reset is allowed in 3 min.",
    );
    const old = { lastResetAt: new Date("2026-01-01T11:50:00Z"), resetCooldownSeconds: 300, now };
    expect(reason({ action: "reset" }, sim(), old)).toBeNull();
  });

  it("move: only New SIMs, and not into the account they are in", () => {
    const spec: JobSpec = { action: "move", accountSid: SUB };
    expect(reason(spec, sim({ status: "new" }))).toBeNull();
    expect(reason(spec, sim({ status: "active" }))).toMatch(/Only a New SIM can move/);
    expect(reason(spec, sim({ status: "new", accountSid: SUB }))).toBe("The SIM is already in that account.");
  });
});

describe("targetReached", () => {
  it("recognises a change that already arrived", () => {
    expect(targetReached({ action: "suspend" }, sim({ status: "suspended" }), null)).toBe(true);
    expect(targetReached({ action: "suspend" }, sim({ status: "updating" }), null)).toBe(false);
    expect(targetReached({ action: "deactivate" }, sim({ status: "canceled" }), null)).toBe(true);
    expect(targetReached({ action: "ratePlan", ratePlan: PLAN_B }, sim({ ratePlanSid: PLAN_B }), null)).toBe(
      true,
    );
    expect(targetReached({ action: "move", accountSid: SUB }, sim({ accountSid: SUB }), null)).toBe(true);
  });

  it("counts a reset as arrived only if the SIM was not resetting before", () => {
    const resetting = sim({ resetStatus: "resetting" });
    expect(targetReached({ action: "reset" }, resetting, { resetStatus: null })).toBe(true);
    expect(targetReached({ action: "reset" }, resetting, { resetStatus: "resetting" })).toBe(false);
    expect(targetReached({ action: "reset" }, sim(), { resetStatus: null })).toBe(false);
  });
});
