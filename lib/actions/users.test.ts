import { verifyPassword } from "better-auth/crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getCurrentUser } from "@/lib/auth/current-user";
import { type ConsoleUser, createUser, findUserByEmail, setUserDisabled } from "@/lib/auth/user-admin";
import type { SessionUser } from "@/lib/auth/user-schemas";
import type { DbHandle } from "@/lib/db/client";
import { getDb } from "@/lib/db/get-db";
import { auditEntries } from "@/lib/db/schema/audit";
import { account, session, user } from "@/lib/db/schema/auth";
import { openTestDatabase } from "@/lib/db/test-database";
import { createUserAction, setUserDisabledAction, setUserRoleAction } from "./users";

vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: vi.fn() }));
vi.mock("@/lib/db/get-db", () => ({ getDb: vi.fn() }));

let handle: DbHandle;
let admin: ConsoleUser;

const asSession = (u: ConsoleUser): SessionUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabled,
});

beforeAll(async () => {
  handle = await openTestDatabase("pglite");
  vi.mocked(getDb).mockResolvedValue(handle.db);
}, 120_000);
afterAll(async () => {
  await handle?.close();
});
beforeEach(async () => {
  await handle.db.delete(auditEntries);
  await handle.db.delete(user);
  admin = (
    await createUser(handle.db, { email: "root@example.com", role: "admin", password: "root-password-123" })
  ).user;
  vi.mocked(getCurrentUser).mockResolvedValue(asSession(admin));
});

async function passwordHashOf(email: string) {
  const found = await findUserByEmail(handle.db, email);
  const [row] = await handle.db
    .select({ password: account.password })
    .from(account)
    .where(and(eq(account.userId, found?.id ?? ""), eq(account.providerId, "credential")));
  return row?.password ?? "";
}

describe("createUserAction", () => {
  it("creates a user with the given password and role, audited without the password", async () => {
    const result = await createUserAction({
      email: " New.Person@Example.com ",
      role: "support",
      password: "given-password-1",
      name: "",
    });
    expect(result).toMatchObject({
      ok: true,
      data: {
        user: { email: "new.person@example.com", role: "support", disabled: false, name: "new.person" },
        generatedPassword: null,
      },
    });
    expect(
      await verifyPassword({
        hash: await passwordHashOf("new.person@example.com"),
        password: "given-password-1",
      }),
    ).toBe(true);
    const [entry] = await handle.db.select().from(auditEntries);
    expect(entry).toMatchObject({
      action: "users.create",
      outcome: "ok",
      actorEmail: "root@example.com",
      actorRole: "admin",
      subject: "user:new.person@example.com",
      changes: {
        email: { before: null, after: "new.person@example.com" },
        role: { before: null, after: "support" },
      },
    });
    expect(JSON.stringify(entry)).not.toContain("given-password-1");
  });

  it("generates a strong password when none is given and returns it once", async () => {
    const result = await createUserAction({ email: "gen@example.com", role: "viewer" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const generated = result.data.generatedPassword ?? "";
    expect(generated).toMatch(/^[A-Za-z2-9]{20}$/);
    expect(await verifyPassword({ hash: await passwordHashOf("gen@example.com"), password: generated })).toBe(
      true,
    );
    expect(JSON.stringify(await handle.db.select().from(auditEntries))).not.toContain(generated);
  });

  it("refuses a duplicate email with a field error, and audits the failed attempt", async () => {
    const result = await createUserAction({
      email: "ROOT@example.com",
      role: "viewer",
      password: "another-pass-12",
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: "email_taken",
        message: "A user with this email already exists",
        fieldErrors: { email: ["A user with this email already exists"] },
      },
    });
    expect((await handle.db.select().from(auditEntries))[0]).toMatchObject({
      outcome: "error",
      errorCode: "email_taken",
    });
  });

  it("validates email, role and password length", async () => {
    const result = await createUserAction({
      email: "not-an-email",
      role: "superuser" as "admin",
      password: "short",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("invalid_input");
    expect(Object.keys(result.error.fieldErrors ?? {}).sort()).toEqual(["email", "password", "role"]);
  });
});

describe("setUserRoleAction", () => {
  it("changes a role and audits before → after with the person as subject", async () => {
    const { user: target } = await createUser(handle.db, {
      email: "t@example.com",
      role: "viewer",
      password: "target-pass-123",
    });
    const result = await setUserRoleAction({ userId: target.id, role: "operator" });
    expect(result).toMatchObject({ ok: true, data: { id: target.id, role: "operator" } });
    expect((await handle.db.select().from(auditEntries))[0]).toMatchObject({
      action: "users.setRole",
      outcome: "ok",
      subject: "user:t@example.com",
      changes: { role: { before: "viewer", after: "operator" } },
    });
  });

  it("keeps the last active admin: an admin cannot demote themselves alone", async () => {
    const result = await setUserRoleAction({ userId: admin.id, role: "operator" });
    expect(result).toMatchObject({ ok: false, error: { code: "last_admin" } });
    expect((await findUserByEmail(handle.db, admin.email))?.role).toBe("admin");
    expect((await handle.db.select().from(auditEntries))[0]).toMatchObject({
      outcome: "error",
      errorCode: "last_admin",
    });
  });

  it("lets an admin step down once another active admin exists", async () => {
    await createUser(handle.db, { email: "second@example.com", role: "admin", password: "second-pass-123" });
    expect(await setUserRoleAction({ userId: admin.id, role: "viewer" })).toMatchObject({
      ok: true,
      data: { role: "viewer" },
    });
  });

  it("does not count a disabled admin as the other admin", async () => {
    const { user: other } = await createUser(handle.db, {
      email: "off@example.com",
      role: "admin",
      password: "off-admin-123",
    });
    await setUserDisabled(handle.db, { userId: other.id, disabled: true });
    expect(await setUserRoleAction({ userId: admin.id, role: "viewer" })).toMatchObject({
      ok: false,
      error: { code: "last_admin" },
    });
  });

  it("reports a user that no longer exists", async () => {
    expect(await setUserRoleAction({ userId: "gone", role: "viewer" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });
});

describe("setUserDisabledAction", () => {
  it("disables a user, ends their sessions, and enables them again", async () => {
    const { user: target } = await createUser(handle.db, {
      email: "d@example.com",
      role: "operator",
      password: "d-password-123",
    });
    await handle.db.insert(session).values({
      id: "sess-d",
      token: "tok-d",
      userId: target.id,
      expiresAt: new Date(Date.now() + 3_600_000),
      updatedAt: new Date(),
    });
    expect(await setUserDisabledAction({ userId: target.id, disabled: true })).toMatchObject({
      ok: true,
      data: { disabled: true },
    });
    expect(await handle.db.select().from(session).where(eq(session.userId, target.id))).toEqual([]);
    expect(await setUserDisabledAction({ userId: target.id, disabled: false })).toMatchObject({
      ok: true,
      data: { disabled: false },
    });
    const changes = (await handle.db.select().from(auditEntries)).map((e) => e.changes);
    expect(changes).toEqual(
      expect.arrayContaining([
        { disabled: { before: false, after: true } },
        { disabled: { before: true, after: false } },
      ]),
    );
  });

  it("refuses to let an admin disable themselves", async () => {
    await createUser(handle.db, { email: "second@example.com", role: "admin", password: "second-pass-123" });
    expect(await setUserDisabledAction({ userId: admin.id, disabled: true })).toMatchObject({
      ok: false,
      error: { code: "self_disable" },
    });
    expect((await findUserByEmail(handle.db, admin.email))?.disabled).toBe(false);
  });
});
