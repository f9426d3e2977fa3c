import { describe, expect, it } from "vitest";
import { loadSimSearchParams, resolveSimSearch } from "./search-params";
import { simListQuerySchema } from "./sim-list-query";

const ICCID = "89014103211118510720";

describe("simListQuerySchema (the GET route's rules)", () => {
  it("applies the defaults and parses every param", () => {
    expect(simListQuerySchema.parse({})).toEqual({ pageSize: 50, page: 1 });
    expect(
      simListQuerySchema.parse({
        status: "suspended",
        iccid: ` ${ICCID.slice(0, 10)} ${ICCID.slice(10)} `,
        ratePlan: " iot-basic ",
        registrationCode: "R1",
        eid: "E1",
        pageSize: "1000",
        page: "4",
        pageToken: "PADE1",
      }),
    ).toEqual({
      status: "suspended",
      iccid: ICCID,
      ratePlan: "iot-basic",
      registrationCode: "R1",
      eid: "E1",
      pageSize: 1000,
      page: 4,
      pageToken: "PADE1",
    });
  });

  it("refuses what the lenient URL parsers would drop, naming each field", () => {
    const result = simListQuerySchema.safeParse({
      status: "sleeping",
      iccid: "123",
      pageSize: "1001",
      page: "0",
      pageToken: "has space",
      ratePlan: "   ",
    });
    expect(result.success).toBe(false);
    const fields = result.error?.issues.map((issue) => issue.path[0]).sort();
    expect(fields).toEqual(["iccid", "page", "pageSize", "pageToken", "ratePlan", "status"]);
    expect(result.error?.issues.find((i) => i.path[0] === "iccid")?.message).toBe(
      "An ICCID has 18 to 22 digits; this has 3.",
    );
  });

  it("agrees with the browser's parsing: a valid URL gives the same query on both sides", () => {
    const search = `?status=active&iccid=${ICCID}&ratePlan=WP1&pageSize=250&page=3&pageToken=PADEx`;
    const browser = resolveSimSearch(loadSimSearchParams(search));
    const server = simListQuerySchema.parse(Object.fromEntries(new URLSearchParams(search)));
    expect(browser).toEqual({ ok: true, query: server });
  });
});
