import { describe, expect, it } from "vitest";
import { toForm, toPascalCase } from "./form";

describe("toForm", () => {
  it("maps camelCase names to KORE's PascalCase ones", () => {
    expect(["eId", "simRegistrationCode", "smsFallbackUrl", "pageToken"].map(toPascalCase)).toEqual([
      "EId",
      "SimRegistrationCode",
      "SmsFallbackUrl",
      "PageToken",
    ]);
  });

  it("leaves out undefined, clears with null, repeats arrays and keeps order", () => {
    const form = toForm({
      status: "active",
      iccid: undefined,
      commandsCallbackUrl: null,
      internationalRoaming: ["data", "messaging"],
      pageSize: 50,
      dataEnabled: true,
    });
    expect(form.toString()).toBe(
      "Status=active&CommandsCallbackUrl=&InternationalRoaming=data&InternationalRoaming=messaging&PageSize=50&DataEnabled=true",
    );
  });

  it("encodes values for a form body", () => {
    expect(toForm({ callbackUrl: "https://example.test/cb?a=1&b=2" }).toString()).toBe(
      "CallbackUrl=https%3A%2F%2Fexample.test%2Fcb%3Fa%3D1%26b%3D2",
    );
  });
});
