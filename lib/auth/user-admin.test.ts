import { eq, sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { user } from "@/lib/db/schema/auth";
import { describeEachDatabase } from "@/lib/db/test-database";
import {
  countUsers,
  createUser,
  findUserByEmail,
  listUsers,
  setUserDisabled,
  setUserRole,
} from "./user-admin";

describeEachDatabase("user administration", (handle) => {
  beforeEach(async () => {
    await handle().db.delete(user);
  });

  it("creates, finds and lists users by email", async () => {
    const { db } = handle();
    await createUser(db, { email: "b@example.com", role: "viewer", password: "b-password-123" });
    await createUser(db, { email: "A@Example.com", role: "admin", password: "a-password-123", name: "Ann" });
    expect((await listUsers(db)).map((u) => [u.email, u.role, u.name])).toEqual([
      ["a@example.com", "admin", "Ann"],
      ["b@example.com", "viewer", "b"],
    ]);
    expect((await findUserByEmail(db, " A@EXAMPLE.COM "))?.name).toBe("Ann");
    expect(await countUsers(db)).toBe(2);
  });

  it("never disables or demotes the last active admin", async () => {
    const { db } = handle();
    const { user: admin } = await createUser(db, {
      email: "root@example.com",
      role: "admin",
      password: "root-pass-1234",
    });
    await expect(setUserDisabled(db, { userId: admin.id, disabled: true })).rejects.toMatchObject({
      code: "last_admin",
    });
    await expect(setUserRole(db, { userId: admin.id, role: "support" })).rejects.toMatchObject({
      code: "last_admin",
    });
    expect(await findUserByEmail(db, "root@example.com")).toMatchObject({ role: "admin", disabled: false });
  });

  it("lets only one of two admins demoting each other at the same moment win", async () => {
    const { db } = handle();
    const { user: a } = await createUser(db, {
      email: "a@example.com",
      role: "admin",
      password: "a-password-123",
    });
    const { user: b } = await createUser(db, {
      email: "b@example.com",
      role: "admin",
      password: "b-password-123",
    });
    // Open several pooled connections first, so both transactions really run side by side.
    await Promise.all([1, 2, 3].map(() => db.execute(sql`select pg_sleep(0.05)`)));
    const results = await Promise.allSettled([
      setUserRole(db, { userId: a.id, role: "viewer" }),
      setUserRole(db, { userId: b.id, role: "viewer" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.select().from(user).where(eq(user.role, "admin"))).toHaveLength(1);
  });

  it("refuses a self-disable before touching the database", async () => {
    const { db } = handle();
    const { user: a } = await createUser(db, {
      email: "a@example.com",
      role: "operator",
      password: "a-password-123",
    });
    await expect(setUserDisabled(db, { userId: a.id, disabled: true, actorId: a.id })).rejects.toMatchObject({
      code: "self_disable",
    });
  });
});
