import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { simCallbacks } from "@/lib/db/schema/sim-callbacks";
import { openTestDatabase } from "@/lib/db/test-database";

const TOKEN = "the-installation-token-0123456789abcdef";
const SIM = "DE0123456789abcdef0123456789abcdef";

const state = vi.hoisted(() => ({ handle: undefined as DbHandle | undefined, dbFails: false }));
vi.mock("@/lib/db/get-db", () => ({
  getDb: async () => {
    if (state.dbFails) throw new Error("database is down");
    if (!state.handle) throw new Error("test database not open");
    return state.handle.db;
  },
}));
vi.mock("@/lib/webhooks/callback-url", () => ({ getWebhookToken: () => TOKEN }));

const { GET, POST } = await import("./route");

beforeAll(async () => {
  state.handle = await openTestDatabase("pglite");
}, 120_000);
afterAll(async () => {
  await state.handle?.close();
});
beforeEach(async () => {
  state.dbFails = false;
  await state.handle?.db.delete(simCallbacks);
});

const url = (token: string | null, extra = "") =>
  `http://console.test/api/webhooks/sim-status${token === null ? "" : `?token=${encodeURIComponent(token)}`}${extra}`;

function form(params: Record<string, string>) {
  return new URLSearchParams(params).toString();
}

const delivery = (overrides: Record<string, string> = {}) => ({
  AccountSid: "AC11112222333344445555666677778888",
  SimSid: SIM,
  SimUniqueName: "meter-0042",
  Status: "suspended",
  PreviousStatus: "active",
  RatePlanSid: "WPaaaabbbbccccddddeeeeffff00001111",
  ResetStatus: "",
  ApiVersion: "v1",
  DateUpdated: "2026-11-29T10:00:02Z",
  ...overrides,
});

function post(body: string, options: { token?: string | null; headers?: Record<string, string> } = {}) {
  return POST(
    new Request(url(options.token === undefined ? TOKEN : options.token), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...options.headers },
      body,
    }),
  );
}

async function storedCount(): Promise<number> {
  const db = state.handle?.db;
  if (!db) throw new Error("no db");
  const [row] = await db.select({ n: count() }).from(simCallbacks);
  return row?.n ?? 0;
}

describe("POST|GET /api/webhooks/sim-status: authentication", () => {
  it.each([
    ["no token", null],
    ["an empty token", ""],
    ["a wrong token of the same length", `${TOKEN.slice(0, -1)}X`],
    ["a prefix of the token", TOKEN.slice(0, 10)],
    ["the token plus a suffix", `${TOKEN}0`],
  ])("refuses %s with 401 and stores nothing", async (_what, token) => {
    const response = await post(form(delivery()), { token });
    expect(response.status).toBe(401);
    expect(await storedCount()).toBe(0);
  });

  it("refuses a token given twice, even if one copy is right", async () => {
    const response = await POST(
      new Request(`${url(TOKEN)}&token=forged`, { method: "POST", body: form(delivery()) }),
    );
    expect(response.status).toBe(401);
    expect(await storedCount()).toBe(0);
  });

  it("refuses a forged GET too", async () => {
    const response = await GET(new Request(url("forged", `&${form(delivery())}`)));
    expect(response.status).toBe(401);
    expect(await storedCount()).toBe(0);
  });
});

describe("POST|GET /api/webhooks/sim-status: storing deliveries", () => {
  it("stores a form-encoded POST with every parameter as received", async () => {
    const response = await post(form(delivery()), { headers: { "kore-idempotency-token": "delivery-1" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, duplicate: false });
    const rows = await state.handle?.db.select().from(simCallbacks);
    expect(rows).toHaveLength(1);
    expect(rows?.[0]).toMatchObject({
      simSid: SIM,
      status: "suspended",
      previousStatus: "active",
      dedupeKey: "token:delivery-1",
      params: delivery(),
    });
    // The token authenticates; it is never stored.
    expect(JSON.stringify(rows)).not.toContain(TOKEN);
  });

  it("stores a GET delivery from its query parameters", async () => {
    const response = await GET(new Request(url(TOKEN, `&${form(delivery({ Status: "active" }))}`)));
    expect(response.status).toBe(200);
    const [row] = (await state.handle?.db.select().from(simCallbacks)) ?? [];
    expect(row?.status).toBe("active");
    expect(row?.params).not.toHaveProperty("token");
  });

  it("stores a redelivery (same idempotency token) once", async () => {
    const headers = { "kore-idempotency-token": "same-delivery" };
    const first = await post(form(delivery()), { headers });
    const second = await post(form(delivery()), { headers });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ received: true, duplicate: true });
    expect(await storedCount()).toBe(1);
  });

  it("without an idempotency token, recognises the same fact by its identifying fields", async () => {
    await post(form(delivery()));
    await post(form(delivery()));
    // A different fact (the final step of a two-stage change) is a new row.
    await post(
      form(
        delivery({ Status: "canceled", PreviousStatus: "deactivated", DateUpdated: "2026-12-02T10:00:02Z" }),
      ),
    );
    expect(await storedCount()).toBe(2);
  });

  it("stores a burst of 1000 concurrent deliveries, every one of them", async () => {
    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        post(
          form(
            delivery({ DateUpdated: new Date(Date.UTC(2026, 10, 29, 10, 0, 0) + i * 1000).toISOString() }),
          ),
          {
            headers: { "kore-idempotency-token": `burst-${i}` },
          },
        ),
      ),
    );
    const elapsed = performance.now() - started;
    expect(responses.map((r) => r.status).every((s) => s === 200)).toBe(true);
    expect(await storedCount()).toBe(1000);
    console.info(`[receiver] 1000 concurrent deliveries stored in ${Math.round(elapsed)} ms`);
  }, 60_000);
});

describe("POST|GET /api/webhooks/sim-status: odd input is never a 500", () => {
  it.each([
    ["an empty body", "", "application/x-www-form-urlencoded", 400],
    ["no SimSid", form({ Status: "active" }), "application/x-www-form-urlencoded", 400],
    [
      "a SimSid that is not a SIM SID",
      form({ SimSid: "DE123", Status: "active" }),
      "application/x-www-form-urlencoded",
      400,
    ],
    ["no Status", form({ SimSid: SIM }), "application/x-www-form-urlencoded", 400],
    [
      "a status that is not a word",
      form({ SimSid: SIM, Status: "<script>" }),
      "application/x-www-form-urlencoded",
      400,
    ],
    ["broken JSON", "{not json", "application/json", 400],
    ["a JSON array", "[1,2]", "application/json", 400],
    ["an XML body", "<xml/>", "application/xml", 415],
    ["a broken multipart body", "--x\r\nnope", "multipart/form-data; boundary=x", 400],
    ["binary junk", "\u0000\u00ff\ufffd%%%%", "application/octet-stream", 415],
  ])("answers %s with %s-class status and stores nothing", async (_what, body, type, status) => {
    const response = await post(body, { headers: { "content-type": type } });
    expect(response.status).toBe(status);
    expect(await storedCount()).toBe(0);
  });

  it("refuses a body over 64 KB with 413", async () => {
    const response = await post(form({ ...delivery(), Padding: "x".repeat(70 * 1024) }));
    expect(response.status).toBe(413);
    expect(await storedCount()).toBe(0);
  });

  it("stores what is usable from odd but valid deliveries", async () => {
    const odd = await post(
      `${form(delivery())}&Note=%E0%A4%A&Nul=a%00b&__proto__=x&constructor=y&Lone=%ED%A0%80&${"k".repeat(200)}=long-key`,
      { headers: { "kore-idempotency-token": "odd-1" } },
    );
    expect(odd.status).toBe(200);
    const json = await post(JSON.stringify(delivery({ Status: "active" })), {
      headers: { "content-type": "application/json", "kore-idempotency-token": "json-1" },
    });
    expect(json.status).toBe(200);
    const multipart = new FormData();
    for (const [key, value] of Object.entries(delivery({ Status: "ready" }))) multipart.append(key, value);
    const viaMultipart = await POST(new Request(url(TOKEN), { method: "POST", body: multipart }));
    expect(viaMultipart.status).toBe(200);

    const [row] =
      (await state.handle?.db.select().from(simCallbacks).where(eq(simCallbacks.dedupeKey, "token:odd-1"))) ??
      [];
    expect(row?.params.Nul).toBe("ab");
    expect(row?.params.__proto__).toBe("x");
    expect(Object.keys(row?.params ?? {})).not.toContain("k".repeat(200));
    expect(await storedCount()).toBe(3);
  });

  it("answers 503 (so KORE retries) when the database is down, never 500", async () => {
    state.dbFails = true;
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await post(form(delivery()));
    expect(response.status).toBe(503);
    error.mockRestore();
  });
});
