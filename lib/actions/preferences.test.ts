import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/user-schemas";
import type { DbHandle } from "@/lib/db/client";
import { user } from "@/lib/db/schema/auth";
import { openTestDatabase } from "@/lib/db/test-database";
import { getSimTableColumnsPreference } from "@/lib/sims/table-preferences";

const state = vi.hoisted(() => ({ user: null as SessionUser | null, handle: null as DbHandle | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: vi.fn(async () => state.user) }));
vi.mock("@/lib/db/get-db", () => ({
  getDb: vi.fn(async () => {
    if (!state.handle) throw new Error("test database not open");
    return state.handle.db;
  }),
}));

const { saveSimTableColumns } = await import("./preferences");

const viewer: SessionUser = {
  id: "u-vic",
  email: "vic@example.test",
  name: "Vic",
  role: "viewer",
  disabled: false,
};

beforeAll(async () => {
  state.handle = await openTestDatabase("pglite");
  await state.handle.db
    .insert(user)
    .values({ id: viewer.id, name: viewer.name, email: viewer.email, role: "viewer" });
});

afterAll(async () => {
  await state.handle?.close();
});

describe("saveSimTableColumns", () => {
  it("refuses without a session and stores nothing", async () => {
    state.user = null;
    const result = await saveSimTableColumns({ hidden: ["reset"] });
    expect(result).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(await getSimTableColumnsPreference(viewer.id, state.handle?.db)).toEqual({ hidden: [] });
  });

  it("lets any signed-in person (even a viewer) keep their own column choice", async () => {
    state.user = viewer;
    expect(await saveSimTableColumns({ hidden: ["reset", "dateCreated"] })).toEqual({
      ok: true,
      data: { hidden: ["reset", "dateCreated"] },
    });
    expect(await getSimTableColumnsPreference(viewer.id, state.handle?.db)).toEqual({
      hidden: ["reset", "dateCreated"],
    });
  });

  it("refuses columns that do not exist or cannot be hidden", async () => {
    state.user = viewer;
    const result = await saveSimTableColumns({ hidden: ["iccid"] } as never);
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await getSimTableColumnsPreference(viewer.id, state.handle?.db)).toEqual({
      hidden: ["reset", "dateCreated"],
    });
  });
});
