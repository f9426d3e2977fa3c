/** Status callbacks as stored by the receiver (lib/db/schema/sim-callbacks.ts). */
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { simCallbacks } from "@/lib/db/schema/sim-callbacks";
import type { StoredCallback } from "./merge";

export type NewCallback = {
  simSid: string;
  status: string;
  previousStatus: string | null;
  params: Record<string, string>;
  dedupeKey: string;
};

/** Stores a delivery unless one with the same dedupe key is stored; true when it was new. */
export async function storeCallback(db: Db, callback: NewCallback): Promise<boolean> {
  const inserted = await db
    .insert(simCallbacks)
    .values(callback)
    .onConflictDoNothing({ target: simCallbacks.dedupeKey })
    .returning({ id: simCallbacks.id });
  return inserted.length > 0;
}

/** A SIM's callbacks, newest first (bounded like the other timeline sources). */
export async function readSimCallbacks(db: Db, simSid: string, limit = 1000): Promise<StoredCallback[]> {
  return db
    .select()
    .from(simCallbacks)
    .where(eq(simCallbacks.simSid, simSid))
    .orderBy(desc(simCallbacks.receivedAt))
    .limit(limit);
}
