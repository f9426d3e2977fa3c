import { describe, expect, it } from "vitest";
import { actionLabel, describeEventActor, formatChange, formatValue, requestLabel } from "./describe";

describe("timeline wording", () => {
  it("names console actions, including ones added later", () => {
    expect(actionLabel("sims.suspend")).toBe("Suspension");
    expect(actionLabel("sims.reset")).toBe("Connectivity reset");
    expect(actionLabel("sims.changeDataLimit")).toBe("Change data limit");
  });

  it("names a status request by the status it asked for", () => {
    const status = (after: string) => [{ field: "status", before: "active", after }];
    expect(requestLabel({ action: "sims.status", changes: status("suspended") })).toBe("Suspension");
    expect(requestLabel({ action: "sims.status", changes: status("deactivated") })).toBe("Deactivation");
    expect(
      requestLabel({ action: "sims.update", changes: [{ field: "ratePlan", before: "WP1", after: "WP2" }] }),
    ).toBe("Rate plan change");
    expect(
      requestLabel({ action: "sims.update", changes: [{ field: "friendlyName", before: "a", after: "b" }] }),
    ).toBe("Settings change");
  });

  it("shows values readably: status labels, none for empty", () => {
    expect(formatValue("status", "suspended")).toBe("Suspended");
    expect(formatValue("ratePlanSid", null)).toBe("none");
    expect(formatChange({ field: "ratePlanSid", before: "WP1", after: "WP2" })).toBe("Rate plan: WP1 → WP2");
  });

  it("says who made an upstream change", () => {
    expect(describeEventActor({ source: "twilio", actorSid: null, actorType: "system" })).toBe(
      "KORE (automatic)",
    );
    expect(describeEventActor({ source: "api", actorSid: "AC1", actorType: "account" })).toBe(
      "API, account AC1",
    );
    expect(describeEventActor({ source: "web", actorSid: "US1", actorType: "user" })).toBe(
      "KORE Console, user US1",
    );
  });
});
