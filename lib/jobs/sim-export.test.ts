import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKoreClient, type KoreClient } from "@/lib/kore/client";
import { type RunningSandbox, startSandbox } from "@/lib/sandbox/server";
import { parseCsv } from "./csv";
import { createSimExportStream, SIM_EXPORT_HEADER, simCsvRow } from "./sim-export";

let sandbox: RunningSandbox;
let kore: KoreClient;
const listRequests: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, host: "127.0.0.1", sims: 2600, seed: 11 });
  const counting: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes("/v1/Sims")) listRequests.push(url);
    return fetch(input, init);
  };
  kore = createKoreClient(
    {
      clientId: sandbox.settings.clientId,
      clientSecret: sandbox.settings.clientSecret,
      tokenUrl: `${sandbox.url}/api-services/v1/auth/token`,
      wirelessBaseUrl: sandbox.url,
      monitorBaseUrl: sandbox.url,
      iamBaseUrl: sandbox.url,
      timeoutMs: 10_000,
    },
    { fetch: counting },
  );
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
});

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("createSimExportStream", () => {
  it("streams every SIM matching the filter, all pages, as RFC 4180 CSV", async () => {
    const expected: string[] = [];
    for await (const page of kore.iterateSims({ status: "active", pageSize: 1000 })) {
      expected.push(...page.sims.map((s) => s.sid));
    }
    expect(expected.length).toBeGreaterThan(1000);

    const text = await readAll(await createSimExportStream(kore, { status: "active" }, new Map()));
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(SIM_EXPORT_HEADER);
    const body = rows.slice(1);
    expect(body.map((r) => r.at(-1))).toEqual(expected);
    expect(body.every((r) => r[2] === "Active" && r.length === SIM_EXPORT_HEADER.length)).toBe(true);
  });

  it("asks KORE for the next page only when the reader wants more (backpressure)", async () => {
    listRequests.length = 0;
    const stream = await createSimExportStream(kore, {}, new Map());
    const reader = stream.getReader();
    await reader.read(); // header
    await reader.read(); // first page
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The first page, plus at most one read ahead: never the whole account.
    expect(listRequests.length).toBeLessThanOrEqual(2);
    await reader.cancel();
  });

  it("quotes names holding commas, quotes and line breaks, and defuses formulas", () => {
    const sim = {
      sid: "DE0123456789abcdef0123456789abcdef",
      iccid: "8901260000000000042",
      friendlyName: 'Meter "north",\nbay 4',
      uniqueName: null,
      status: "suspended",
      ratePlanSid: "WPaaaabbbbccccddddeeeeffff00001111",
      resetStatus: null,
      dateCreated: "2024-05-01T10:00:00Z",
      dateUpdated: "2024-06-12T08:30:05Z",
    } as Parameters<typeof simCsvRow>[0];
    const row = simCsvRow(sim, new Map([["WPaaaabbbbccccddddeeeeffff00001111", "=cmd|' /C calc'!A0"]]));
    expect(row).toBe(
      '8901260000000000042,"Meter ""north"",\nbay 4",Suspended,\'=cmd|\' /C calc\'!A0,,2024-05-01T10:00:00Z,2024-06-12T08:30:05Z,DE0123456789abcdef0123456789abcdef\r\n',
    );
    expect(parseCsv(row)[0]?.[1]).toBe('Meter "north",\nbay 4');
  });

  it("fails before the first byte when KORE refuses the first page", async () => {
    sandbox.sandbox.faults.apply({ failNext: [{ status: 500, route: "GET /v1/Sims", count: 10 }] });
    try {
      await expect(createSimExportStream(kore, { status: "active" }, new Map())).rejects.toMatchObject({
        code: 20500,
      });
    } finally {
      sandbox.sandbox.faults.apply({ reset: true });
    }
  });
});
