/**
 * Managing console users: list, create (with a password hashed exactly as better-auth hashes it,
 * so the person can sign in), change role, disable/enable. Used by the server actions in
 * lib/actions/users.ts and by the `npm run users` CLI, which is why this module avoids
 * "server-only" (see lib/config.ts).
 *
 * Lock-out rule: every change keeps at least one active admin, and nobody disables themselves.
 * Role and status changes run in a transaction holding an advisory lock, so two admins demoting
 * each other at the same moment cannot both succeed.
 */
import { randomInt, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { account, session, user } from "@/lib/db/schema/auth";
import { AppError } from "@/lib/http/app-error";
import type { Role } from "./permissions";
import { forgetUserSessions } from "./session-cache";
import type { CreateUserInput } from "./user-schemas";

if (typeof window !== "undefined") {
  throw new Error("lib/auth/user-admin is server-only and must never be bundled for the browser");
}

export type ConsoleUser = Pick<
  typeof user.$inferSelect,
  "id" | "email" | "name" | "role" | "disabled" | "createdAt"
>;

const columns = {
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  disabled: user.disabled,
  createdAt: user.createdAt,
};

// Serialises admin-count checks across connections and console instances.
const USER_ADMIN_LOCK_ID = 724_117_002;

export async function listUsers(db: Db): Promise<ConsoleUser[]> {
  return db.select(columns).from(user).orderBy(asc(user.email));
}

export async function findUserByEmail(db: Db, email: string): Promise<ConsoleUser | undefined> {
  const [row] = await db.select(columns).from(user).where(eq(user.email, email.trim().toLowerCase()));
  return row;
}

export async function findUserById(db: Db, id: string): Promise<ConsoleUser | undefined> {
  const [row] = await db.select(columns).from(user).where(eq(user.id, id));
  return row;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(user);
  return row?.n ?? 0;
}

/** Creates a user who can sign in with email + password. Without a password, one is generated. */
export async function createUser(
  db: Db,
  input: CreateUserInput,
): Promise<{ user: ConsoleUser; generatedPassword?: string }> {
  const generatedPassword = input.password ? undefined : generatePassword();
  const password = input.password ?? (generatedPassword as string);
  const passwordHash = await hashPassword(password);
  const email = input.email.trim().toLowerCase();
  const id = randomUUID();
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(user)
      .values({
        id,
        email,
        name: input.name?.trim() || nameFromEmail(email),
        role: input.role,
        emailVerified: true,
      })
      .onConflictDoNothing({ target: user.email })
      .returning(columns);
    if (!row) return undefined;
    // better-auth finds the password on the "credential" account whose accountId is the user id.
    await tx.insert(account).values({
      id: randomUUID(),
      accountId: id,
      providerId: "credential",
      userId: id,
      password: passwordHash,
    });
    return row;
  });
  if (!created) {
    throw new AppError("email_taken", "A user with this email already exists", {
      httpStatus: 409,
      fieldErrors: { email: ["A user with this email already exists"] },
    });
  }
  return generatedPassword ? { user: created, generatedPassword } : { user: created };
}

export async function setUserRole(
  db: Db,
  { userId, role }: { userId: string; role: Role },
): Promise<{ user: ConsoleUser; before: Role }> {
  const changed = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${USER_ADMIN_LOCK_ID})`);
    const current = await mustFind(tx, userId);
    if (current.role === "admin" && role !== "admin" && !current.disabled) {
      await ensureAnotherActiveAdmin(tx, userId, "demote");
    }
    const [updated] = await tx.update(user).set({ role }).where(eq(user.id, userId)).returning(columns);
    return { user: updated ?? { ...current, role }, before: current.role };
  });
  // After the commit, so no request re-reads the old role into the cache.
  forgetUserSessions(userId);
  return changed;
}

export async function setUserDisabled(
  db: Db,
  { userId, disabled, actorId }: { userId: string; disabled: boolean; actorId?: string | null },
): Promise<{ user: ConsoleUser; before: boolean }> {
  if (disabled && actorId && actorId === userId) {
    throw new AppError("self_disable", "You cannot disable your own account", { httpStatus: 409 });
  }
  const changed = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${USER_ADMIN_LOCK_ID})`);
    const current = await mustFind(tx, userId);
    if (disabled && current.role === "admin" && !current.disabled) {
      await ensureAnotherActiveAdmin(tx, userId, "disable");
    }
    const [updated] = await tx.update(user).set({ disabled }).where(eq(user.id, userId)).returning(columns);
    // Signing out everywhere at once: a disabled person's open sessions stop working now.
    if (disabled) await tx.delete(session).where(eq(session.userId, userId));
    return { user: updated ?? { ...current, disabled }, before: current.disabled };
  });
  forgetUserSessions(userId);
  return changed;
}

/** 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I): ~115 bits. */
export function generatePassword(length = 20): string {
  const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function mustFind(tx: Tx, userId: string): Promise<ConsoleUser> {
  const [row] = await tx.select(columns).from(user).where(eq(user.id, userId));
  if (!row) throw new AppError("not_found", "That user no longer exists", { httpStatus: 404 });
  return row;
}

async function ensureAnotherActiveAdmin(tx: Tx, exceptUserId: string, what: "demote" | "disable") {
  const [row] = await tx
    .select({ n: count() })
    .from(user)
    .where(and(eq(user.role, "admin"), eq(user.disabled, false), ne(user.id, exceptUserId)));
  if ((row?.n ?? 0) === 0) {
    throw new AppError(
      "last_admin",
      what === "demote"
        ? "This is the last active admin: make someone else an admin first"
        : "This is the last active admin: it cannot be disabled",
      { httpStatus: 409 },
    );
  }
}

function nameFromEmail(email: string): string {
  return email.split("@")[0] || email;
}
