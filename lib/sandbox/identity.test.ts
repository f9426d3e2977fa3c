import { describe, expect, it } from "vitest";
import { createRandom, permute, unpermute } from "./hash";
import { createIdentity, isLuhnValid } from "./identity";
import { decodeSid, encodeSid } from "./sids";

describe("seeded identity", () => {
  const size = 20_000;
  const identity = createIdentity(42, size);

  it("permutes 32-bit integers reversibly", () => {
    const random = createRandom(1);
    for (let i = 0; i < 10_000; i++) {
      const x = Math.floor(random() * 2 ** 32);
      expect(unpermute(permute(x))).toBe(x);
    }
  });

  it("makes 34-character SIDs that decode back to their index and reject look-alikes", () => {
    const seen = new Set<string>();
    for (let i = 0; i < size; i += 7) {
      const sid = identity.simSid(i);
      expect(sid).toMatch(/^DE[0-9a-f]{32}$/);
      expect(identity.indexOfSimSid(sid)).toBe(i);
      expect(identity.indexOfSimSid(sid.toUpperCase().replace(/^DE/, "DE"))).toBe(i);
      seen.add(sid);
    }
    expect(seen.size).toBe(Math.ceil(size / 7));
    const forged = `${identity.simSid(5).slice(0, 10)}0000${identity.simSid(5).slice(14)}`;
    expect(identity.indexOfSimSid(forged)).toBeUndefined();
    expect(identity.indexOfSimSid(encodeSid("DE", identity.sidKey, size + 5))).toBeUndefined();
    expect(decodeSid("WP", 1, encodeSid("DE", 1, 3))).toBeUndefined();
  });

  it("issues Luhn-valid 19- and 20-digit ICCIDs starting 89 and finds SIMs by them", () => {
    const lengths = new Set<number>();
    for (let i = 0; i < size; i += 13) {
      const iccid = identity.iccid(i);
      expect(iccid).toMatch(/^89\d{17,18}$/);
      expect(isLuhnValid(iccid)).toBe(true);
      expect(identity.indexOfIccid(iccid)).toBe(i);
      lengths.add(iccid.length);
    }
    expect([...lengths].sort()).toEqual([19, 20]);
    const iccid = identity.iccid(100);
    const wrongCheck = iccid.slice(0, -1) + String((Number(iccid.slice(-1)) + 1) % 10);
    expect(identity.indexOfIccid(wrongCheck)).toBeUndefined();
    expect(identity.indexOfIccid("8901260000000000000000")).toBeUndefined();
  });

  it("gives some SIMs EIDs (mod-97 check digits) and registration codes, and finds them", () => {
    let eids = 0;
    let codes = 0;
    for (let i = 0; i < 2000; i++) {
      const eid = identity.eid(i);
      if (eid) {
        eids++;
        expect(eid).toMatch(/^\d{32}$/);
        expect(BigInt(eid) % 97n).toBe(1n);
        expect(identity.indexOfEid(eid)).toBe(i);
      }
      const code = identity.registrationCode(i);
      if (code) {
        codes++;
        expect(code).toMatch(/^[A-Z2-9]{10}$/);
        expect(identity.indexOfRegistrationCode(code)).toBe(i);
        expect(identity.indexOfRegistrationCode(code.toLowerCase())).toBe(i);
      }
    }
    expect(eids).toBeGreaterThan(100);
    expect(eids).toBeLessThan(400);
    expect(codes).toBeGreaterThan(450);
    expect(codes).toBeLessThan(750);
    expect(identity.indexOfRegistrationCode("AAAAAAAAAA")).toBeUndefined();
  });

  it("gives part of the fleet unique names that resolve back, and valid IMEIs", () => {
    let named = 0;
    for (let i = 0; i < 2000; i++) {
      const name = identity.seededUniqueName(i);
      if (name) {
        named++;
        expect(identity.indexOfSeededUniqueName(name)).toBe(i);
      }
      expect(isLuhnValid(identity.imei(i))).toBe(true);
      expect(identity.imei(i)).toHaveLength(15);
    }
    expect(named).toBeGreaterThan(600);
    expect(named).toBeLessThan(1000);
    expect(identity.indexOfSeededUniqueName("meter-0000001")).toBeUndefined();
  });

  it("is a pure function of the seed", () => {
    const again = createIdentity(42, size);
    const other = createIdentity(43, size);
    expect(again.simSid(123)).toBe(identity.simSid(123));
    expect(again.iccid(123)).toBe(identity.iccid(123));
    expect(other.simSid(123)).not.toBe(identity.simSid(123));
  });
});
