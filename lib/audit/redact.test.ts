import { describe, expect, it } from "vitest";
import { REDACTED, redactSecrets } from "./redact";

describe("redactSecrets", () => {
  it("replaces values under secret-sounding keys, at any depth", () => {
    expect(
      redactSecrets({
        friendlyName: "tracker",
        clientSecret: "abc",
        nested: { accessToken: "t", apiKey: "k", password: "p", Authorization: "Bearer x", ok: 1 },
        list: [{ token: "x" }],
      }),
    ).toEqual({
      friendlyName: "tracker",
      clientSecret: REDACTED,
      nested: { accessToken: REDACTED, apiKey: REDACTED, password: REDACTED, Authorization: REDACTED, ok: 1 },
      list: [{ token: REDACTED }],
    });
  });

  it("keeps null and missing values under secret keys as they are (nothing to hide)", () => {
    expect(redactSecrets({ token: null })).toEqual({ token: null });
  });

  it("removes bearer tokens and JWTs from free text", () => {
    const jwt =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    expect(redactSecrets(`sent Authorization: Bearer ${jwt} upstream`)).toBe(
      `sent Authorization: Bearer ${REDACTED} upstream`,
    );
    expect(redactSecrets(`token ${jwt}`)).toBe(`token ${REDACTED}`);
  });

  it("removes passwords and secret query parameters from URLs, keeping the rest", () => {
    expect(redactSecrets("https://user:pa55@hooks.example.com/cb?token=abc123&sim=DE1")).toBe(
      `https://user:${REDACTED}@hooks.example.com/cb?token=${REDACTED}&sim=DE1`,
    );
    expect(redactSecrets("https://hooks.example.com/cb?sim=DE1")).toBe(
      "https://hooks.example.com/cb?sim=DE1",
    );
  });

  it("removes the installation's own secrets wherever they appear", () => {
    const webhookToken = "wh-0123456789abcdef0123456789";
    expect(
      redactSecrets(
        { url: { before: null, after: `https://console.example.com/api/webhooks/x/${webhookToken}` } },
        [webhookToken, undefined, "short"],
      ),
    ).toEqual({ url: { before: null, after: `https://console.example.com/api/webhooks/x/${REDACTED}` } });
  });

  it("leaves ordinary values alone", () => {
    const value = { status: { before: "active", after: "suspended" }, count: 3, when: "2026-01-01" };
    expect(redactSecrets(value)).toEqual(value);
  });
});
