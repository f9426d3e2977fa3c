import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { KoreError } from "@/lib/kore/errors";
import { TEST_USERS } from "@/test/authz/users";
import { AppError } from "./app-error";
import { defineRoute, statusForUserSafeError } from "./define-route";

vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: vi.fn() }));

beforeEach(() => {
  vi.mocked(getCurrentUser).mockResolvedValue(TEST_USERS.viewer);
});

const get = (url: string) => new Request(`http://localhost:3000${url}`);

const listRoute = (
  handler = vi.fn(async (_ctx: unknown, query: { page: number }) => ({ page: query.page })),
) => ({
  handler,
  GET: defineRoute(
    { permission: "sims.read", query: z.object({ page: z.coerce.number().int().min(1).default(1) }) },
    handler,
  ),
});

describe("defineRoute", () => {
  it("answers 401 to a signed-out caller without running the handler", async () => {
    vi.mocked(getCurrentUser).mockResolvedValue(null);
    const { GET, handler } = listRoute();
    const response = await GET(get("/api/x"));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "unauthenticated", message: expect.any(String) },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 403 when the role lacks the permission", async () => {
    const handler = vi.fn(async () => ({}));
    const GET = defineRoute({ permission: "users.manage" }, handler);
    const response = await GET(get("/api/users"));
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 400 with field errors for bad query parameters", async () => {
    const { GET, handler } = listRoute();
    const response = await GET(get("/api/x?page=zero"));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("invalid_query");
    expect(body.error.fieldErrors.page).toEqual([expect.any(String)]);
    expect(handler).not.toHaveBeenCalled();
  });

  it("returns the handler's data as uncached JSON with a request id", async () => {
    const { GET, handler } = listRoute();
    const response = await GET(get("/api/x?page=3"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ page: 3 });
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(handler).toHaveBeenCalledWith(expect.objectContaining({ user: TEST_USERS.viewer }), { page: 3 });
  });

  it("parses path params from the route context", async () => {
    const GET = defineRoute(
      { permission: "sims.read", params: z.object({ sid: z.string().startsWith("DE") }) },
      async ({ params }) => ({ sid: params.sid }),
    );
    const ok = await GET(get("/api/sims/DE1"), { params: Promise.resolve({ sid: "DE1" }) });
    expect(await ok.json()).toEqual({ sid: "DE1" });
    const bad = await GET(get("/api/sims/XX"), { params: Promise.resolve({ sid: "XX" }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("invalid_params");
  });

  it("passes a Response through (e.g. a CSV stream)", async () => {
    const GET = defineRoute(
      { permission: "sims.export" },
      async () => new Response("a,b\n", { headers: { "content-type": "text/csv" } }),
    );
    const response = await GET(get("/api/export"));
    expect(await response.text()).toBe("a,b\n");
    expect(response.headers.get("content-type")).toBe("text/csv");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  it("turns a KoreError into its code and user-safe message, never the upstream text", async () => {
    const GET = defineRoute({ permission: "sims.read" }, async () => {
      throw new KoreError({ code: 20404, httpStatus: 404, detail: "upstream said: /v1/Sims/DE9 not found" });
    });
    const response = await GET(get("/api/sims/DE9"));
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: "20404", message: "No SIM (or resource) with that identifier exists" },
    });
    expect(text).not.toContain("upstream said");
  });

  it("answers 500 with a generic message and a reference for anything else, and logs it", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const GET = defineRoute({ permission: "sims.read" }, async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'sid') at /app/lib/x.ts:12");
    });
    const response = await GET(get("/api/x"));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/Cannot read|lib\/x\.ts|TypeError/);
    const { error } = JSON.parse(text);
    expect(error.code).toBe("internal_error");
    expect(error.message).toContain(response.headers.get("x-request-id"));
    expect(spy).toHaveBeenCalledWith(
      expect.stringContaining(response.headers.get("x-request-id") ?? "?"),
      expect.any(TypeError),
    );
    spy.mockRestore();
  });

  it("uses an AppError's own status", async () => {
    const GET = defineRoute({ permission: "sims.read" }, async () => {
      throw new AppError("cooldown", "Wait 5 minutes between resets", { httpStatus: 409 });
    });
    const response = await GET(get("/api/x"));
    expect(response.status).toBe(409);
    expect((await response.json()).error).toEqual({
      code: "cooldown",
      message: "Wait 5 minutes between resets",
    });
  });
});

describe("statusForUserSafeError", () => {
  it.each([
    [{ code: 20404, httpStatus: 404 }, 404],
    [{ code: 33010, httpStatus: 409 }, 409],
    [{ code: 20001, httpStatus: 400 }, 400],
    [{ code: 20429, httpStatus: 429 }, 429],
    [{ code: 20003, httpStatus: 401 }, 502],
    [{ code: "auth_failed", httpStatus: 403 }, 502],
    [{ code: 20500, httpStatus: 500 }, 502],
    [{ code: 20503, httpStatus: 503 }, 502],
    [{ code: "timeout", httpStatus: null }, 504],
    [{ code: "network_error", httpStatus: null }, 502],
  ])("%j → %i", (error, status) => {
    expect(statusForUserSafeError(error)).toBe(status);
  });
});
