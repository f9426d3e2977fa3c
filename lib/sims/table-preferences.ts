/**
 * Reads and writes a person's SIM table column choice in `user_preferences`. The server page
 * reads it before rendering (no flash of columns the person hid); the server action saves it.
 */
import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/get-db";
import { userPreferences } from "@/lib/db/schema/settings";
import { SIM_TABLE_COLUMNS_PREFERENCE } from "./table-columns";
import {
  readSimTableColumnsPreference,
  type SimTableColumnsPreference,
  simTableColumnsPreferenceSchema,
} from "./table-columns-schema";

export async function getSimTableColumnsPreference(
  userId: string,
  db?: Db,
): Promise<SimTableColumnsPreference> {
  const handle = db ?? (await getDb());
  const [row] = await handle
    .select({ value: userPreferences.value })
    .from(userPreferences)
    .where(and(eq(userPreferences.userId, userId), eq(userPreferences.key, SIM_TABLE_COLUMNS_PREFERENCE)))
    .limit(1);
  return readSimTableColumnsPreference(row?.value);
}

export async function saveSimTableColumnsPreference(
  userId: string,
  preference: SimTableColumnsPreference,
  db?: Db,
): Promise<SimTableColumnsPreference> {
  const value = simTableColumnsPreferenceSchema.parse(preference);
  const handle = db ?? (await getDb());
  const now = new Date();
  await handle
    .insert(userPreferences)
    .values({ userId, key: SIM_TABLE_COLUMNS_PREFERENCE, value, updatedAt: now })
    .onConflictDoUpdate({
      target: [userPreferences.userId, userPreferences.key],
      set: { value, updatedAt: now },
    });
  return value;
}
