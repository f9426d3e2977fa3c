import { describe, expect, it } from "vitest";
import { createCsvRecordCounter, csvField, csvRow, parseCsv } from "./csv";

describe("csvField (RFC 4180)", () => {
  it("leaves plain text alone", () => {
    expect(csvField("plain text")).toBe("plain text");
    expect(csvField("8901260000000000042")).toBe("8901260000000000042");
  });

  it("quotes fields holding a comma, a quote, CR or LF and doubles the quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line1\nline2")).toBe('"line1\nline2"');
    expect(csvField("line1\r\nline2")).toBe('"line1\r\nline2"');
    expect(csvField('"')).toBe('""""');
  });

  it("writes empty fields for null and undefined, numbers and dates as such", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(42)).toBe("42");
    expect(csvField(-1)).toBe("-1");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField(new Date("2024-06-12T08:30:05Z"))).toBe("2024-06-12T08:30:05.000Z");
  });

  it("defuses text that a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("@sum")).toBe("'@sum");
    expect(csvField("-spare")).toBe("'-spare");
  });
});

describe("csvRow", () => {
  it("joins with commas and ends with CRLF", () => {
    expect(csvRow(["a", "b,c", null, 3])).toBe('a,"b,c",,3\r\n');
  });

  it("round-trips through a parser, embedded line breaks and quotes included", () => {
    const rows = [
      ["ICCID", "Name", "Status"],
      ["890126", 'Meter "north", bay 4', "Active"],
      ["890127", "two\r\nlines", ""],
    ];
    const text = rows.map((r) => csvRow(r)).join("");
    expect(parseCsv(text)).toEqual(rows);
  });
});

describe("createCsvRecordCounter", () => {
  it("counts records across chunk boundaries, ignoring line breaks inside quotes", () => {
    const text = csvRow(["a", "x\ny"]) + csvRow(["b", '"q"']) + csvRow(["c", "z"]);
    const counter = createCsvRecordCounter();
    let total = 0;
    for (let i = 0; i < text.length; i += 3) total += counter.feed(text.slice(i, i + 3));
    expect(total).toBe(3);
  });
});
