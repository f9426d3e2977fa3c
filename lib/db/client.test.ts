import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./client";
import { consoleSettings } from "./schema/settings";

describe("createDb with a file-backed PGlite", () => {
  const root = mkdtempSync(path.join(tmpdir(), "sim-console-db-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("creates a missing parent directory, keeps data across reopen, and migrates only once", async () => {
    const dir = path.join(root, "nested", "data", "pg");
    const first = await createDb({ kind: "pglite", dir });
    await first.db.insert(consoleSettings).values({ key: "probe", value: { n: 1 } });
    await first.close();

    const second = await createDb({ kind: "pglite", dir });
    try {
      const rows = await second.db.select().from(consoleSettings).where(eq(consoleSettings.key, "probe"));
      expect(rows.map((r) => r.value)).toEqual([{ n: 1 }]);
    } finally {
      await second.close();
    }
    // Two PGlite starts (initdb, then reopen): ~5 s alone, far more on a busy CI machine.
  }, 180_000);

  it("fails at once, naming the folder, when the migrations are missing", async () => {
    const missing = path.join(root, "no-such-folder");
    await expect(
      createDb({ kind: "pglite", dir: "memory://" }, { migrationsFolder: missing }),
    ).rejects.toThrow(`Database migrations not found in ${missing}`);
  });
});
