/**
 * The SIM detail actions called directly, as each role, against a sandbox on a random port: what
 * reaches the wire (every request is recorded), what the audit trail says, and what is refused
 * before anything is sent.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/user-schemas";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema/audit";
import { openTestDatabase } from "@/lib/db/test-database";
import { createKoreClient, type KoreClient } from "@/lib/kore/client";
import { createKoreHttp, type KoreHttp } from "@/lib/kore/http";
import type { Sim } from "@/lib/kore/schemas";
import { type RunningSandbox, startSandbox } from "@/lib/sandbox/server";
import { TEST_USERS } from "@/test/authz/users";

const state = vi.hoisted(() => {
  // Read by lib/config on first use, after the mocks below are in place.
  process.env.PUBLIC_BASE_URL = "http://console.test";
  process.env.WEBHOOK_TOKEN = "test-webhook-token-0123456789abcdef";
  process.env.RESET_COOLDOWN_SECONDS = "300";
  return {
    user: null as SessionUser | null,
    handle: null as DbHandle | null,
    http: null as KoreHttp | null,
  };
});
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: vi.fn(async () => state.user) }));
vi.mock("@/lib/db/get-db", () => ({
  getDb: vi.fn(async () => {
    if (!state.handle) throw new Error("test database not open");
    return state.handle.db;
  }),
}));
vi.mock("@/lib/kore/instance", () => ({
  getDefaultKoreHttp: () => {
    if (!state.http) throw new Error("sandbox not started");
    return state.http;
  },
}));

const { updateSimSettings, changeSimStatus, resetSimConnectivity, moveSim, deleteSimAction } = await import(
  "./sims"
);

const CALLBACK = "http://console.test/api/webhooks/sim-status?token=test-webhook-token-0123456789abcdef";
/** Long enough that a change stays in flight until a test advances the sandbox clock. */
const DELAY_MS = 60_000;

type WireCall = { method: string; path: string; form: URLSearchParams };

let sandbox: RunningSandbox;
let kore: KoreClient;
const wire: WireCall[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    sims: 400,
    seed: 606,
    updateDelayMs: DELAY_MS,
    resetDelayMs: DELAY_MS,
  });
  const parent = sandbox.credentials[0];
  if (!parent) throw new Error("sandbox has no parent account");
  const upstream = {
    clientId: parent.clientId,
    clientSecret: parent.clientSecret,
    tokenUrl: `${sandbox.url}/api-services/v1/auth/token`,
    wirelessBaseUrl: sandbox.url,
    monitorBaseUrl: sandbox.url,
    iamBaseUrl: sandbox.url,
    timeoutMs: 5000,
  };
  const recording: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    if (!url.pathname.includes("/auth/token")) {
      const method = init?.method ?? "GET";
      const form = new URLSearchParams(method === "GET" ? url.search : String(init?.body ?? ""));
      wire.push({ method, path: url.pathname, form });
    }
    return fetch(input, init);
  };
  state.http = createKoreHttp(upstream, { fetch: recording });
  kore = createKoreClient(upstream);
  state.handle = await openTestDatabase("pglite");
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  await state.handle?.close();
});

beforeEach(() => {
  wire.length = 0;
  state.user = null;
});

const as = (role: keyof typeof TEST_USERS) => {
  state.user = TEST_USERS[role];
};

/** Writes that reached the upstream (reads are how actions look before they leap). */
const writes = () => wire.filter((c) => c.method !== "GET");

const taken = new Set<string>();
/** A SIM in `status` no other test has used. */
async function simIn(status: string): Promise<Sim> {
  const page = await kore.listSimsPage({ status: status as Sim["status"] & "new", pageSize: 200 });
  const sim = page.sims.find((s) => !taken.has(s.sid) && s.iccid);
  if (!sim) throw new Error(`no unused ${status} SIM in the sandbox`);
  taken.add(sim.sid);
  return sim;
}

async function auditFor(simSid: string, action: string) {
  const db = state.handle?.db;
  if (!db) throw new Error("no db");
  return db
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.simSid, simSid), eq(auditEntries.action, action)))
    .orderBy(desc(auditEntries.createdAt));
}

async function settle() {
  sandbox.clock.advance(DELAY_MS + 1000);
}

describe("updateSimSettings", () => {
  it("sends only the changed field and audits before → after", async () => {
    const sim = await simIn("active");
    as("operator");
    const url = "https://hooks.example.test/commands";
    const result = await updateSimSettings({ sid: sim.sid, changes: { commandsCallbackUrl: url } });
    expect(result).toMatchObject({ ok: true, data: { changed: ["commandsCallbackUrl"] } });
    expect(writes()).toHaveLength(1);
    expect([...(writes()[0]?.form.keys() ?? [])]).toEqual(["CommandsCallbackUrl"]);
    expect(writes()[0]?.form.get("CommandsCallbackUrl")).toBe(url);
    expect((await kore.getSim(sim.sid)).commandsCallbackUrl).toBe(url);
    const [entry] = await auditFor(sim.sid, "sims.update");
    expect(entry).toMatchObject({
      outcome: "ok",
      actorEmail: TEST_USERS.operator.email,
      changes: { commandsCallbackUrl: { before: sim.commandsCallbackUrl, after: url } },
    });
  });

  it("drops fields that already hold the submitted value, and clears an emptied one", async () => {
    const sim = await simIn("active");
    as("operator");
    const result = await updateSimSettings({
      sid: sim.sid,
      changes: { friendlyName: sim.friendlyName ?? "", uniqueName: "", smsMethod: "GET" },
    });
    expect(result.ok).toBe(true);
    const form = writes()[0]?.form;
    expect([...(form?.keys() ?? [])].sort()).toEqual(
      sim.uniqueName ? ["SmsMethod", "UniqueName"] : ["SmsMethod"],
    );
    if (sim.uniqueName) expect(form?.get("UniqueName")).toBe("");
  });

  it("sends nothing when nothing differs", async () => {
    const sim = await simIn("active");
    as("operator");
    const result = await updateSimSettings({
      sid: sim.sid,
      changes: { friendlyName: sim.friendlyName ?? "" },
    });
    expect(result).toMatchObject({ ok: true, data: { changed: [] } });
    expect(writes()).toHaveLength(0);
  });

  it("refuses an invalid URL field by field, before anything is sent", async () => {
    const sim = await simIn("active");
    as("operator");
    const result = await updateSimSettings({ sid: sim.sid, changes: { commandsCallbackUrl: "not a url" } });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { changes: expect.any(Array) } },
    });
    expect(wire).toHaveLength(0);
  });

  it("refuses support (and records the refusal) without calling KORE", async () => {
    const sim = await simIn("active");
    as("support");
    const result = await updateSimSettings({ sid: sim.sid, changes: { friendlyName: "Nope" } });
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(wire).toHaveLength(0);
    const [entry] = await auditFor(sim.sid, "sims.update");
    expect(entry).toMatchObject({ outcome: "refused", actorRole: "support", errorCode: "forbidden" });
  });

  it("passes the console's callback URL with a rate plan change", async () => {
    const sim = await simIn("active");
    const plans = await kore.listRatePlans();
    const other = plans.find(
      (p) =>
        p.sid !== sim.ratePlanSid &&
        p.dataLimitStrategy === plans.find((q) => q.sid === sim.ratePlanSid)?.dataLimitStrategy,
    );
    if (!other) throw new Error("sandbox has no second compatible plan");
    as("operator");
    const result = await updateSimSettings({ sid: sim.sid, changes: { ratePlan: other.sid } });
    expect(result).toMatchObject({ ok: true, data: { sim: { status: "updating" } } });
    const form = writes()[0]?.form;
    expect(form?.get("RatePlan")).toBe(other.sid);
    expect(form?.get("CallbackUrl")).toBe(CALLBACK);
    expect(form?.get("CallbackMethod")).toBe("POST");
    await settle();
    expect((await kore.getSim(sim.sid)).ratePlanSid).toBe(other.sid);
  });

  it("explains 33010 when the SIM is already being updated", async () => {
    const sim = await simIn("active");
    const plans = await kore.listRatePlans();
    const other = plans.find((p) => p.sid !== sim.ratePlanSid);
    if (!other) throw new Error("sandbox has one plan only");
    as("operator");
    expect((await changeSimStatus({ sid: sim.sid, target: "suspended", reason: "Lost device" })).ok).toBe(
      true,
    );
    const result = await updateSimSettings({ sid: sim.sid, changes: { ratePlan: other.sid } });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "33010",
        message: expect.stringMatching(/still applying an earlier change.*nothing was changed/),
      },
    });
    const [entry] = await auditFor(sim.sid, "sims.update");
    expect(entry).toMatchObject({ outcome: "error", errorCode: "33010" });
    await settle();
  });
});

describe("changeSimStatus", () => {
  it("suspends with a reason, passing the callback URL, and the SIM settles as suspended", async () => {
    const sim = await simIn("active");
    as("operator");
    const result = await changeSimStatus({
      sid: sim.sid,
      target: "suspended",
      reason: "Customer stopped paying",
    });
    expect(result).toMatchObject({ ok: true, data: { status: "updating" } });
    const form = writes()[0]?.form;
    expect(Object.fromEntries(form ?? [])).toEqual({
      Status: "suspended",
      CallbackUrl: CALLBACK,
      CallbackMethod: "POST",
    });
    await settle();
    expect((await kore.getSim(sim.sid)).status).toBe("suspended");
    const [entry] = await auditFor(sim.sid, "sims.status");
    expect(entry).toMatchObject({
      outcome: "ok",
      reason: "Customer stopped paying",
      changes: { status: { before: "active", after: "suspended" } },
    });
  });

  it("asks for a reason to suspend", async () => {
    const sim = await simIn("active");
    as("operator");
    const result = await changeSimStatus({ sid: sim.sid, target: "suspended" });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { reason: expect.any(Array) } },
    });
    expect(wire).toHaveLength(0);
  });

  it("lets only admins deactivate, and refuses a mistyped ICCID", async () => {
    const sim = await simIn("active");
    as("operator");
    expect(
      await changeSimStatus({ sid: sim.sid, target: "deactivated", confirmIccid: sim.iccid ?? "" }),
    ).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    as("admin");
    const wrong = await changeSimStatus({
      sid: sim.sid,
      target: "deactivated",
      confirmIccid: "8900000000000000000",
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: "confirmation_mismatch" } });
    expect(writes()).toHaveLength(0);
    const entries = await auditFor(sim.sid, "sims.status");
    expect(entries.map((e) => e.outcome).sort()).toEqual(["error", "refused"]);
  });

  it("refuses a transition the table does not allow, without sending it", async () => {
    const sim = await simIn("suspended");
    as("admin");
    const result = await changeSimStatus({ sid: sim.sid, target: "ready" });
    expect(result).toMatchObject({ ok: false, error: { code: "transition_not_allowed" } });
    expect(writes()).toHaveLength(0);
  });
});

describe("resetSimConnectivity", () => {
  it("resets, then holds the same SIM back for the cooldown unless an admin overrides it", async () => {
    const sim = await simIn("active");
    as("support");
    const first = await resetSimConnectivity({ sid: sim.sid });
    expect(first).toMatchObject({ ok: true, data: { sim: { resetStatus: "resetting" } } });
    expect(Object.fromEntries(writes()[0]?.form ?? [])).toEqual({
      ResetStatus: "resetting",
      CallbackUrl: CALLBACK,
      CallbackMethod: "POST",
    });
    await settle();

    wire.length = 0;
    const again = await resetSimConnectivity({ sid: sim.sid });
    expect(again).toMatchObject({
      ok: false,
      error: {
        code: "reset_cooldown",
        message: expect.stringMatching(/next reset is possible in 4 min|5 min/),
      },
    });
    expect(writes()).toHaveLength(0);

    expect(await resetSimConnectivity({ sid: sim.sid, overrideCooldown: true })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    as("admin");
    const override = await resetSimConnectivity({ sid: sim.sid, overrideCooldown: true });
    expect(override).toMatchObject({ ok: true });
    const entries = await auditFor(sim.sid, "sims.reset");
    expect(entries.map((e) => e.outcome)).toEqual(["ok", "refused", "error", "ok"]);
    expect(entries[0]?.reason).toBe("Cooldown overridden by an admin");
    await settle();
  });

  it("refuses a reset for a SIM that cannot attach, and viewers altogether", async () => {
    const sim = await simIn("suspended");
    as("viewer");
    expect(await resetSimConnectivity({ sid: sim.sid })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    as("support");
    expect(await resetSimConnectivity({ sid: sim.sid })).toMatchObject({
      ok: false,
      error: { code: "reset_not_allowed" },
    });
    expect(writes()).toHaveLength(0);
  });
});

describe("moveSim", () => {
  it("moves a new SIM to a subaccount; the parent's credentials no longer see it", async () => {
    const sim = await simIn("new");
    const sub = sandbox.credentials[1];
    if (!sub) throw new Error("sandbox has no subaccount");
    as("admin");
    const result = await moveSim({ sid: sim.sid, accountSid: sub.accountSid });
    expect(result).toEqual({
      ok: true,
      data: { sid: sim.sid, accountSid: sub.accountSid, accountName: sub.friendlyName },
    });
    expect(Object.fromEntries(writes()[0]?.form ?? [])).toEqual({ AccountSid: sub.accountSid });
    await expect(kore.getSim(sim.sid)).rejects.toMatchObject({ code: 20404 });
    const [entry] = await auditFor(sim.sid, "sims.move");
    expect(entry).toMatchObject({ outcome: "ok", subject: `account:${sub.friendlyName}` });
  });

  it("explains why a SIM that is not new cannot move, and refuses operators", async () => {
    const sim = await simIn("active");
    const sub = sandbox.credentials[2];
    if (!sub) throw new Error("sandbox has no subaccount");
    as("operator");
    expect(await moveSim({ sid: sim.sid, accountSid: sub.accountSid })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    as("admin");
    const result = await moveSim({ sid: sim.sid, accountSid: sub.accountSid });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "move_not_allowed", message: expect.stringMatching(/Only a New SIM/) },
    });
    expect(writes()).toHaveLength(0);
  });
});

describe("deleteSimAction", () => {
  it("deletes a new SIM once its ICCID is typed (spaces allowed)", async () => {
    const sim = await simIn("new");
    as("admin");
    const spaced = (sim.iccid ?? "").replace(/(\d{4})/g, "$1 ");
    expect(await deleteSimAction({ sid: sim.sid, confirmIccid: spaced })).toEqual({
      ok: true,
      data: { sid: sim.sid },
    });
    expect(writes()[0]?.method).toBe("DELETE");
    await expect(kore.getSim(sim.sid)).rejects.toMatchObject({ code: 20404 });
    expect((await auditFor(sim.sid, "sims.delete"))[0]).toMatchObject({ outcome: "ok" });
  });

  it("refuses an active SIM and anyone but admins", async () => {
    const sim = await simIn("active");
    as("operator");
    expect(await deleteSimAction({ sid: sim.sid, confirmIccid: sim.iccid ?? "" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    as("admin");
    expect(await deleteSimAction({ sid: sim.sid, confirmIccid: sim.iccid ?? "" })).toMatchObject({
      ok: false,
      error: { code: "delete_not_allowed" },
    });
    expect(writes()).toHaveLength(0);
  });
});
