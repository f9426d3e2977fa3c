import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/user-schemas";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema/audit";
import { openTestDatabase } from "@/lib/db/test-database";
import { createDraftJob, getJob, itemCounts } from "@/lib/jobs/store";
import { TEST_USERS } from "@/test/authz/users";

const state = vi.hoisted(() => ({ user: null as SessionUser | null, handle: null as DbHandle | null }));

vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: vi.fn(async () => state.user) }));
vi.mock("@/lib/db/get-db", () => ({
  getDb: vi.fn(async () => {
    if (!state.handle) throw new Error("test database not open");
    return state.handle.db;
  }),
}));
const wake = vi.hoisted(() => vi.fn());
vi.mock("@/lib/jobs/instance", () => ({ wakeJobRunner: wake }));

const { cancelJob, confirmJob, retryFailedJob } = await import("./jobs");

beforeAll(async () => {
  state.handle = await openTestDatabase("pglite");
}, 120_000);
afterAll(async () => {
  await state.handle?.close();
});

function db() {
  if (!state.handle) throw new Error("test database not open");
  return state.handle.db;
}

async function draft(action: string, by: SessionUser, eligible = 3, ineligible = 1) {
  return createDraftJob(db(), {
    creator: { id: by.id, email: by.email, role: by.role },
    action,
    params: { action },
    selection: { kind: "sids", count: eligible + ineligible },
    rejectedLines: [],
    items: Array.from({ length: eligible + ineligible }, (_, i) => ({
      simSid: `DE${String(i).padStart(32, "0")}`,
      iccid: `89012600000000000${10 + i}`,
      name: null,
      eligible: i < eligible,
      skipReason: i < eligible ? null : "The SIM is already Suspended.",
      before: { status: "active" },
      after: { status: action === "deactivate" ? "deactivated" : "suspended" },
    })),
  });
}

async function as<T>(user: SessionUser, work: () => Promise<T>): Promise<T> {
  state.user = user;
  try {
    return await work();
  } finally {
    state.user = null;
  }
}

describe("job actions", () => {
  it("starts a previewed job with a reason, audited, and wakes the runner", async () => {
    const id = await draft("suspend", TEST_USERS.operator);
    const result = await as(TEST_USERS.operator, () =>
      confirmJob({ jobId: id, action: "suspend", reason: "customer asked (ticket 12)" }),
    );
    expect(result).toEqual({ ok: true, data: { jobId: id, eligible: 3 } });
    const job = await getJob(db(), id);
    expect(job).toMatchObject({ status: "queued", reason: "customer asked (ticket 12)" });
    expect(wake).toHaveBeenCalled();
    const [entry] = await db()
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.jobId, id), eq(auditEntries.action, "jobs.confirm")));
    expect(entry).toMatchObject({
      outcome: "ok",
      actorEmail: TEST_USERS.operator.email,
      reason: "customer asked (ticket 12)",
    });
  });

  it("asks for a reason", async () => {
    const id = await draft("suspend", TEST_USERS.operator);
    const result = await as(TEST_USERS.operator, () =>
      confirmJob({ jobId: id, action: "suspend", reason: " " }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { reason: [expect.any(String)] } },
    });
    expect((await getJob(db(), id))?.status).toBe("draft");
  });

  it("makes destructive jobs type the number of SIMs they will change", async () => {
    const id = await draft("deactivate", TEST_USERS.admin, 3, 2);
    const wrong = await as(TEST_USERS.admin, () =>
      confirmJob({ jobId: id, action: "deactivate", reason: "retiring shipment 7", confirmCount: 5 }),
    );
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { confirmCount: [expect.stringMatching(/Type 3/)] } },
    });
    const right = await as(TEST_USERS.admin, () =>
      confirmJob({ jobId: id, action: "deactivate", reason: "retiring shipment 7", confirmCount: 3 }),
    );
    expect(right.ok).toBe(true);
  });

  it("refuses an operator who passes a deactivation off as a suspension", async () => {
    const id = await draft("deactivate", TEST_USERS.operator);
    const result = await as(TEST_USERS.operator, () =>
      confirmJob({ jobId: id, action: "suspend", reason: "sneaky" }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    const refused = await as(TEST_USERS.operator, () =>
      confirmJob({ jobId: id, action: "deactivate", reason: "sneaky", confirmCount: 3 }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await getJob(db(), id))?.status).toBe("draft");
  });

  it("lets only the person who previewed a job start it", async () => {
    const id = await draft("suspend", TEST_USERS.operator);
    const result = await as(TEST_USERS.admin, () =>
      confirmJob({ jobId: id, action: "suspend", reason: "mine now" }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: "not_yours" } });
  });

  it("cancels: pending SIMs are skipped with the reason; retry needs failures", async () => {
    const id = await draft("suspend", TEST_USERS.operator);
    await as(TEST_USERS.operator, () => confirmJob({ jobId: id, action: "suspend", reason: "go" }));
    const canceled = await as(TEST_USERS.support, () => cancelJob({ jobId: id, action: "suspend" }));
    expect(canceled).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await as(TEST_USERS.operator, () => cancelJob({ jobId: id, action: "suspend" }))).toEqual({
      ok: true,
      data: { jobId: id },
    });
    expect((await itemCounts(db(), [id])).get(id)).toMatchObject({ pending: 0, skipped: 4 });
    const retry = await as(TEST_USERS.operator, () => retryFailedJob({ jobId: id, action: "suspend" }));
    expect(retry).toMatchObject({ ok: false, error: { code: "nothing_to_do" } });
  });
});
