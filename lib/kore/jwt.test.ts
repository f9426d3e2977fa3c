import { describe, expect, it } from "vitest";
import { jwtClaims, jwtExpiryMs } from "./jwt";
import { fakeJwt } from "./testing/fake-jwt";

describe("jwt", () => {
  it("reads exp in milliseconds and the other claims", () => {
    const token = fakeJwt({ exp: 1_700_000_000, sub: "acct_123", name: "ü" });
    expect(jwtExpiryMs(token)).toBe(1_700_000_000_000);
    expect(jwtClaims(token)).toMatchObject({ sub: "acct_123" });
  });

  it("returns null for opaque tokens and malformed payloads", () => {
    expect(jwtExpiryMs("opaque-token")).toBeNull();
    expect(jwtExpiryMs("a.b.c")).toBeNull();
    expect(jwtExpiryMs(fakeJwt({ exp: "tomorrow" }))).toBeNull();
    expect(jwtClaims(`x.${Buffer.from("[1]").toString("base64url")}.y`)).toBeNull();
  });
});
