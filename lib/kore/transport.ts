/**
 * One HTTP exchange with KORE, as ./http.ts needs it: status, headers and the whole body as bytes.
 *
 * The default is `node:http`/`node:https` with keep-alive agents rather than `fetch`: fetch reads
 * a body through web streams, which for a 1 MB SIM page cost about 1.5–2 ms more than collecting
 * the socket's buffers (measured against the sandbox, 100 alternating requests each; see the
 * route-handler figure in bench/sims-table.ts). A `fetch` (a test's recorder or fake) still
 * works through `fetchTransport`.
 *
 * Both behave alike where it matters to ./http.ts: redirects are returned, never followed (one
 * could carry the bearer token to another host); the signal aborts the request at any point and
 * the promise rejects; a connection that drops before the body is complete rejects.
 */
import "server-only";
import http from "node:http";
import https from "node:https";

export type UpstreamResponse = {
  status: number;
  /** A response header by lower-case name, or null. */
  header(name: string): string | null;
  body: Uint8Array;
};

export type UpstreamRequestInit = {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
};

export type Transport = (url: URL, init: UpstreamRequestInit) => Promise<UpstreamResponse>;

export function fetchTransport(fetchImpl: typeof fetch): Transport {
  return async (url, init) => {
    const response = await fetchImpl(url, { ...init, redirect: "manual" });
    const body = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, header: (name) => response.headers.get(name), body };
  };
}

/**
 * Idle connections are closed after 4 s, or sooner when the server says so in `Keep-Alive:
 * timeout=…` (Node's agent honours the hint), so a request is not sent on a connection the
 * server is about to drop; fetch (undici) keeps the same 4 s default. No cap on sockets: the
 * concurrency cap is ./limiter.ts's.
 */
const AGENT_OPTIONS = { keepAlive: true, timeout: 4_000, scheduling: "lifo" } as const;

export function nodeTransport(): Transport {
  const agents = { "http:": new http.Agent(AGENT_OPTIONS), "https:": new https.Agent(AGENT_OPTIONS) };
  return (url, init) =>
    new Promise<UpstreamResponse>((resolve, reject) => {
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        reject(new TypeError(`unsupported protocol ${url.protocol}`));
        return;
      }
      const headers: Record<string, string | number> = { ...init.headers };
      if (init.body !== undefined) headers["Content-Length"] = Buffer.byteLength(init.body);
      const request = (url.protocol === "https:" ? https : http).request(url, {
        method: init.method,
        headers,
        agent: agents[url.protocol],
        signal: init.signal,
      });
      request.once("error", reject);
      request.once("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.once("error", reject);
        response.once("end", () => {
          const responseHeaders = response.headers;
          resolve({
            status: response.statusCode ?? 0,
            header: (name) => {
              const value = responseHeaders[name.toLowerCase()];
              return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
            },
            body: Buffer.concat(chunks),
          });
        });
        // 'end' never comes for a body cut short; 'close' does, with `complete` false.
        response.once("close", () => {
          if (!response.complete) reject(new Error("the connection closed before the response was complete"));
        });
      });
      request.end(init.body);
    });
}
