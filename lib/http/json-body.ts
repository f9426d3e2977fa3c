/**
 * JSON response bodies as a few byte chunks, without building one big string or one big buffer.
 *
 * `JSON.stringify` of a 1000-row page gives a ~300 KB string, which V8 keeps in its large-object
 * space (fresh memory, paged in on every request), and `Response.json` then encodes all of it to
 * UTF-8 in one piece: about 2 ms per /api/sims page here. Serialising long arrays of rows a slice
 * at a time keeps every string small and encodes as it goes: about 0.7 ms for the same bytes.
 * The chunks are answered as they are (lib/http/define-route.ts streams them): joining them, and
 * `Response` copying a byte body once more, cost about 1 ms per page of fresh-memory copies.
 *
 * The bytes are exactly `JSON.stringify(value)`. Only a plain object's members that are long
 * arrays of plain rows, arrays or primitives are split; anything else, including values with `toJSON`,
 * goes through `JSON.stringify` whole.
 */
import "server-only";

/** Rows serialised per slice: ~60 KB of JSON for table rows, well under V8's 128 KB limit. */
const SLICE = 200;
/** Encode once this much text has gathered. */
const FLUSH_CHARS = 32_768;

export function jsonChunks(value: unknown): Buffer[] {
  if (!isPlainObject(value) || hasToJSON(value) || !Object.values(value).some(isSplittable)) {
    return [Buffer.from(JSON.stringify(value) ?? "null", "utf8")];
  }
  const chunks: Buffer[] = [];
  let pending = "";
  const write = (text: string) => {
    pending += text;
    if (pending.length >= FLUSH_CHARS) {
      chunks.push(Buffer.from(pending, "utf8"));
      pending = "";
    }
  };

  write("{");
  let first = true;
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (isSplittable(member)) {
      write(`${first ? "" : ","}${JSON.stringify(key)}:[`);
      for (let i = 0; i < member.length; i += SLICE) {
        const slice = JSON.stringify(member.slice(i, i + SLICE));
        write(`${i === 0 ? "" : ","}${slice.slice(1, -1)}`);
      }
      write("]");
    } else {
      // Through a one-member object, so `toJSON(key)` and left-out members (undefined,
      // functions, symbols) behave exactly as in the whole object.
      const pair = JSON.stringify({ [key]: member }).slice(1, -1);
      if (pair === "") continue;
      write(`${first ? "" : ","}${pair}`);
    }
    first = false;
  }
  write("}");
  chunks.push(Buffer.from(pending, "utf8"));
  return chunks;
}

/**
 * A long array whose elements serialise the same in any slice: an element's own `toJSON` gets its
 * index, which a slice would change; anything nested gets its own key, the same in any slice.
 */
function isSplittable(value: unknown): value is unknown[] {
  if (!Array.isArray(value) || value.length <= SLICE || hasToJSON(value)) return false;
  return value.every(
    (item) =>
      typeof item !== "object" ||
      item === null ||
      ((Array.isArray(item) || isPlainObject(item)) && !hasToJSON(item)),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasToJSON(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === "function";
}
