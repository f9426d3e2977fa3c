import { afterEach, describe, expect, it, vi } from "vitest";
import { parseJsonBytes, SPLIT_FROM_BYTES } from "./json-bytes";

const encode = (text: string) => new TextEncoder().encode(text);

/** Deterministic, so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ASCII_NAMES = ["tracker", "pump 7", 'say "hi" },{ \\ /'];

/** Strings that trip a naive splitter: the `},{` cut pattern, quotes, escapes, multi-byte text. */
const AWKWARD = [
  "plain",
  "},{",
  '"},{"sid":"fake"}',
  "back\\slash\\",
  'quote " inside',
  "tab\there\nnewline",
  "ünïcödé 日本語 🚀",
  "[not, an, array]",
  "",
];

function simPage(rows: number, seed = 1, names = AWKWARD) {
  const next = random(seed);
  const pick = <T>(values: T[]) => values[Math.floor(next() * values.length)] as T;
  const sims = Array.from({ length: rows }, (_, i) => ({
    sid: `DE${String(i).padStart(32, "0")}`,
    unique_name: pick([null, `tracker-${i}`, pick(names)]),
    friendly_name: pick(names),
    iccid: `8901${String(i).padStart(15, "0")}`,
    status: pick(["new", "ready", "active", "suspended"]),
    rate_plan_sid: `WP${String(i % 7).padStart(32, "0")}`,
    date_created: "2026-01-01T00:00:00Z",
    links: {
      usage_records: `https://wireless.example/v1/Sims/DE${i}/UsageRecords`,
      nested: [[1, { a: [] }]],
    },
    tags: i % 3 === 0 ? [] : [pick(names), i, true, null, 1.5e-7],
  }));
  return {
    sims,
    meta: { page: 0, page_size: rows, next_page_url: null, key: "sims", nested: { deep: ["},{"] } },
  };
}

describe("parseJsonBytes", () => {
  afterEach(() => vi.restoreAllMocks());

  it("gives JSON.parse's result for a large KORE page, awkward strings included", () => {
    const text = JSON.stringify(simPage(3000));
    expect(text.length).toBeGreaterThan(SPLIT_FROM_BYTES * 5);
    expect(parseJsonBytes(encode(text))).toEqual(JSON.parse(text));
  });

  it("never parses one string of the whole body when the body is large", () => {
    // As KORE sends it (ASCII), with an accent in one name, and with names holding the `},{`
    // that the fast path cuts at.
    const pages = [
      simPage(3000, 1, ASCII_NAMES),
      simPage(3000, 1, ["tracker", "pump 7", "Gateway – Hall B"]),
      simPage(3000),
    ];
    for (const page of pages) {
      const text = JSON.stringify(page);
      const parse = vi.spyOn(JSON, "parse");
      expect(parseJsonBytes(encode(text))).toEqual(page);
      const longest = Math.max(...parse.mock.calls.map(([input]) => String(input).length));
      expect(parse.mock.calls.length).toBeGreaterThan(10);
      // Under V8's 128 KB large-object threshold, even as a two-byte string.
      expect(longest).toBeLessThanOrEqual(64 * 1024);
      parse.mockRestore();
    }
  });

  it("gives the same result for spaced-out JSON, several arrays, and arrays of non-objects", () => {
    const page = simPage(1500, 7);
    const doc = {
      first: page.sims,
      numbers: Array.from({ length: 40_000 }, (_, i) => i * 1.25),
      strings: Array.from({ length: 5_000 }, (_, i) => AWKWARD[i % AWKWARD.length]),
      arrays: Array.from({ length: 3_000 }, (_, i) => [i, [String(i)], {}]),
      empty: [],
      scalar: "},{",
      object: { a: [1, 2, 3] },
      last: page.sims.slice(0, 500),
    };
    for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2), JSON.stringify(doc, null, "\t")]) {
      expect(text.length).toBeGreaterThan(SPLIT_FROM_BYTES);
      expect(parseJsonBytes(encode(text))).toEqual(JSON.parse(text));
    }
  });

  it("handles small bodies, top-level arrays and scalars like JSON.parse", () => {
    for (const text of ['{"a":1}', "[]", "null", '"x"', "{}", JSON.stringify(simPage(3000).sims)]) {
      expect(parseJsonBytes(encode(text))).toEqual(JSON.parse(text));
    }
  });

  it("drops a leading byte-order mark, as Response.text() does", () => {
    const text = JSON.stringify(simPage(1000));
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...encode(text)]);
    expect(parseJsonBytes(withBom)).toEqual(JSON.parse(text));
  });

  it("makes __proto__ an own property and keeps the last of repeated keys, as JSON.parse does", () => {
    const rows = JSON.stringify(simPage(1000).sims);
    const text = `{"__proto__":{"polluted":true},"sims":${rows},"dup":1,"dup":2,"sims":[]}`;
    const parsed = parseJsonBytes(encode(text)) as Record<string, unknown>;
    const expected = JSON.parse(text) as Record<string, unknown>;
    expect(parsed).toEqual(expected);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, "__proto__")).toBe(true);
    expect(parsed.dup).toBe(2);
    expect(parsed.sims).toEqual([]);
  });

  it("throws a SyntaxError for malformed bodies that a splitter could be fooled by", () => {
    const rows = JSON.stringify(simPage(1000).sims).slice(1, -1);
    const malformed = [
      `{"sims":[${rows},]}`, // trailing comma after the last element
      `{"sims":[${rows}]`, // truncated
      `{"sims":[${rows}]}}`, // an extra closing brace
      `{"sims":[${rows}] "meta":{}}`, // missing comma between members
      `{"sims":[${rows}],}`, // trailing comma between members
      `{"sims":[${rows}]} x`, // garbage after the end
      `{"sims":[${rows.replace("},{", "},,{")}]}`, // an empty element
      `{"sims":[${rows.replace("},{", "}{")}]}`, // a missing comma between elements
      `{"sims":[${rows.replace('"}', "}")}]}`, // an unterminated string
      `{"sims":[${rows}}`, // the array never closes
      `{sims:[${rows}]}`, // an unquoted key
    ];
    for (const text of malformed) {
      expect(() => JSON.parse(text), text.slice(0, 40)).toThrow(SyntaxError);
      expect(() => parseJsonBytes(encode(text)), text.slice(0, 40)).toThrow(SyntaxError);
    }
  });

  it.each([
    ["awkward", JSON.stringify(simPage(800, 3))],
    ["plain ASCII", JSON.stringify(simPage(800, 3, ASCII_NAMES))],
  ])("agrees with JSON.parse on randomly damaged %s bodies (same value, or both throw)", (_, base) => {
    const next = random(42);
    const alphabet = ['"', "\\", ",", "{", "}", "[", "]", ":", " ", "1", "x"];
    for (let round = 0; round < 150; round++) {
      const at = Math.floor(next() * base.length);
      const change = next();
      const ch = alphabet[Math.floor(next() * alphabet.length)] as string;
      const text =
        change < 0.4
          ? base.slice(0, at) + base.slice(at + 1)
          : change < 0.8
            ? base.slice(0, at) + ch + base.slice(at)
            : base.slice(0, at) + ch + base.slice(at + 1);
      let expected: { value: unknown } | { error: true };
      try {
        expected = { value: JSON.parse(text) };
      } catch {
        expected = { error: true };
      }
      if ("error" in expected) {
        expect(() => parseJsonBytes(encode(text)), `round ${round}`).toThrow(SyntaxError);
      } else {
        expect(parseJsonBytes(encode(text)), `round ${round}`).toEqual(expected.value);
      }
    }
  });
});
