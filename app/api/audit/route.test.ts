import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/user-schemas";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema/audit";
import { openTestDatabase } from "@/lib/db/test-database";
import { TEST_USERS } from "@/test/authz/users";
import type { GetAuditResponse } from "./route";

const state = vi.hoisted(() => ({ user: null as SessionUser | null, handle: null as DbHandle | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: vi.fn(async () => state.user) }));
vi.mock("@/lib/db/get-db", () => ({ getDb: vi.fn(async () => state.handle?.db) }));

const { GET } = await import("./route");

beforeAll(async () => {
  state.handle = await openTestDatabase("pglite");
  await state.handle.db.insert(auditEntries).values([
    {
      requestId: "a",
      action: "sims.suspend",
      outcome: "ok",
      simSid: "DE1",
      createdAt: new Date("2026-01-01T10:00:00Z"),
    },
    {
      requestId: "b",
      action: "users.create",
      outcome: "refused",
      createdAt: new Date("2026-01-02T10:00:00Z"),
    },
  ]);
  state.user = TEST_USERS.viewer;
}, 120_000);
afterAll(async () => {
  await state.handle?.close();
});

describe("GET /api/audit", () => {
  it("returns the filtered page with dates as ISO strings", async () => {
    const response = await GET(new Request("http://localhost/api/audit?sim=DE1"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as GetAuditResponse;
    expect(body).toMatchObject({ total: 1, page: 1, pageSize: 50, pageCount: 1 });
    expect(body.entries).toEqual([
      expect.objectContaining({
        requestId: "a",
        simSid: "DE1",
        createdAt: "2026-01-01T10:00:00.000Z",
        completedAt: null,
      }),
    ]);
  });

  it("answers 400 naming a bad filter", async () => {
    const response = await GET(new Request("http://localhost/api/audit?outcome=maybe"));
    expect(response.status).toBe(400);
    expect((await response.json()).error.fieldErrors.outcome).toHaveLength(1);
  });
});
