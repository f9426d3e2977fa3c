import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema/audit";
import { openTestDatabase } from "@/lib/db/test-database";
import { cooldownState, formatCooldown, getResetCooldown, RESET_ACTION } from "./reset-cooldown";

const SIM = "DE00000000000000000000000000000001";
const OTHER = "DE00000000000000000000000000000002";

describe("cooldownState", () => {
  const last = new Date("2026-11-29T10:00:00Z");

  it("counts down from the last reset", () => {
    expect(cooldownState(last, new Date("2026-11-29T10:01:00.500Z"), 300)).toEqual({
      lastResetAt: "2026-11-29T10:00:00.000Z",
      availableAt: "2026-11-29T10:05:00.000Z",
      remainingSeconds: 240,
      cooldownSeconds: 300,
    });
  });

  it("is over once the cooldown has passed, when there was no reset, or when it is 0", () => {
    expect(cooldownState(last, new Date("2026-11-29T10:05:00Z"), 300).remainingSeconds).toBe(0);
    expect(cooldownState(null, new Date(), 300)).toMatchObject({ availableAt: null, remainingSeconds: 0 });
    expect(cooldownState(last, last, 0).remainingSeconds).toBe(0);
  });

  it("formats the wait", () => {
    expect(formatCooldown(45)).toBe("45 s");
    expect(formatCooldown(240)).toBe("4 min");
    expect(formatCooldown(250)).toBe("4 min 10 s");
  });
});

describe("getResetCooldown from the audit trail", () => {
  let handle: DbHandle;
  const now = new Date();
  const ago = (s: number) => new Date(now.getTime() - s * 1000);

  beforeAll(async () => {
    handle = await openTestDatabase("pglite");
    const row = (
      simSid: string,
      outcome: "ok" | "error" | "refused" | "pending",
      createdAt: Date,
      action = RESET_ACTION,
    ) => ({
      requestId: "r",
      action,
      simSid,
      outcome,
      createdAt,
    });
    await handle.db.insert(auditEntries).values([
      row(SIM, "ok", ago(600)),
      row(SIM, "ok", ago(100)),
      // Newer, but none of them is a successful reset of this SIM.
      row(SIM, "error", ago(10)),
      row(SIM, "refused", ago(5)),
      row(SIM, "ok", ago(1), "sims.suspend"),
      row(OTHER, "ok", ago(1)),
    ]);
  });

  afterAll(async () => {
    await handle?.close();
  });

  it("starts from the last successful reset of that SIM only", async () => {
    const state = await getResetCooldown(handle.db, SIM, 300, now);
    expect(state.lastResetAt).toBe(ago(100).toISOString());
    expect(state.remainingSeconds).toBe(200);
  });

  it("is free for a SIM never reset", async () => {
    const state = await getResetCooldown(handle.db, "DE00000000000000000000000000000003", 300, now);
    expect(state).toMatchObject({ lastResetAt: null, remainingSeconds: 0 });
  });
});
