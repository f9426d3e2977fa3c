import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/user-schemas";
import { KoreError } from "@/lib/kore/errors";
import type { SimSummary } from "@/lib/kore/schemas";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));

const kore = vi.hoisted(() => ({ listSimSummariesPage: vi.fn() }));
vi.mock("@/lib/kore/sims", () => kore);

const { GET } = await import("./route");

const viewer: SessionUser = {
  id: "u1",
  email: "v@example.test",
  name: "Vic",
  role: "viewer",
  disabled: false,
};
const ICCID = "89014103211118510720";

function sim(overrides: Partial<SimSummary> = {}): SimSummary {
  return {
    sid: "DE00000000000000000000000000000001",
    uniqueName: "meter-1",
    friendlyName: "Meter 1",
    iccid: ICCID,
    status: "active",
    resetStatus: null,
    ratePlanSid: "WP00000000000000000000000000000001",
    dateCreated: "2024-05-01T10:00:00Z",
    dateUpdated: "2024-06-12T08:30:05Z",
    ...overrides,
  };
}

const get = (query: string) => GET(new Request(`http://console.test/api/sims${query}`));

beforeEach(() => {
  session.user = viewer;
  kore.listSimSummariesPage.mockReset();
});

describe("GET /api/sims", () => {
  it("asks for a session and sends nothing upstream without one", async () => {
    session.user = null;
    const response = await get("");
    expect(response.status).toBe(401);
    expect(kore.listSimSummariesPage).not.toHaveBeenCalled();
  });

  it("passes every filter upstream under its KORE name, with the 0-based page", async () => {
    kore.listSimSummariesPage.mockResolvedValue({
      sims: [],
      page: 2,
      pageSize: 100,
      next: null,
      previous: null,
    });
    const response = await get(
      `?status=suspended&iccid=${ICCID}&ratePlan=iot-basic&registrationCode=R1&eid=E1&pageSize=100&page=3&pageToken=PADE1`,
    );
    expect(response.status).toBe(200);
    expect(kore.listSimSummariesPage).toHaveBeenCalledWith(
      {
        status: "suspended",
        iccid: ICCID,
        ratePlan: "iot-basic",
        simRegistrationCode: "R1",
        eId: "E1",
        pageSize: 100,
        page: 2,
        pageToken: "PADE1",
      },
      { signal: expect.any(AbortSignal) },
    );
  });

  it("returns the page of SIM summaries as lib/kore read it, rows as arrays, with the pager's cursors", async () => {
    const next = { page: 1, pageToken: "PADE00000000000000000000000000000001" };
    kore.listSimSummariesPage.mockResolvedValue({
      sims: [sim()],
      page: 0,
      pageSize: 50,
      next,
      previous: null,
    });
    const body = await (await get("")).json();
    expect(body).toEqual({
      columns: [
        "sid",
        "uniqueName",
        "friendlyName",
        "iccid",
        "status",
        "resetStatus",
        "ratePlanSid",
        "dateCreated",
        "dateUpdated",
      ],
      rows: [
        [
          "DE00000000000000000000000000000001",
          "meter-1",
          "Meter 1",
          ICCID,
          "active",
          null,
          "WP00000000000000000000000000000001",
          "2024-05-01T10:00:00Z",
          "2024-06-12T08:30:05Z",
        ],
      ],
      page: 0,
      pageSize: 50,
      next,
      previous: null,
    });
    expect(kore.listSimSummariesPage).toHaveBeenCalledWith({ pageSize: 50, page: 0 }, expect.anything());
  });

  it("refuses an invalid ICCID or page size with field errors, before any upstream call", async () => {
    const response = await get("?iccid=12345&pageSize=77");
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("invalid_query");
    expect(body.error.fieldErrors.iccid).toEqual(["An ICCID has 18 to 22 digits; this has 5."]);
    expect(body.error.fieldErrors.pageSize).toBeDefined();
    expect(kore.listSimSummariesPage).not.toHaveBeenCalled();
  });

  it("answers an upstream failure with the user-safe message only", async () => {
    kore.listSimSummariesPage.mockRejectedValue(
      new KoreError({
        code: 20503,
        httpStatus: 503,
        retryable: true,
        detail: "Server is temporary not available",
      }),
    );
    const response = await get("");
    expect(response.status).toBe(502);
    const body = await response.json();
    expect(body.error.message).toBe("KORE is temporarily unavailable. Try again shortly.");
    expect(JSON.stringify(body)).not.toContain("temporary not available");
  });
});
