import { describe, expect, it } from "vitest";
import type { Sim } from "@/lib/kore/schemas";
import {
  changedSimSettings,
  simSettingsChangesSchema,
  simSettingsFieldErrors,
  simSettingsFromSim,
  simSettingsSchema,
  updateSimSettingsInputSchema,
} from "./sim-settings-schema";

const PLAN = "WP00000000000000000000000000000001";

const valid = {
  friendlyName: "Meter 1",
  uniqueName: "meter-1",
  commandsCallbackUrl: "https://example.test/commands",
  commandsCallbackMethod: "POST",
  ratePlan: PLAN,
  smsUrl: "",
  smsMethod: "POST",
  smsFallbackUrl: "",
  smsFallbackMethod: "POST",
  voiceUrl: "",
  voiceMethod: "GET",
  voiceFallbackUrl: "",
  voiceFallbackMethod: "POST",
};

describe("simSettingsSchema", () => {
  it("accepts a complete, valid form", () => {
    expect(simSettingsSchema.parse(valid)).toEqual(valid);
  });

  it.each([
    ["ftp://example.test/x", /absolute http/],
    ["example.test/commands", /absolute http/],
    ["/commands", /absolute http/],
    ["http:example.test", /absolute http/],
    ["javascript:alert(1)", /absolute http/],
    [`https://example.test/${"a".repeat(240)}`, /at most 255/],
  ])("refuses the callback URL %s", (url, message) => {
    expect(simSettingsFieldErrors({ commandsCallbackUrl: url }).commandsCallbackUrl).toMatch(message);
  });

  it("accepts http and https URLs up to 255 characters, and empty (clears it)", () => {
    const long = `https://example.test/${"a".repeat(255 - "https://example.test/".length)}`;
    expect(long).toHaveLength(255);
    for (const url of ["http://10.0.0.1:8080/cb?x=1", "https://example.test", long, ""]) {
      expect(simSettingsFieldErrors({ smsUrl: url })).toEqual({});
    }
  });

  it("allows only GET and POST as methods", () => {
    expect(simSettingsFieldErrors({ commandsCallbackMethod: "PUT" }).commandsCallbackMethod).toBe(
      "Choose GET or POST.",
    );
    expect(simSettingsFieldErrors({ voiceMethod: "get" }).voiceMethod).toBe("Choose GET or POST.");
  });

  it("refuses a unique name that looks like a SID, and names over 64 characters", () => {
    expect(simSettingsFieldErrors({ uniqueName: "DE0123456789abcdef0123456789abcdef" }).uniqueName).toMatch(
      /SID/,
    );
    expect(simSettingsFieldErrors({ friendlyName: "x".repeat(65) }).friendlyName).toMatch(/64/);
  });

  it("requires a rate plan SID", () => {
    expect(simSettingsFieldErrors({ ratePlan: "" }).ratePlan).toBe("Choose a rate plan.");
    expect(simSettingsFieldErrors({ ratePlan: "basic" }).ratePlan).toBe("Choose a rate plan.");
  });
});

describe("changes", () => {
  const sim = {
    friendlyName: "Meter 1",
    uniqueName: null,
    commandsCallbackUrl: "https://example.test/commands",
    commandsCallbackMethod: null,
    ratePlanSid: PLAN,
    smsUrl: null,
    smsMethod: "POST",
    smsFallbackUrl: null,
    smsFallbackMethod: null,
    voiceUrl: null,
    voiceMethod: "get",
    voiceFallbackUrl: null,
    voiceFallbackMethod: "POST",
  } as Sim;

  it("starts the form from the SIM, with unset methods as the documented default POST", () => {
    const initial = simSettingsFromSim(sim);
    expect(initial.uniqueName).toBe("");
    expect(initial.commandsCallbackMethod).toBe("POST");
    expect(initial.voiceMethod).toBe("GET");
  });

  it("returns only the fields that differ, trimmed", () => {
    const initial = simSettingsFromSim(sim);
    expect(changedSimSettings(initial, { ...initial })).toEqual({});
    expect(
      changedSimSettings(initial, {
        ...initial,
        friendlyName: " Meter 1 ",
        commandsCallbackUrl: " https://x.test/c ",
      }),
    ).toEqual({ commandsCallbackUrl: "https://x.test/c" });
  });

  it("the action input needs a SIM SID and at least one change, and refuses unknown fields", () => {
    const sid = "DE00000000000000000000000000000001";
    expect(updateSimSettingsInputSchema.safeParse({ sid, changes: { friendlyName: "x" } }).success).toBe(
      true,
    );
    expect(updateSimSettingsInputSchema.safeParse({ sid, changes: {} }).success).toBe(false);
    expect(
      updateSimSettingsInputSchema.safeParse({ sid: "meter-1", changes: { friendlyName: "x" } }).success,
    ).toBe(false);
    expect(simSettingsChangesSchema.safeParse({ status: "active" }).success).toBe(false);
  });
});
