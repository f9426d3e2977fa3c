import { describe, expect, it } from "vitest";
import { jsonChunks } from "./json-body";

const text = (value: unknown) => new TextDecoder().decode(Buffer.concat(jsonChunks(value)));

const row = (i: number) => ({
  sid: `DE${String(i).padStart(32, "0")}`,
  friendlyName: i % 7 === 0 ? null : `Zähler ${i} “east” 🚰 \u2028 "quoted" \\ \ud800`,
  status: "active",
  resetStatus: undefined,
  tags: i % 3 === 0 ? [] : ["a", i],
});

describe("jsonChunks", () => {
  it.each([
    ["a 1000-row page", { sims: Array.from({ length: 1000 }, (_, i) => row(i)), page: 0, next: null }],
    [
      "rows of exactly one slice and one more",
      { a: Array.from({ length: 200 }, (_, i) => row(i)), b: Array.from({ length: 201 }, (_, i) => row(i)) },
    ],
    [
      "several long arrays and primitives",
      {
        ids: Array.from({ length: 999 }, (_, i) => i),
        x: 1,
        rows: Array.from({ length: 450 }, (_, i) => row(i)),
      },
    ],
    [
      "members JSON.stringify leaves out",
      {
        skip: undefined,
        fn: () => 1,
        sym: Symbol("s"),
        rows: Array.from({ length: 300 }, (_, i) => row(i)),
        last: undefined,
      },
    ],
    [
      "only left-out members besides the rows",
      { rows: Array.from({ length: 300 }, (_, i) => row(i)), gone: undefined },
    ],
    [
      "a Date member and an object with toJSON",
      {
        at: new Date(0),
        custom: { toJSON: (key: string) => `key:${key}` },
        rows: Array.from({ length: 300 }, (_, i) => i),
      },
    ],
    ["rows holding Dates (not split)", { rows: Array.from({ length: 300 }, (_, i) => new Date(i)) }],
    ["a sparse array", { rows: Object.assign(new Array(400), { 3: { a: 1 }, 399: "z" }) }],
    ["a top-level array", Array.from({ length: 500 }, (_, i) => row(i))],
    ["null", null],
    ["undefined (answered as null)", undefined],
    ["a string", "plain"],
    [
      "an object with its own toJSON",
      { toJSON: () => ({ replaced: true }), rows: Array.from({ length: 300 }, (_, i) => i) },
    ],
  ])("is exactly JSON.stringify for %s", (_, value) => {
    expect(text(value)).toBe(JSON.stringify(value) ?? "null");
  });

  it("throws where JSON.stringify throws, so the route still answers 500", () => {
    const rows: unknown[] = Array.from({ length: 300 }, (_, i) => ({ i }));
    rows[250] = { big: 1n };
    expect(() => jsonChunks({ rows })).toThrow(TypeError);
  });

  it("answers a large page in chunks that each stay small", () => {
    const chunks = jsonChunks({ sims: Array.from({ length: 1000 }, (_, i) => row(i)) });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThan(128 * 1024);
  });
});
