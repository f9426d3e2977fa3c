/**
 * The authorization matrix: every case in ./registry.ts × anonymous and every role. Allowed
 * exactly where `can(user, permission)` says; everywhere else refused (401/403 for routes,
 * "unauthenticated"/"forbidden" for actions) with nothing sent upstream, no effect on our
 * database, and (actions) a "refused" audit entry naming who tried.
 *
 * Seams: the session comes from a mocked lib/auth/current-user.ts, the database from a mocked
 * lib/db/get-db.ts (one in-memory PGlite), and the KORE client's HTTP from a mocked
 * lib/kore/instance.ts whose fetch records every call and answers 503 at once. `fetch` itself is
 * spied too, so a module that bypasses the client is caught as well.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/user-schemas";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema/audit";
import { openTestDatabase } from "@/lib/db/test-database";
import { AUTHZ_CASES, type MatrixFixtures } from "./registry";
import { IDENTITIES } from "./users";

const state = vi.hoisted(() => ({
  user: null as SessionUser | null,
  handle: null as DbHandle | null,
  upstreamCalls: [] as string[],
}));

vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: vi.fn(async () => state.user) }));
vi.mock("@/lib/db/get-db", () => ({
  getDb: vi.fn(async () => {
    if (!state.handle) throw new Error("test database not open");
    return state.handle.db;
  }),
}));
vi.mock("@/lib/kore/instance", async () => {
  const { createKoreHttp } = await import("@/lib/kore/http");
  const { getConfig } = await import("@/lib/config");
  const recordingFetch: typeof fetch = async (input) => {
    state.upstreamCalls.push(String(input instanceof Request ? input.url : input));
    return new Response(
      JSON.stringify({ code: 20503, message: "matrix test: upstream disabled", status: 503 }),
      {
        status: 503,
        headers: { "content-type": "application/json" },
      },
    );
  };
  let http: ReturnType<typeof createKoreHttp> | undefined;
  return {
    getDefaultKoreHttp: () => {
      http ??= createKoreHttp(getConfig().upstream, { fetch: recordingFetch, retry: { maxAttempts: 1 } });
      return http;
    },
  };
});

beforeAll(async () => {
  state.handle = await openTestDatabase("pglite");
}, 120_000);
afterAll(async () => {
  await state.handle?.close();
});
beforeEach(() => {
  state.upstreamCalls.length = 0;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
    state.upstreamCalls.push(`global fetch: ${String(input instanceof Request ? input.url : input)}`);
    return new Response("blocked in the authorization matrix test", { status: 503 });
  });
  vi.spyOn(console, "error").mockImplementation(() => {});
});

function fixtures(): MatrixFixtures {
  if (!state.handle) throw new Error("test database not open");
  return { db: state.handle.db };
}

const REFUSED_ACTION_CODES = ["unauthenticated", "forbidden"];

describe("authorization matrix registry", () => {
  it("lists every permission-checked action and route once per label", () => {
    const names = AUTHZ_CASES.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("agrees with each action's own static permission", async () => {
    for (const entry of AUTHZ_CASES) {
      if (entry.kind !== "action") continue;
      const action = (await entry.load()) as unknown as { permission: unknown };
      if (typeof action.permission === "string") expect(action.permission, entry.name).toBe(entry.permission);
    }
  });

  it("agrees with each route's own permission", async () => {
    for (const entry of AUTHZ_CASES) {
      if (entry.kind !== "route") continue;
      const route = (await entry.load()) as unknown as { permission?: unknown };
      expect(route.permission, `${entry.name} must be built with defineRoute`).toBe(entry.permission);
    }
  });
});

for (const entry of AUTHZ_CASES) {
  describe(`${entry.name} (${entry.permission})`, () => {
    for (const identity of IDENTITIES) {
      const allowed = can(identity.user, entry.permission);
      it(`${identity.label}: ${allowed ? "allowed" : "refused"}`, async () => {
        const fx = fixtures();
        if (entry.kind === "action") {
          const action = await entry.load();
          const input = await entry.input(fx);
          const before = await entry.snapshot?.(fx);
          await fx.db.delete(auditEntries);
          state.user = identity.user;
          const result = await action(input as never);
          state.user = null;

          if (allowed) {
            // Allowed means authorization let it through: whatever happened next is the handler's business.
            if (!result.ok)
              expect([...REFUSED_ACTION_CODES, "invalid_input"]).not.toContain(result.error.code);
            return;
          }
          expect(result).toMatchObject({
            ok: false,
            error: { code: identity.user ? "forbidden" : "unauthenticated" },
          });
          expect(state.upstreamCalls).toEqual([]);
          if (entry.snapshot) expect(await entry.snapshot(fx)).toEqual(before);
          const rows = await fx.db.select().from(auditEntries);
          expect(rows).toEqual([
            expect.objectContaining({
              action: action.actionName,
              outcome: "refused",
              errorCode: identity.user ? "forbidden" : "unauthenticated",
              actorId: identity.user?.id ?? null,
              actorRole: identity.user?.role ?? null,
            }),
          ]);
          return;
        }

        const route = await entry.load();
        state.user = identity.user;
        const response = await route(
          new Request(`http://localhost:3000${entry.path}`),
          entry.params ? { params: Promise.resolve(entry.params) } : undefined,
        );
        state.user = null;
        if (allowed) {
          expect([400, 401, 403]).not.toContain(response.status);
          return;
        }
        expect(response.status).toBe(identity.user ? 403 : 401);
        const body = (await response.json()) as { error: { code: string } };
        expect(body.error.code).toBe(identity.user ? "forbidden" : "unauthenticated");
        expect(state.upstreamCalls).toEqual([]);
      });
    }
  });
}
