import { hex8, permute, toHex8, unpermute } from "./hash";

/**
 * Reversible SIDs: `prefix` + 24 hex digits of keyed hash + 8 hex digits of a permuted index.
 * Decoding checks the hash part, so a made-up SID with a valid shape never aliases a real one.
 */
export type SidPrefix = "DE" | "WP" | "DC" | "AE" | "AC" | "WN" | "US";

const SID_SHAPE = /^([A-Z]{2})([0-9a-fA-F]{32})$/;

export function encodeSid(prefix: SidPrefix, key: number, index: number): string {
  const salt = prefixSalt(prefix);
  return (
    prefix +
    hex8(key, index, salt) +
    hex8(key, index, salt + 1) +
    hex8(key, index, salt + 2) +
    toHex8(permute((index ^ key) >>> 0))
  );
}

/** The index a SID was made from, or undefined when it is not one of ours. */
export function decodeSid(prefix: SidPrefix, key: number, sid: string): number | undefined {
  const match = SID_SHAPE.exec(sid);
  if (!match || match[1] !== prefix) return undefined;
  const body = (match[2] as string).toLowerCase();
  const index = (unpermute(Number.parseInt(body.slice(24), 16)) ^ key) >>> 0;
  return encodeSid(prefix, key, index) === prefix + body ? index : undefined;
}

export function isSidShaped(value: string, prefix?: SidPrefix): boolean {
  const match = SID_SHAPE.exec(value);
  return Boolean(match) && (prefix === undefined || match?.[1] === prefix);
}

function prefixSalt(prefix: string): number {
  return (prefix.charCodeAt(0) << 8) | prefix.charCodeAt(1);
}
