import { describe, expect, it } from "vitest";
import { parsePastedList } from "./pasted-list";

const SID = `DE${"ab".repeat(16)}`;
const ICCID = "8901260000000000042";

describe("parsePastedList", () => {
  it("reads ICCIDs and SIDs one per line, ignoring blanks and comments", () => {
    const result = parsePastedList(
      `${ICCID}\n\n# shipment 7\n${SID.toUpperCase().replace(/^DE/, "de")}\r\n8901 2600 0000 0000 059`,
    );
    expect(result.entries).toEqual([
      { line: 1, kind: "iccid", value: ICCID },
      { line: 4, kind: "sid", value: SID },
      { line: 5, kind: "iccid", value: "8901260000000000059" },
    ]);
    expect(result.rejected).toEqual([]);
  });

  it("lists every bad line with its number and reason instead of dropping it", () => {
    const result = parsePastedList(`${ICCID}\nhello\n12345\nDE123\n${ICCID}`);
    expect(result.entries).toHaveLength(1);
    expect(result.rejected).toEqual([
      { line: 2, text: "hello", reason: expect.stringMatching(/Not an ICCID or SIM SID/) },
      { line: 3, text: "12345", reason: expect.stringMatching(/18 to 22 digits/) },
      { line: 4, text: "DE123", reason: expect.stringMatching(/Not a SIM SID/) },
      { line: 5, text: ICCID, reason: "Listed already on line 1." },
    ]);
  });

  it("takes the first field of a CSV and skips its header", () => {
    const csv = `ICCID,Name,Status\r\n"${ICCID}","Meter, north",Active\r\n`;
    expect(parsePastedList(csv)).toEqual({
      entries: [{ line: 2, kind: "iccid", value: ICCID }],
      rejected: [],
    });
  });

  it("refuses lines past the limit, naming them", () => {
    const lines = Array.from({ length: 5 }, (_, i) => `89012600000000000${10 + i}`).join("\n");
    const result = parsePastedList(lines, 3);
    expect(result.entries).toHaveLength(3);
    expect(result.rejected.map((r) => r.line)).toEqual([4, 5]);
    expect(result.rejected[0]?.reason).toBe("Over the limit of 3 SIMs per job.");
  });
});
