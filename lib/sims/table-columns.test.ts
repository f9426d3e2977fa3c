import { describe, expect, it } from "vitest";
import { hiddenColumnsOf, toColumnVisibility } from "./table-columns";
import { readSimTableColumnsPreference, simTableColumnsPreferenceSchema } from "./table-columns-schema";

describe("SIM table column preference", () => {
  it("round-trips hidden columns through the visibility state", () => {
    const visibility = toColumnVisibility({ hidden: ["reset", "dateCreated"] });
    expect(visibility).toEqual({ reset: false, dateCreated: false });
    expect(hiddenColumnsOf({ ...visibility, name: true })).toEqual(["reset", "dateCreated"]);
  });

  it("refuses unknown or unhideable columns when saving", () => {
    expect(simTableColumnsPreferenceSchema.safeParse({ hidden: ["iccid"] }).success).toBe(false);
    expect(simTableColumnsPreferenceSchema.safeParse({ hidden: ["password"] }).success).toBe(false);
    expect(simTableColumnsPreferenceSchema.parse({ hidden: ["name", "name"] })).toEqual({ hidden: ["name"] });
  });

  it("reads stored values leniently, dropping what no longer exists", () => {
    expect(readSimTableColumnsPreference({ hidden: ["name", "removedColumn", 3] })).toEqual({
      hidden: ["name"],
    });
    expect(readSimTableColumnsPreference(null)).toEqual({ hidden: [] });
    expect(readSimTableColumnsPreference("garbage")).toEqual({ hidden: [] });
  });
});
