import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A local HTTP server that records the status callbacks the sandbox sends (tests only). */
export type ReceivedCallback = {
  method: string;
  path: string;
  params: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
};

export async function startCallbackServer() {
  const received: ReceivedCallback[] = [];
  /** Status codes to answer with, one per request, before falling back to 204. */
  const script: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://callback.test");
      const params = req.method === "GET" ? url.searchParams : new URLSearchParams(body);
      received.push({
        method: req.method ?? "",
        path: url.pathname,
        params: Object.fromEntries(params),
        headers: req.headers,
      });
      res.statusCode = script.shift() ?? 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = "/status") => `http://127.0.0.1:${port}${path}`,
    received,
    script,
    for: (path: string) => received.filter((r) => r.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
