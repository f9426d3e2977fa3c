import { expect, it } from "vitest";
import { user } from "@/lib/db/schema/auth";
import { userPreferences } from "@/lib/db/schema/settings";
import { describeEachDatabase } from "@/lib/db/test-database";
import { getSimTableColumnsPreference, saveSimTableColumnsPreference } from "./table-preferences";

describeEachDatabase("SIM table column preference", (handle) => {
  it("shows every column until a person saves a choice, then keeps theirs only", async () => {
    const { db } = handle();
    await db.insert(user).values([
      { id: "u-ann", name: "Ann", email: "ann@example.test" },
      { id: "u-bob", name: "Bob", email: "bob@example.test" },
    ]);
    expect(await getSimTableColumnsPreference("u-ann", db)).toEqual({ hidden: [] });

    await saveSimTableColumnsPreference("u-ann", { hidden: ["reset", "dateCreated"] }, db);
    expect(await getSimTableColumnsPreference("u-ann", db)).toEqual({ hidden: ["reset", "dateCreated"] });
    expect(await getSimTableColumnsPreference("u-bob", db)).toEqual({ hidden: [] });

    // Saving again replaces the choice rather than adding a second row.
    await saveSimTableColumnsPreference("u-ann", { hidden: ["name"] }, db);
    expect(await getSimTableColumnsPreference("u-ann", db)).toEqual({ hidden: ["name"] });
    expect(await db.select().from(userPreferences)).toHaveLength(1);
  });

  it("refuses to store columns that cannot be hidden", async () => {
    const { db } = handle();
    await expect(
      saveSimTableColumnsPreference("u-ann", { hidden: ["iccid"] } as never, db),
    ).rejects.toThrow();
  });
});
