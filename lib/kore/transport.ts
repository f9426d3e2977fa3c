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
 * the promise rejects; a connection that drops before the body is complete rejects; and, as fetch
 * does, the body is asked for compressed (a 1000-row page is ~1 MB of JSON, ~10 % of that in
 * gzip, which matters over the internet) and handed over decompressed.
 */
import "server-only";
import http from "node:http";
import https from "node:https";
import { promisify } from "node:util";
import zlib from "node:zlib";

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

/** Decompression runs on libuv's thread pool, not on the event loop. */
const DECODERS: Record<string, (body: Buffer) => Promise<Buffer>> = {
  gzip: promisify(zlib.gunzip),
  "x-gzip": promisify(zlib.gunzip),
  br: promisify(zlib.brotliDecompress),
};
const ACCEPT_ENCODING = "gzip, br";

export function nodeTransport(): Transport {
  const agents = { "http:": new http.Agent(AGENT_OPTIONS), "https:": new https.Agent(AGENT_OPTIONS) };
  return (url, init) =>
    new Promise<UpstreamResponse>((resolve, reject) => {
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        reject(new TypeError(`unsupported protocol ${url.protocol}`));
        return;
      }
      const headers: Record<string, string | number> = {
        "Accept-Encoding": ACCEPT_ENCODING,
        ...init.headers,
      };
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
          const header = (name: string) => {
            const value = responseHeaders[name.toLowerCase()];
            return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
          };
          const body = Buffer.concat(chunks);
          const encoding = header("content-encoding")?.trim().toLowerCase();
          if (!encoding || encoding === "identity" || body.length === 0) {
            resolve({ status: response.statusCode ?? 0, header, body });
            return;
          }
          const decode = DECODERS[encoding];
          if (!decode) {
            reject(new Error(`unsupported content-encoding ${encoding}`));
            return;
          }
          decode(body).then(
            (decoded) => resolve({ status: response.statusCode ?? 0, header, body: decoded }),
            reject,
          );
        });
        // 'end' never comes for a body cut short; 'close' does, with `complete` false.
        response.once("close", () => {
          if (!response.complete) reject(new Error("the connection closed before the response was complete"));
        });
      });
      request.end(init.body);
    });
}
