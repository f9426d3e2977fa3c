import { describe, expect, it } from "vitest";
import {
  checkIccid,
  confirmsIdentity,
  hasValidLuhnCheckDigit,
  ICCID_LUHN_WARNING,
  identityToConfirm,
  normalizeIccid,
} from "./iccid";

// The example ICCID of sim-api.md §4: 19 digits, but its last digit is not a Luhn check digit.
const VALID = "8901260000000000042";

describe("normalizeIccid", () => {
  it("strips whitespace and the separators people group digits with", () => {
    expect(normalizeIccid(" 8901 2600-0000.0000_042 ")).toBe("8901260000000000042");
    expect(normalizeIccid("8901\u00a02600\t0000/0000:042")).toBe("8901260000000000042");
    expect(normalizeIccid("8901–2600—0000")).toBe("890126000000");
  });

  it("keeps letters so they can be refused rather than silently dropped", () => {
    expect(normalizeIccid("8901 26F")).toBe("890126F");
  });
});

describe("hasValidLuhnCheckDigit", () => {
  it("accepts numbers whose last digit checks the rest", () => {
    expect(hasValidLuhnCheckDigit("79927398713")).toBe(true); // the textbook Luhn example
    expect(hasValidLuhnCheckDigit("89014103211118510720")).toBe(true); // a real-format 20-digit ICCID
  });

  it("refuses a wrong check digit and non-digits", () => {
    expect(hasValidLuhnCheckDigit("79927398710")).toBe(false);
    expect(hasValidLuhnCheckDigit("89014103211118510721")).toBe(false);
    expect(hasValidLuhnCheckDigit("7992739871a")).toBe(false);
    expect(hasValidLuhnCheckDigit("7")).toBe(false);
  });
});

describe("checkIccid", () => {
  it("accepts 18 to 22 digits after stripping separators", () => {
    const withCheck = withLuhn("890126000000000004");
    expect(withCheck).toHaveLength(19);
    expect(checkIccid(withCheck.replace(/(\d{4})/g, "$1 "))).toEqual({ ok: true, iccid: withCheck });
    expect(checkIccid(withLuhn("89012600000000000"))).toMatchObject({ ok: true }); // 18
    expect(checkIccid(withLuhn("890126000000000000000"))).toMatchObject({ ok: true }); // 22
  });

  it("warns, but still accepts, when the check digit does not match", () => {
    const good = withLuhn("890126000000000004");
    const bad = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
    expect(checkIccid(bad)).toEqual({ ok: true, iccid: bad, warning: ICCID_LUHN_WARNING });
  });

  it("refuses empty input, letters and wrong lengths with a message naming the problem", () => {
    expect(checkIccid("  ")).toEqual({ ok: false, iccid: "", message: "Enter an ICCID." });
    expect(checkIccid("8901 26AB 0000")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/digits only/),
    });
    expect(checkIccid("12345")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/18 to 22 digits; this has 5/),
    });
    expect(checkIccid("1".repeat(23))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/this has 23/),
    });
    expect(checkIccid("1".repeat(17))).toMatchObject({ ok: false });
  });

  it("accepts the spec's example ICCID with a warning rather than hiding it", () => {
    expect(checkIccid(VALID)).toEqual({ ok: true, iccid: VALID, warning: ICCID_LUHN_WARNING });
  });
});

describe("confirmsIdentity", () => {
  const sim = { sid: "DE0123456789abcdef0123456789abcdef", iccid: VALID };

  it("asks for the ICCID and accepts it however it is grouped", () => {
    expect(identityToConfirm(sim)).toBe(VALID);
    expect(confirmsIdentity(sim, " 8901 2600-0000 0000 042 ")).toBe(true);
    expect(confirmsIdentity(sim, "8901260000000000043")).toBe(false);
    expect(confirmsIdentity(sim, sim.sid)).toBe(false);
    expect(confirmsIdentity(sim, undefined)).toBe(false);
  });

  it("asks for the SID, exactly but for surrounding spaces, when the SIM has no ICCID", () => {
    const noIccid = { ...sim, iccid: null };
    expect(identityToConfirm(noIccid)).toBe(noIccid.sid);
    expect(confirmsIdentity(noIccid, ` ${noIccid.sid} `)).toBe(true);
    expect(confirmsIdentity(noIccid, noIccid.sid.toUpperCase())).toBe(false);
    expect(confirmsIdentity(noIccid, "")).toBe(false);
  });
});

/** Append the Luhn check digit, computed independently of the code under test. */
function withLuhn(body: string): string {
  for (let check = 0; check <= 9; check++) {
    const candidate = body + check;
    const digits = [...candidate].reverse().map(Number);
    const sum = digits.reduce((acc, d, i) => acc + (i % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error("unreachable");
}
