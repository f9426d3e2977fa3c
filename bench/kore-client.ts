/**
 * What the KORE client costs on top of the wire: a 1000-row page of SIMs from a 20,000-SIM
 * sandbox through `listSimsPage` (token cache, limiter, zod parse and camelCase transform)
 * against a plain `fetch` + `JSON.parse` of the same URL with the same token. Goal: ≤ 1.3×.
 */
import { createRequire } from "node:module";
import type { BenchFigure, BenchSuite } from "./types";

const FLEET = 20_000;
const PAGE_SIZE = 1000;
const WARMUP = 20;
const ROUNDS = 150;

/**
 * This runs under plain `tsx`, outside React's "react-server" condition, where the `server-only`
 * marker throws on import. This process is a server, so satisfy the marker the way Next.js and
 * our Vitest config do: load it as the empty module it is on the server.
 */
function allowServerOnlyImports() {
  const require = createRequire(import.meta.url);
  const marker = require.resolve("server-only");
  require.cache[marker] ??= { id: marker, filename: marker, loaded: true, exports: {} } as NodeJS.Module;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

export const suite: BenchSuite = {
  name: "KORE client: 1000-row SIM page vs plain fetch + JSON.parse",
  async run(): Promise<BenchFigure[]> {
    allowServerOnlyImports();
    const [{ startSandbox }, { createKoreClient }, { simPageSchema }] = await Promise.all([
      import("../lib/sandbox/server"),
      import("../lib/kore/client"),
      import("../lib/kore/schemas"),
    ]);

    const sandbox = await startSandbox({ port: 0, host: "127.0.0.1", sims: FLEET, seed: 7, latencyMs: 0 });
    try {
      const parent = sandbox.credentials[0];
      if (!parent) throw new Error("the sandbox has no parent account");
      const kore = createKoreClient({
        clientId: parent.clientId,
        clientSecret: parent.clientSecret,
        tokenUrl: `${sandbox.url}/api-services/v1/auth/token`,
        wirelessBaseUrl: sandbox.url,
        monitorBaseUrl: sandbox.url,
        iamBaseUrl: sandbox.url,
        timeoutMs: 30_000,
      });
      const token = await kore.http.tokens.getToken();
      const url = `${sandbox.url}/v1/Sims?PageSize=${PAGE_SIZE}`;

      const viaClient = async () => {
        const page = await kore.listSimsPage({ pageSize: PAGE_SIZE });
        if (page.sims.length !== PAGE_SIZE) throw new Error(`client page had ${page.sims.length} rows`);
      };
      let lastBody = "";
      const viaFetch = async () => {
        const res = await fetch(url, {
          headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
        });
        lastBody = await res.text();
        const json = JSON.parse(lastBody) as { sims: unknown[] };
        if (json.sims.length !== PAGE_SIZE) throw new Error(`plain page had ${json.sims.length} rows`);
      };

      for (let i = 0; i < WARMUP; i++) {
        await viaClient();
        await viaFetch();
      }
      // Interleaved, so drift (GC, the sandbox warming up) hits both sides alike.
      const client: number[] = [];
      const plain: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const order = i % 2 === 0 ? [viaClient, viaFetch] : [viaFetch, viaClient];
        for (const run of order) {
          const started = performance.now();
          await run();
          (run === viaClient ? client : plain).push(performance.now() - started);
        }
      }

      // Where the difference goes: validating and reshaping 1000 rows, without the network.
      const raw = JSON.parse(lastBody) as unknown;
      const parse: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const started = performance.now();
        simPageSchema.parse(raw);
        parse.push(performance.now() - started);
      }

      for (const list of [client, plain, parse]) list.sort((a, b) => a - b);
      const clientP50 = percentile(client, 0.5);
      const plainP50 = percentile(plain, 0.5);
      const ratio = clientP50 / plainP50;
      return [
        { name: "1000-row page via the client, p50", value: clientP50, unit: "ms" },
        { name: "1000-row page via the client, p95", value: percentile(client, 0.95), unit: "ms" },
        { name: "1000-row page via fetch + JSON.parse, p50", value: plainP50, unit: "ms" },
        { name: "1000-row page via fetch + JSON.parse, p95", value: percentile(plain, 0.95), unit: "ms" },
        { name: "zod parse + reshape of 1000 rows, p50", value: percentile(parse, 0.5), unit: "ms" },
        { name: "client / plain fetch (p50)", value: ratio, unit: "×", goal: "≤ 1.3×", ok: ratio <= 1.3 },
      ];
    } finally {
      await sandbox.close();
    }
  },
};
