import { desc, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { queryRows } from "./client";
import { auditEntries } from "./schema/audit";
import { session, user } from "./schema/auth";
import { consoleSettings, userPreferences } from "./schema/settings";
import { simCallbacks } from "./schema/sim-callbacks";
import { describeEachDatabase } from "./test-database";

describeEachDatabase("database", (handle) => {
  it("applies every migration and creates the console's tables", async () => {
    const { db } = handle();
    const tables = await queryRows<{ table_name: string }>(
      db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(tables.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        "account",
        "audit_entries",
        "console_settings",
        "rate_limit",
        "session",
        "sim_callbacks",
        "user",
        "user_preferences",
        "verification",
      ]),
    );
    const applied = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied[0]?.n).toBeGreaterThanOrEqual(1);
  });

  it("round-trips an audit entry from pending to completed", async () => {
    const { db } = handle();
    const [created] = await db
      .insert(auditEntries)
      .values({
        requestId: "req-1",
        actorId: "u1",
        actorEmail: "op@example.com",
        actorRole: "operator",
        action: "sims.suspend",
        simSid: "DE00000000000000000000000000000001",
        changes: { status: { before: "active", after: "suspended" } },
        reason: "customer asked",
        outcome: "pending",
      })
      .returning();
    expect(created?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created?.createdAt).toBeInstanceOf(Date);
    expect(created?.completedAt).toBeNull();

    await db
      .update(auditEntries)
      .set({ outcome: "error", errorCode: "33010", errorMessage: "busy", completedAt: new Date() })
      .where(eq(auditEntries.id, created?.id ?? ""));
    const [read] = await db.select().from(auditEntries).where(eq(auditEntries.requestId, "req-1"));
    expect(read).toMatchObject({
      outcome: "error",
      errorCode: "33010",
      changes: { status: { before: "active", after: "suspended" } },
      simSid: "DE00000000000000000000000000000001",
    });
    expect(read?.completedAt).toBeInstanceOf(Date);

    await db.delete(auditEntries).where(eq(auditEntries.id, created?.id ?? ""));
    expect(await db.select().from(auditEntries).where(eq(auditEntries.requestId, "req-1"))).toEqual([]);
  });

  it("refuses an audit outcome outside the known set", async () => {
    const { db } = handle();
    await expect(
      db.execute(sql`insert into audit_entries (request_id, action, outcome) values ('r', 'a', 'maybe')`),
    ).rejects.toThrow();
  });

  it("orders audit entries newest first on the created_at index", async () => {
    const { db } = handle();
    const base = Date.parse("2026-01-01T00:00:00Z");
    await db.insert(auditEntries).values(
      [0, 1, 2].map((i) => ({
        requestId: `order-${i}`,
        action: "test.order",
        outcome: "ok" as const,
        createdAt: new Date(base + i * 1000),
      })),
    );
    const rows = await db
      .select({ requestId: auditEntries.requestId })
      .from(auditEntries)
      .where(eq(auditEntries.action, "test.order"))
      .orderBy(desc(auditEntries.createdAt));
    expect(rows.map((r) => r.requestId)).toEqual(["order-2", "order-1", "order-0"]);
  });

  it("stores a SIM callback once per dedupe key", async () => {
    const { db } = handle();
    const delivery = {
      simSid: "DE00000000000000000000000000000002",
      status: "active",
      previousStatus: "updating",
      params: { SimSid: "DE00000000000000000000000000000002", Status: "active" },
      dedupeKey: "dk-1",
    };
    await db.insert(simCallbacks).values(delivery).onConflictDoNothing();
    await db.insert(simCallbacks).values(delivery).onConflictDoNothing();
    const rows = await db.select().from(simCallbacks).where(eq(simCallbacks.dedupeKey, "dk-1"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.params).toEqual(delivery.params);
  });

  it("keeps settings and per-user preferences, removed with their user", async () => {
    const { db } = handle();
    await db.insert(consoleSettings).values({ key: "sync.cursor", value: { after: "EV1" } });
    await db.insert(user).values({ id: "pref-user", name: "P", email: "pref@example.com" });
    await db
      .insert(userPreferences)
      .values({ userId: "pref-user", key: "sims.columns", value: ["iccid", "status"] });
    await db.insert(session).values({
      id: "s1",
      token: "tok-1",
      userId: "pref-user",
      expiresAt: new Date(Date.now() + 60_000),
      updatedAt: new Date(),
    });
    const [setting] = await db.select().from(consoleSettings).where(eq(consoleSettings.key, "sync.cursor"));
    expect(setting?.value).toEqual({ after: "EV1" });
    const [newUser] = await db.select().from(user).where(eq(user.id, "pref-user"));
    expect(newUser).toMatchObject({ role: "viewer", disabled: false });

    await db.delete(user).where(eq(user.id, "pref-user"));
    expect(await db.select().from(userPreferences).where(eq(userPreferences.userId, "pref-user"))).toEqual(
      [],
    );
    expect(await db.select().from(session).where(eq(session.userId, "pref-user"))).toEqual([]);
  });

  it("refuses a role outside the permission matrix", async () => {
    const { db } = handle();
    await expect(
      db.execute(
        sql`insert into "user" (id, name, email, role) values ('bad-role', 'B', 'b@example.com', 'root')`,
      ),
    ).rejects.toThrow();
  });
});
