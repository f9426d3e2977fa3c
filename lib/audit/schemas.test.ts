import { describe, expect, it } from "vitest";
import { auditQuerySchema, parseAuditQueryLenient } from "./schemas";

describe("auditQuerySchema", () => {
  it("defaults to the first page of 50 with no filters, treating empty form fields as unset", () => {
    expect(
      auditQuerySchema.parse({ person: "", action: "", sim: " ", outcome: "", from: "", to: "" }),
    ).toEqual({
      page: 1,
      pageSize: 50,
    });
  });

  it("parses every filter", () => {
    expect(
      auditQuerySchema.parse({
        person: " ops@ ",
        action: "sims.suspend",
        sim: "DE1",
        outcome: "refused",
        from: "2026-01-01",
        to: "2026-01-31",
        page: "3",
        pageSize: "25",
      }),
    ).toEqual({
      person: "ops@",
      action: "sims.suspend",
      sim: "DE1",
      outcome: "refused",
      from: "2026-01-01",
      to: "2026-01-31",
      page: 3,
      pageSize: 25,
    });
  });

  it("names what is wrong", () => {
    const result = auditQuerySchema.safeParse({
      outcome: "maybe",
      from: "yesterday",
      pageSize: "7",
      page: "0",
    });
    expect(result.success).toBe(false);
    const fields = new Set(result.error?.issues.map((i) => i.path[0]));
    expect(fields).toEqual(new Set(["outcome", "from", "pageSize", "page"]));
  });

  it("refuses a range that ends before it starts", () => {
    const result = auditQuerySchema.safeParse({ from: "2026-02-01", to: "2026-01-01" });
    expect(result.error?.issues[0]?.path).toEqual(["to"]);
  });
});

describe("parseAuditQueryLenient", () => {
  it("drops only the bad parameters of a hand-edited URL", () => {
    expect(
      parseAuditQueryLenient({ outcome: "nope", sim: "DE1", page: ["2", "9"], pageSize: "999" }),
    ).toEqual({
      sim: "DE1",
      page: 2,
      pageSize: 50,
    });
  });

  it("drops an entry id that is not one (it could never match, and the database would refuse it)", () => {
    expect(parseAuditQueryLenient({ entry: "not-a-uuid", job: "job-7" })).toEqual({
      job: "job-7",
      page: 1,
      pageSize: 50,
    });
    const id = "0b9c2a7e-5d1f-4c3b-9a8e-1f2d3c4b5a69";
    expect(parseAuditQueryLenient({ entry: id }).entry).toBe(id);
  });

  it("drops an inverted date range's end", () => {
    expect(parseAuditQueryLenient({ from: "2026-02-01", to: "2026-01-01" })).toMatchObject({
      from: "2026-02-01",
    });
    expect(parseAuditQueryLenient({ from: "2026-02-01", to: "2026-01-01" }).to).toBeUndefined();
  });
});
