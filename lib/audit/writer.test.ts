import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema/audit";
import { openTestDatabase } from "@/lib/db/test-database";
import { beginAuditEntry, recordRefusal } from "./writer";

const TOKEN = vi.hoisted(() => {
  // Read by lib/config on first use: the writer must redact the installation's own secrets.
  process.env.WEBHOOK_TOKEN = "hook-token-0123456789abcdefghij";
  return process.env.WEBHOOK_TOKEN;
});

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDatabase("pglite");
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

const actor = { id: "u1", email: "ops@example.com", role: "operator" };
const read = async (id: string) =>
  (await handle.db.select().from(auditEntries).where(eq(auditEntries.id, id)))[0];

describe("audit writer", () => {
  it("stores a pending attempt and completes it once", async () => {
    const entry = await beginAuditEntry(handle.db, {
      requestId: "req-w1",
      actor,
      action: "sims.update",
      simSid: "DE1",
      changes: {
        callbackUrl: { before: null, after: `https://console.example.com/api/webhooks/sim-status/${TOKEN}` },
      },
      reason: "  new endpoint  ",
    });
    expect(await read(entry.id)).toMatchObject({
      outcome: "pending",
      completedAt: null,
      reason: "new endpoint",
    });
    expect(JSON.stringify(await read(entry.id))).not.toContain(TOKEN);

    await entry.complete({ ok: false, code: "33010", message: `busy (callback ${TOKEN})` });
    await entry.complete({ ok: true });
    const done = await read(entry.id);
    expect(done).toMatchObject({
      outcome: "error",
      errorCode: "33010",
      errorMessage: "busy (callback [redacted])",
    });
    expect(done?.completedAt).toBeInstanceOf(Date);
    expect(entry.completed).toBe(true);
  });

  it("records a refusal in one step, anonymous allowed", async () => {
    const id = await recordRefusal(handle.db, {
      requestId: "req-w2",
      actor: null,
      action: "users.create",
      code: "unauthenticated",
      message: "Sign in",
    });
    expect(await read(id)).toMatchObject({
      outcome: "refused",
      errorCode: "unauthenticated",
      actorId: null,
      actorEmail: null,
      action: "users.create",
    });
  });

  it("keeps long free text within bounds", async () => {
    const entry = await beginAuditEntry(handle.db, {
      requestId: "r",
      actor,
      action: "a",
      reason: "x".repeat(5000),
    });
    expect((await read(entry.id))?.reason?.length).toBe(1000);
  });
});
