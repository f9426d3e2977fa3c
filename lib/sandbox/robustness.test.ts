import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "./hash";
import { type RunningSandbox, startSandbox } from "./server";
import { createTestApi, type TestApi } from "./testing/api";

type Client = Awaited<ReturnType<TestApi["as"]>>;

let sandbox: RunningSandbox;
let api: TestApi;
let parent: Client;
let sid: string;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, sims: 100, seed: 23, timeScale: 0.001 });
  api = createTestApi(sandbox);
  parent = await api.as(0);
  token = parent.auth.kind === "bearer" ? parent.auth.token : "";
  sid = (
    (await parent.get<{ sims: { sid: string }[] }>("/v1/Sims", { PageSize: 1 })).body.sims[0] as {
      sid: string;
    }
  ).sid;
});
afterAll(() => sandbox.close());

function expectEnvelope(body: unknown, status: number): void {
  expect(body).toMatchObject({
    status,
    more_info: expect.stringMatching(/^https:\/\/docs\.korewireless\.com\/errors\/\d+$/),
  });
  expect(typeof (body as { code: unknown }).code).toBe("number");
  expect(typeof (body as { message: unknown }).message).toBe("string");
}

describe("malformed requests", () => {
  it("answers 415 to non-form bodies on POST", async () => {
    for (const [type, body] of [
      ["application/json", JSON.stringify({ Status: "suspended" })],
      [
        "multipart/form-data; boundary=x",
        "--x\r\nContent-Disposition: form-data; name=Status\r\n\r\nsuspended\r\n--x--",
      ],
      ["text/plain", "Status=suspended"],
      ["", "Status=suspended"],
    ] as const) {
      const headers: Record<string, string> = type ? { "Content-Type": type } : {};
      const res = await parent.send("POST", `/v1/Sims/${sid}`, { body, headers });
      expect(res.status, type).toBe(415);
      expect(res.body).toMatchObject({ code: 20001, status: 415 });
    }
    expect((await parent.get<{ status: string }>(`/v1/Sims/${sid}`)).body.status).not.toBe("updating");
  });

  it("answers 404 for unknown paths and 405 (with Allow) for unsupported methods", async () => {
    for (const path of [
      "/",
      "/v2/Sims",
      "/v1/Simz",
      "/v1/Sims/x/y/z",
      "/v1/RatePlans/a/b",
      "/v1/Sims/%E0%A4%A",
    ]) {
      const res = await fetch(`${sandbox.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status, path).toBe(404);
      expectEnvelope(await res.json(), 404);
    }
    for (const method of ["PUT", "PATCH"]) {
      const res = await fetch(`${sandbox.url}/v1/Sims`, {
        method,
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET");
      expectEnvelope(await res.json(), 405);
    }
    const del = await fetch(`${sandbox.url}/v1/Sims`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(del.status).toBe(405);
    const options = await fetch(`${sandbox.url}/v1/Sims`, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("access-control-allow-origin")).toBe("*");
    const head = await fetch(`${sandbox.url}/v1/Sims?PageSize=1`, {
      method: "HEAD",
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(head.status).toBe(200);
  });

  it("refuses bodies over 1 MB and odd values without failing", async () => {
    const huge = await parent.send("POST", `/v1/Sims/${sid}`, {
      body: `FriendlyName=${"x".repeat(1_100_000)}`,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(huge.status).toBe(400);
    const odd = await parent.send("POST", `/v1/Sims/${sid}`, {
      body: "FriendlyName=%ZZ%00%F0%9F%93%A1&&=&Status",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect([200, 400]).toContain(odd.status);
    const unicode = await parent.post<{ unique_name: string }>(`/v1/Sims/${sid}`, {
      UniqueName: "sensör-📡-ü",
    });
    expect(unicode.body.unique_name).toBe("sensör-📡-ü");
    expect((await parent.get(`/v1/Sims/${encodeURIComponent("sensör-📡-ü")}`)).status).toBe(200);
    const query = await fetch(`${sandbox.url}/v1/Sims?Status=%ZZ&PageSize=%`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(query.status).toBe(400);
  });

  it("survives a raw malformed HTTP request", async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(sandbox.port, "127.0.0.1", () =>
        socket.write("GARBAGE /\u0000 HTTP/9.9\r\n\r\n"),
      );
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk;
      });
      socket.on("close", () => resolve(text));
      socket.on("error", () => resolve(text));
    });
    expect(reply.startsWith("HTTP/1.1 400")).toBe(true);
    expect((await parent.get("/v1/Sims", { PageSize: 1 })).status).toBe(200);
  });

  it("never crashes or answers outside the envelope under random requests", async () => {
    const random = createRandom(2024);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const paths = [
      "/v1/Sims",
      `/v1/Sims/${sid}`,
      "/v1/Sims/unknown",
      `/v1/Sims/${sid}/UsageRecords`,
      `/v1/Sims/${sid}/DataSessions`,
      "/v1/UsageRecords",
      "/v1/RatePlans",
      "/v1/RatePlans/iot-basic",
      "/v1/Commands",
      "/v1/Commands/DC00000000000000000000000000000000",
      "/v1/Events",
      "/v1/Events/AE00000000000000000000000000000000",
      "/v1/accounts",
      "/v1/platform_account_mappings",
    ] as const;
    const names = [
      "Status",
      "PageSize",
      "Page",
      "PageToken",
      "RatePlan",
      "Iccid",
      "Start",
      "End",
      "Granularity",
      "ResetStatus",
      "AccountSid",
      "Command",
      "Sim",
      "EventType",
      "StartDate",
      "UniqueName",
      "CallbackUrl",
      "DataLimit",
      "InternationalRoaming",
    ];
    const values = [
      "",
      "-1",
      "0",
      "1001",
      "active",
      "suspended",
      "resetting",
      "PAxyz",
      "PB",
      "2024-13-01",
      "2024-06-01T00:00:00Z",
      "hourly",
      "%",
      "\u0000",
      "x".repeat(300),
      "AC00000000000000000000000000000000",
      "https://example.test/cb",
      "true",
      "[]",
      "{}",
    ];
    for (let i = 0; i < 250; i++) {
      const method = pick(["GET", "GET", "POST", "DELETE"] as const);
      const path = pick(paths);
      const params = new URLSearchParams();
      const count = Math.floor(random() * 4);
      for (let p = 0; p < count; p++) params.append(pick(names), pick(values));
      const init: RequestInit = { method, headers: { Authorization: `Bearer ${token}` } };
      let url = `${sandbox.url}${path}`;
      if (method === "POST") {
        init.body = params.toString();
        (init.headers as Record<string, string>)["Content-Type"] = "application/x-www-form-urlencoded";
      } else if (params.size > 0) {
        url += `?${params}`;
      }
      const res = await fetch(url, init);
      const text = await res.text();
      expect(res.status, `${method} ${url}`).toBeLessThan(500);
      if (res.status === 204) {
        expect(text).toBe("");
      } else if (res.status >= 400) {
        expectEnvelope(JSON.parse(text), res.status);
      } else {
        expect(() => JSON.parse(text)).not.toThrow();
      }
    }
    expect((await parent.get("/v1/Sims", { PageSize: 1 })).status).toBe(200);
  });
});
