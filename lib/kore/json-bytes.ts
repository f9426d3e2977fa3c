/**
 * `JSON.parse` for a response body held as bytes, without ever building one string of the whole
 * body.
 *
 * Why: a 1000-row page from `GET /v1/Sims` is about 1 MB. Decoding it to one string puts a 1 MB
 * object in V8's large-object space, which is fresh memory on every request; on this machine
 * that alone took 4–6 ms per page, twice as long as parsing it (measured in the route handler's
 * CPU profile, see bench/sims-table.ts). Strings under 128 KB live in the young generation and
 * cost next to nothing to create.
 *
 * How: for a body above `SPLIT_FROM_BYTES` whose top level is an object, members are read one by
 * one, and a member that is an array (KORE's `sims`, `events`, `data_sessions`…) is parsed in
 * slices of whole elements of about `SLICE_BYTES` each. Cuts fall on ASCII commas outside
 * strings, so every slice is whole UTF-8. Everything else (small bodies, a top-level array, a
 * byte-order mark, anything this reader does not recognise, and malformed JSON) goes through
 * `JSON.parse` of the whole text, so the result, and the error for bad input, are exactly what
 * `JSON.parse(text)` gives.
 *
 * Tried and left out: for ASCII bodies, one external string (Node keeps Latin-1 strings of
 * ≥ ~1 MB outside V8's heap; a shorter body can be padded with spaces up to that size). It
 * allocated 1 MB instead of 2 MB per page, but side by side with this reader behind two consoles
 * it made no difference to the route's latency, so it was not worth relying on Node internals.
 */
import "server-only";

/** Below this, one string is cheap (young generation) and splitting would only cost time. */
export const SPLIT_FROM_BYTES = 96 * 1024;
/** Slice size: ≤ 48 K characters is ≤ 96 KB even as a two-byte string, under V8's 128 KB limit. */
const SLICE_BYTES = 48 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Between two objects in an array written without spaces; the comma is at index 1. */
const ELEMENT_BOUNDARY = Buffer.from("},{");

const decoder = new TextDecoder();

export function parseJsonBytes(bytes: Uint8Array): unknown {
  if (bytes.length >= SPLIT_FROM_BYTES) {
    const value = parseObjectInSlices(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (value !== undefined) return value;
  }
  // TextDecoder, like `Response.text()`, drops a leading byte-order mark.
  return JSON.parse(decoder.decode(bytes));
}

/** The parsed object, or `undefined` when the body is not a well-formed top-level object. */
function parseObjectInSlices(b: Buffer): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  try {
    let i = skipSpace(b, 0);
    if (b[i] !== OPEN_BRACE) return undefined;
    i = skipSpace(b, i + 1);
    if (b[i] === CLOSE_BRACE) return onlySpaceFrom(b, i + 1) ? out : undefined;
    for (;;) {
      if (b[i] !== QUOTE) return undefined;
      const keyEnd = endOfString(b, i);
      if (keyEnd < 0) return undefined;
      const key = JSON.parse(b.toString("utf8", i, keyEnd)) as string;
      i = skipSpace(b, keyEnd);
      if (b[i] !== COLON) return undefined;
      i = skipSpace(b, i + 1);

      const member = b[i] === OPEN_BRACKET ? parseArrayInSlices(b, i) : parseWhole(b, i);
      if (!member) return undefined;
      // Own data property, as JSON.parse makes it: `out[key] = …` would set the prototype for
      // "__proto__". A repeated key keeps its last value, as in JSON.parse.
      Object.defineProperty(out, key, {
        value: member.value,
        writable: true,
        enumerable: true,
        configurable: true,
      });

      i = skipSpace(b, member.end);
      if (b[i] === COMMA) {
        i = skipSpace(b, i + 1);
        continue;
      }
      if (b[i] === CLOSE_BRACE) return onlySpaceFrom(b, i + 1) ? out : undefined;
      return undefined;
    }
  } catch {
    // A slice that does not parse: let JSON.parse of the whole text report it.
    return undefined;
  }
}

/**
 * The array starting at `start` (its `[`), parsed a slice of whole elements at a time.
 *
 * Finding the cuts byte by byte in JavaScript costs about 2 ms per MB, as much as parsing. So
 * first, while the elements are objects written without spaces (KORE's pages), the next `},{`
 * at least `SLICE_BYTES` on is found natively and the slice up to its comma is parsed. A slice
 * that starts between two elements and parses as `[slice]` also ends between two elements (the
 * parser reads the same bytes the same way, and ends outside any string, at depth 0, after a
 * whole value), so a `},{` inside a string, or beyond the end of the array, can only fail to
 * parse. On the first failure, or when no `},{` is near, the rest is scanned byte by byte.
 */
function parseArrayInSlices(b: Buffer, start: number): { value: unknown[]; end: number } | undefined {
  const value: unknown[] = [];
  let sliceStart = start + 1;
  for (;;) {
    const at = b.indexOf(ELEMENT_BOUNDARY, sliceStart + SLICE_BYTES);
    if (at < 0 || at - sliceStart > 2 * SLICE_BYTES) break;
    const comma = at + 1;
    let items: unknown[];
    try {
      items = parseSlice(b, sliceStart, comma);
    } catch {
      break;
    }
    for (const item of items) value.push(item);
    sliceStart = comma + 1;
  }

  let cut = sliceStart > start + 1;
  for (;;) {
    const i = nextSeparator(b, sliceStart, SLICE_BYTES);
    if (i < 0) return undefined;
    if (b[i] === COMMA) {
      for (const item of parseSlice(b, sliceStart, i)) value.push(item);
      sliceStart = i + 1;
      cut = true;
      continue;
    }
    if (b[i] !== CLOSE_BRACKET) return undefined;
    // After a cut, an empty last slice means a trailing comma, which JSON does not allow.
    if (cut && onlySpaceBetween(b, sliceStart, i)) return undefined;
    for (const item of parseSlice(b, sliceStart, i)) value.push(item);
    return { value, end: i + 1 };
  }
}

/**
 * The elements between `start` and `end` (exclusive), which hold whole elements only. The
 * brackets are added to the bytes, not to the text: `[${text}]` would be a rope that the parser
 * first copies flat, a second string the size of the slice.
 */
function parseSlice(b: Buffer, start: number, end: number): unknown[] {
  const framed = Buffer.allocUnsafe(end - start + 2);
  framed[0] = OPEN_BRACKET;
  b.copy(framed, 1, start, end);
  framed[framed.length - 1] = CLOSE_BRACKET;
  return JSON.parse(framed.toString("utf8")) as unknown[];
}

/** Any other member value: scanned to the `,` or `}` that ends it, then parsed whole. */
function parseWhole(b: Buffer, start: number): { value: unknown; end: number } | undefined {
  const end = nextSeparator(b, start, 0);
  if (end < 0) return undefined;
  return { value: JSON.parse(b.toString("utf8", start, end)), end };
}

/**
 * Reading from `from` (between values, outside any string), the index of the first `,` at that
 * depth lying at least `minSpan` bytes on, or of the first `}` or `]` closing the value around
 * it; -1 when there is neither.
 */
function nextSeparator(b: Buffer, from: number, minSpan: number): number {
  let depth = 0;
  for (let i = from; i < b.length; i++) {
    const c = b[i];
    if (c === QUOTE) {
      const end = endOfString(b, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 0) return i;
      depth--;
    } else if (c === COMMA && depth === 0 && i - from >= minSpan) {
      return i;
    }
  }
  return -1;
}

/** The index just after the string that opens at `start`, or -1 if it never closes. */
function endOfString(b: Buffer, start: number): number {
  for (let i = start + 1; i < b.length; i++) {
    const c = b[i];
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return -1;
}

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipSpace(b: Buffer, from: number): number {
  let i = from;
  while (i < b.length && isSpace(b[i])) i++;
  return i;
}

function onlySpaceBetween(b: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(b[i])) return false;
  return true;
}

function onlySpaceFrom(b: Buffer, from: number): boolean {
  return onlySpaceBetween(b, from, b.length);
}
