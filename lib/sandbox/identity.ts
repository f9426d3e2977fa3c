import { hash32, permute, unit, unpermute } from "./hash";
import { decodeSid, encodeSid } from "./sids";

/**
 * The immutable identity of seeded SIM number `index`: SID, ICCID, EID, registration code and
 * seeded names. Every value is derived on demand and every lookup inverts the derivation, so
 * the fleet stores no strings for SIMs nobody changed.
 */
export type Identity = ReturnType<typeof createIdentity>;

const DEVICE_KINDS = [
  { kind: "meter", label: "Smart meter" },
  { kind: "tracker", label: "Asset tracker" },
  { kind: "gateway", label: "Edge gateway" },
  { kind: "kiosk", label: "Retail kiosk" },
  { kind: "sensor", label: "Cold-chain sensor" },
  { kind: "pump", label: "Pump controller" },
] as const;

const SITES = ["Austin", "Denver", "Rotterdam", "Lyon", "Osaka", "Toronto", "Monterrey", "Leeds"] as const;
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const UNIQUE_NAME_SHAPE = /^([a-z]+)-(\d{6,})$/;

export function createIdentity(seed: number, size: number) {
  const sidKey = hash32(seed, 0x51d);
  const codeKey = hash32(seed, 0xc0de);
  const issuer = String(10 + (hash32(seed, 0x155) % 90));
  const iccidBase19 = (hash32(seed, 0x19) % 98) * 10_000_000;
  const iccidBase20 = (hash32(seed, 0x20) % 980) * 10_000_000;
  const eidSite = String(hash32(seed, 0xe1d) % 10_000).padStart(4, "0");

  const has20DigitIccid = (index: number) => unit(seed, index, 21) < 0.2;
  const hasEid = (index: number) => unit(seed, index, 22) < 0.1;
  const hasRegistrationCode = (index: number) => unit(seed, index, 23) < 0.3;
  const hasUniqueName = (index: number) => unit(seed, index, 24) < 0.4;
  const deviceKind = (index: number) =>
    DEVICE_KINDS[hash32(seed, index, 25) % DEVICE_KINDS.length] as (typeof DEVICE_KINDS)[number];
  const inFleet = (index: number | undefined): index is number =>
    index !== undefined && index >= 0 && index < size;

  const iccid = (index: number): string => {
    const body = has20DigitIccid(index)
      ? `894412${issuer.slice(0, 1)}${issuer}${String(iccidBase20 + index).padStart(10, "0")}`
      : `890126${issuer}0${String(iccidBase19 + index).padStart(9, "0")}`;
    return body + luhnDigit(body);
  };

  const eid = (index: number): string | null => {
    if (!hasEid(index)) return null;
    const body = `8904903200${eidSite}${String(index).padStart(16, "0")}`;
    const check = 98n - ((BigInt(body) * 100n) % 97n);
    return body + String(check).padStart(2, "0");
  };

  const registrationCode = (index: number): string | null => {
    if (!hasRegistrationCode(index)) return null;
    let value = permute((index ^ codeKey) >>> 0);
    let code = "";
    for (let i = 0; i < 7; i++) {
      code += CODE_ALPHABET[value & 31];
      value = Math.floor(value / 32);
    }
    const check = hash32(seed, index, 26);
    for (let i = 0; i < 3; i++) code += CODE_ALPHABET[(check >>> (i * 5)) & 31];
    return code;
  };

  return {
    sidKey,
    simSid: (index: number) => encodeSid("DE", sidKey, index),
    indexOfSimSid(sid: string): number | undefined {
      const index = decodeSid("DE", sidKey, sid);
      return inFleet(index) ? index : undefined;
    },
    iccid,
    indexOfIccid(value: string): number | undefined {
      if (!/^\d{19,20}$/.test(value)) return undefined;
      const serial =
        value.length === 19 && value.startsWith(`890126${issuer}0`)
          ? Number(value.slice(9, 18)) - iccidBase19
          : value.length === 20 && value.startsWith(`894412${issuer.slice(0, 1)}${issuer}`)
            ? Number(value.slice(9, 19)) - iccidBase20
            : -1;
      return inFleet(serial) && iccid(serial) === value ? serial : undefined;
    },
    eid,
    indexOfEid(value: string): number | undefined {
      if (!/^\d{32}$/.test(value)) return undefined;
      const index = Number(value.slice(14, 30));
      return inFleet(index) && eid(index) === value ? index : undefined;
    },
    registrationCode,
    indexOfRegistrationCode(value: string): number | undefined {
      const code = value.toUpperCase();
      if (!/^[A-Z2-9]{10}$/.test(code)) return undefined;
      let permuted = 0;
      for (let i = 6; i >= 0; i--) {
        const digit = CODE_ALPHABET.indexOf(code[i] as string);
        if (digit < 0) return undefined;
        permuted = permuted * 32 + digit;
      }
      if (permuted > 0xffffffff) return undefined;
      const index = (unpermute(permuted) ^ codeKey) >>> 0;
      return inFleet(index) && registrationCode(index) === code ? index : undefined;
    },
    seededUniqueName(index: number): string | null {
      return hasUniqueName(index) ? `${deviceKind(index).kind}-${String(index + 1).padStart(6, "0")}` : null;
    },
    /** The SIM whose *seeded* unique name this is; the fleet checks it was not renamed since. */
    indexOfSeededUniqueName(name: string): number | undefined {
      const match = UNIQUE_NAME_SHAPE.exec(name);
      if (!match) return undefined;
      const index = Number(match[2]) - 1;
      if (!inFleet(index) || !hasUniqueName(index)) return undefined;
      return `${deviceKind(index).kind}-${String(index + 1).padStart(6, "0")}` === name ? index : undefined;
    },
    seededFriendlyName(index: number): string | null {
      if (unit(seed, index, 27) < 0.1) return null;
      const site = SITES[hash32(seed, index, 28) % SITES.length];
      return `${deviceKind(index).label} ${site} #${index + 1}`;
    },
    /** A 15-digit IMEI (14 digits + Luhn) for the device that holds the SIM. */
    imei(index: number): string {
      const tac = ["35332510", "35847631", "86753104", "35921108"][hash32(seed, index, 29) % 4] as string;
      const body = tac + String(hash32(seed, index, 30) % 1_000_000).padStart(6, "0");
      return body + luhnDigit(body);
    },
  };
}

/** The Luhn check digit that makes `body + digit` valid. */
export function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

export function isLuhnValid(value: string): boolean {
  return /^\d+$/.test(value) && luhnDigit(value.slice(0, -1)) === value.slice(-1);
}
