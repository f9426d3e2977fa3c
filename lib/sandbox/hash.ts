/**
 * Deterministic integer hashing. Everything the seeded fleet shows (SIDs, ICCIDs, statuses, usage)
 * is a pure function of (seed, index, salt), so a 1,000,000-SIM fleet needs no per-SIM strings in
 * memory and two sandboxes started with the same seed serve the same data.
 */

/** A well-mixed 32-bit hash of up to three integers (lowbias32 finaliser, chained). */
export function hash32(a: number, b = 0, c = 0): number {
  let h = mix(a ^ 0x9e3779b9);
  h = mix((h + Math.imul(b | 0, 0x85ebca6b)) | 0);
  h = mix((h + Math.imul(c | 0, 0xc2b2ae35)) | 0);
  return h >>> 0;
}

/** A float in [0, 1) derived from the same inputs as `hash32`. */
export function unit(a: number, b = 0, c = 0): number {
  return hash32(a, b, c) / 4294967296;
}

/** Eight lowercase hex digits of `hash32`. */
export function hex8(a: number, b = 0, c = 0): string {
  return toHex8(hash32(a, b, c));
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** A 32-bit unsigned integer as 8 lowercase hex digits (table lookups: SIDs are on the hot path). */
export function toHex8(value: number): string {
  return (
    (BYTE_HEX[value >>> 24] as string) +
    (BYTE_HEX[(value >>> 16) & 255] as string) +
    (BYTE_HEX[(value >>> 8) & 255] as string) +
    (BYTE_HEX[value & 255] as string)
  );
}

/** A hash of a string, for salts such as names; stable across processes (FNV-1a). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const PERM_A = 0x7feb352d;
const PERM_B = 0x846ca68b;
const PERM_A_INV = modInverse32(PERM_A);
const PERM_B_INV = modInverse32(PERM_B);

/**
 * A bijection on 32-bit integers. SIDs carry `permute(index ^ key)` so a SID can be turned back
 * into its fleet index in O(1) without a lookup table, while still looking random.
 */
export function permute(x: number): number {
  x >>>= 0;
  x ^= x >>> 16;
  x = Math.imul(x, PERM_A) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, PERM_B) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

export function unpermute(x: number): number {
  x >>>= 0;
  x ^= x >>> 16;
  x = Math.imul(x, PERM_B_INV) >>> 0;
  x ^= (x >>> 15) ^ (x >>> 30);
  x = Math.imul(x, PERM_A_INV) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/** A small seeded PRNG (mulberry32) for run-time randomness that must not disturb the fleet. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h;
}

function modInverse32(a: number): number {
  // Newton's iteration doubles the number of correct low bits each step: 3 → 6 → 12 → 24 → 48.
  let x = a;
  for (let i = 0; i < 4; i++) x = Math.imul(x, 2 - Math.imul(a, x));
  return x >>> 0;
}
