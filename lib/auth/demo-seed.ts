/**
 * Seeds the sandbox's demo users (lib/auth/demo-users.ts), one per role. Runs once per process,
 * from `getAuth()` (lib/auth/auth.ts) right after the database is opened and migrated, and only
 * in sandbox mode: with a real KORE account there is no default user.
 *
 * Idempotent: an existing account (even one an admin has since changed or disabled) is left alone.
 */
import type { Db } from "@/lib/db/client";
import { isUserSafeError } from "@/lib/http/app-error";
import { DEMO_USERS } from "./demo-users";
import { createUser, findUserByEmail } from "./user-admin";

export async function seedDemoUsers(db: Db): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const demo of DEMO_USERS) {
    if (await findUserByEmail(db, demo.email)) continue;
    try {
      await createUser(db, { email: demo.email, name: demo.name, role: demo.role, password: demo.password });
      created.push(demo.email);
    } catch (error) {
      // Another console process seeded the same user a moment earlier.
      if (!(isUserSafeError(error) && error.code === "email_taken")) throw error;
    }
  }
  return { created };
}
