import { describe, expect, it } from "vitest";
import { actionLabel, describeEventActor, formatChange, formatValue } from "./describe";

describe("timeline wording", () => {
  it("names console actions, including ones added later", () => {
    expect(actionLabel("sims.suspend")).toBe("Suspension");
    expect(actionLabel("sims.reset")).toBe("Connectivity reset");
    expect(actionLabel("sims.changeDataLimit")).toBe("Change data limit");
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
