import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeNextPath, signInPath } from "./safe-next";

describe("safeNextPath", () => {
  it.each([
    ["/sims", "/sims"],
    ["/sims?status=active&pageSize=100", "/sims?status=active&pageSize=100"],
    ["/sims/DE0123#timeline", "/sims/DE0123#timeline"],
    ["/audit?sim=DE1", "/audit?sim=DE1"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    undefined,
    null,
    "",
    "sims",
    "https://evil.example/sims",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "/sign-in?next=/sims",
    "/api/auth/sign-out",
  ])("falls back to the SIM list for %j", (input) => {
    expect(safeNextPath(input)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it("takes the first value of a repeated parameter", () => {
    expect(safeNextPath(["/audit", "https://evil.example"])).toBe("/audit");
  });

  it("never leaves the console's origin, whatever the input", () => {
    for (const input of ["/..//evil.example", "/.%2e/evil", "/%2F%2Fevil.example", "/x/../../evil"]) {
      const url = new URL(safeNextPath(input), "http://console.local");
      expect(url.origin).toBe("http://console.local");
    }
  });
});

describe("signInPath", () => {
  it("carries a safe return path", () => {
    expect(signInPath("/users")).toBe("/sign-in?next=%2Fusers");
    expect(signInPath("/sims")).toBe("/sign-in?next=%2Fsims");
  });

  it("drops an unsafe or missing return path", () => {
    expect(signInPath(undefined)).toBe("/sign-in");
    expect(signInPath("https://evil.example")).toBe("/sign-in");
  });
});
