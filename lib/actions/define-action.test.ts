import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import type { DbHandle } from "@/lib/db/client";
import { getDb } from "@/lib/db/get-db";
import { auditEntries } from "@/lib/db/schema/audit";
import { openTestDatabase } from "@/lib/db/test-database";
import { AppError } from "@/lib/http/app-error";
import { KoreError } from "@/lib/kore/errors";
import { TEST_USERS } from "@/test/authz/users";
import { defineAction } from "./define-action";

vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: vi.fn() }));
vi.mock("@/lib/db/get-db", () => ({ getDb: vi.fn() }));

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDatabase("pglite");
  vi.mocked(getDb).mockResolvedValue(handle.db);
}, 120_000);
afterAll(async () => {
  await handle?.close();
});
beforeEach(async () => {
  await handle.db.delete(auditEntries);
  vi.mocked(getCurrentUser).mockResolvedValue(TEST_USERS.operator);
});

const SID = "DE00000000000000000000000000000042";
const suspendInput = z.object({ sid: z.string().startsWith("DE"), reason: z.string().min(3) });

function suspendAction(work = vi.fn(async (_sid: string) => "sent")) {
  const action = defineAction(
    {
      name: "sims.suspend",
      permission: "sims.suspend",
      input: suspendInput,
      auditTarget: (input) => ({ simSid: input.sid, reason: input.reason }),
    },
    async (ctx, input) =>
      ctx.audit.run({ changes: { status: { before: "active", after: "suspended" } } }, () => work(input.sid)),
  );
  return { action, work };
}

const entries = () => handle.db.select().from(auditEntries);

describe("defineAction refusals", () => {
  it("refuses a signed-out caller, audits the refusal, and never runs the handler", async () => {
    vi.mocked(getCurrentUser).mockResolvedValue(null);
    const { action, work } = suspendAction();
    const result = await action({ sid: SID, reason: "unpaid" });
    expect(result).toEqual({ ok: false, error: { code: "unauthenticated", message: expect.any(String) } });
    expect(work).not.toHaveBeenCalled();
    expect(await entries()).toEqual([
      expect.objectContaining({
        action: "sims.suspend",
        outcome: "refused",
        errorCode: "unauthenticated",
        actorId: null,
        actorEmail: null,
        simSid: SID,
        reason: "unpaid",
      }),
    ]);
  });

  it("refuses a role below the permission, audits who tried, and never runs the handler", async () => {
    vi.mocked(getCurrentUser).mockResolvedValue(TEST_USERS.support);
    const { action, work } = suspendAction();
    const result = await action({ sid: SID, reason: "unpaid" });
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(work).not.toHaveBeenCalled();
    expect(await entries()).toEqual([
      expect.objectContaining({
        outcome: "refused",
        errorCode: "forbidden",
        actorEmail: TEST_USERS.support.email,
        actorRole: "support",
        simSid: SID,
      }),
    ]);
  });

  it("checks a static permission before looking at the input", async () => {
    vi.mocked(getCurrentUser).mockResolvedValue(TEST_USERS.viewer);
    const { action } = suspendAction();
    const result = await action({ sid: "nonsense", reason: "" });
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await entries())[0]).toMatchObject({ outcome: "refused", simSid: null });
  });

  it("answers invalid input with field errors and runs nothing", async () => {
    const { action, work } = suspendAction();
    const result = await action({ sid: "XX1", reason: "" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("invalid_input");
    expect(Object.keys(result.error.fieldErrors ?? {}).sort()).toEqual(["reason", "sid"]);
    expect(work).not.toHaveBeenCalled();
    expect(await entries()).toEqual([]);
  });

  it("resolves a permission from the input, after parsing it", async () => {
    const work = vi.fn(async () => "ok");
    const changeStatus = defineAction(
      {
        name: "sims.changeStatus",
        permission: (input) => (input.status === "deactivated" ? "sims.deactivate" : "sims.activate"),
        input: z.object({ sid: z.string(), status: z.enum(["active", "deactivated"]) }),
        auditTarget: (input) => ({ simSid: input.sid }),
      },
      async (ctx) => {
        expect(ctx.permission).toBe("sims.activate");
        return work();
      },
    );
    expect(await changeStatus({ sid: SID, status: "active" })).toEqual({ ok: true, data: "ok" });
    const refused = await changeStatus({ sid: SID, status: "deactivated" });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(work).toHaveBeenCalledTimes(1);
    expect((await entries()).find((e) => e.outcome === "refused")).toMatchObject({ simSid: SID });
  });
});

describe("defineAction audit of the real attempt", () => {
  it("writes a pending entry before the upstream call and completes it after", async () => {
    const seen: string[] = [];
    const { action } = suspendAction(
      vi.fn(async () => {
        const [row] = await entries();
        seen.push(row?.outcome ?? "none");
        return "sent";
      }),
    );
    const result = await action({ sid: SID, reason: "unpaid invoice" });
    expect(result).toEqual({ ok: true, data: "sent" });
    expect(seen).toEqual(["pending"]);
    const [row] = await entries();
    expect(row).toMatchObject({
      outcome: "ok",
      actorId: TEST_USERS.operator.id,
      actorEmail: TEST_USERS.operator.email,
      actorRole: "operator",
      action: "sims.suspend",
      simSid: SID,
      reason: "unpaid invoice",
      changes: { status: { before: "active", after: "suspended" } },
    });
    expect(row?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(row?.completedAt).toBeInstanceOf(Date);
  });

  it("leaves the entry pending when the process dies between the two writes", async () => {
    let release: () => void = () => {};
    const stuck = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { action } = suspendAction(vi.fn(async () => stuck.then(() => "sent")));
    const running = action({ sid: SID, reason: "crash test" });
    await vi.waitFor(async () => expect((await entries())[0]?.outcome).toBe("pending"));
    release();
    await running;
  });

  it("records an upstream error's code and user-safe message, and returns them", async () => {
    const { action } = suspendAction(
      vi.fn(async () => {
        throw new KoreError({ code: 33010, httpStatus: 409, detail: "raw upstream text: SIM DE42 locked" });
      }),
    );
    const result = await action({ sid: SID, reason: "retry later" });
    expect(result).toEqual({
      ok: false,
      error: { code: "33010", message: "This SIM is already being updated; try again when it settles" },
    });
    expect(JSON.stringify(result)).not.toContain("raw upstream text");
    expect((await entries())[0]).toMatchObject({
      outcome: "error",
      errorCode: "33010",
      errorMessage: "This SIM is already being updated; try again when it settles",
    });
  });

  it("hides unexpected errors behind a generic message and still completes the entry", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const { action } = suspendAction(
      vi.fn(async () => {
        throw new Error("ECONNRESET at socket.js:42 with password=hunter2");
      }),
    );
    const result = await action({ sid: SID, reason: "network" });
    expect(result).toMatchObject({ ok: false, error: { code: "internal_error" } });
    expect(JSON.stringify(result)).not.toMatch(/ECONNRESET|hunter2|socket\.js/);
    expect((await entries())[0]).toMatchObject({ outcome: "error", errorCode: "internal_error" });
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it("returns an AppError's field errors", async () => {
    const action = defineAction(
      { name: "users.create", permission: "sims.read", input: z.object({ email: z.string() }) },
      async () => {
        throw new AppError("email_taken", "Taken", { fieldErrors: { email: ["Taken"] } });
      },
    );
    expect(await action({ email: "a@b.c" })).toEqual({
      ok: false,
      error: { code: "email_taken", message: "Taken", fieldErrors: { email: ["Taken"] } },
    });
  });

  it("completes entries the handler left open: ok on return, error on throw", async () => {
    const ok = defineAction({ name: "t.ok", permission: "sims.read", input: z.object({}) }, async (ctx) => {
      await ctx.audit.begin({ simSid: SID });
      return 1;
    });
    await ok({});
    const failing = defineAction(
      { name: "t.fail", permission: "sims.read", input: z.object({}) },
      async (ctx) => {
        await ctx.audit.begin({ simSid: SID });
        throw new AppError("nope", "Nope");
      },
    );
    await failing({});
    const rows = await entries();
    expect(rows.find((r) => r.action === "t.ok")).toMatchObject({ outcome: "ok" });
    expect(rows.find((r) => r.action === "t.fail")).toMatchObject({ outcome: "error", errorCode: "nope" });
  });

  it("lets redirect() through and records the change as done", async () => {
    const action = defineAction(
      { name: "t.redirect", permission: "sims.read", input: z.object({}) },
      async (ctx) => {
        await ctx.audit.run({ simSid: SID }, async () => "changed");
        redirect("/sims");
      },
    );
    await expect(action({})).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
    expect((await entries())[0]).toMatchObject({ action: "t.redirect", outcome: "ok" });
  });

  it("never stores secrets given as changes or reasons", async () => {
    const action = defineAction(
      { name: "sims.update", permission: "sims.update", input: z.object({ url: z.string() }) },
      async (ctx, input) =>
        ctx.audit.run(
          {
            simSid: SID,
            changes: {
              commandsCallbackUrl: { before: null, after: input.url },
              authToken: { before: "a", after: "b" },
            },
            reason: "rotating Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig",
          },
          async () => "ok",
        ),
    );
    await action({ url: "https://hooks.example.com/cb?token=s3cr3t-value&x=1" });
    const [row] = await entries();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain("s3cr3t-value");
    expect(stored).not.toContain("eyJhbGciOiJIUzI1NiJ9");
    expect(row?.changes).toEqual({
      commandsCallbackUrl: { before: null, after: "https://hooks.example.com/cb?token=[redacted]&x=1" },
      authToken: "[redacted]",
    });
  });

  it("accepts FormData from a <form action>", async () => {
    const { action, work } = suspendAction();
    const form = new FormData();
    form.set("sid", SID);
    form.set("reason", "from a form");
    expect(await action(form)).toEqual({ ok: true, data: "sent" });
    expect(work).toHaveBeenCalledWith(SID);
  });

  it("exposes its name and permission for the authorization matrix", () => {
    const { action } = suspendAction();
    expect(action.actionName).toBe("sims.suspend");
    expect(action.permission).toBe("sims.suspend");
  });

  it("still refuses when the refusal cannot be recorded", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.mocked(getDb).mockRejectedValueOnce(new Error("database down"));
    vi.mocked(getCurrentUser).mockResolvedValue(TEST_USERS.viewer);
    const { action, work } = suspendAction();
    expect(await action({ sid: SID, reason: "x y z" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(work).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(
      await handle.db.select().from(auditEntries).where(eq(auditEntries.action, "sims.suspend")),
    ).toEqual([]);
  });
});
