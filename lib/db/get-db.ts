/**
 * The process-wide database handle. It lives on `globalThis` so Next's dev-mode module reloads
 * reuse the open database instead of opening (and migrating) a second PGlite on the same
 * directory, which PGlite does not lock against (toolchain.md G10).
 */
import { getConfig } from "@/lib/config";
import { createDb, type Db, type DbHandle } from "./client";

type Slot = { opening?: Promise<DbHandle> };

const SLOT_KEY = Symbol.for("sim-console.db");
const globalSlot = globalThis as typeof globalThis & { [SLOT_KEY]?: Slot };

/** The open, migrated database of this process. Concurrent first callers share one opening. */
export function getDbHandle(): Promise<DbHandle> {
  const slot = (globalSlot[SLOT_KEY] ??= {});
  if (!slot.opening) {
    const opening = createDb(getConfig().database);
    slot.opening = opening;
    // A failed open (database down, bad URL) must not stick: the next request tries again.
    opening.catch(() => {
      if (slot.opening === opening) slot.opening = undefined;
    });
  }
  return slot.opening;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
