/**
 * A tiny scripted KORE for the client's own tests: a `node:http` server on a random port whose
 * every answer the test decides, so retries, timeouts and token renewal can be pinned exactly.
 * (The sandbox in lib/sandbox is the realistic upstream; this is the precise one.)
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, gzipSync } from "node:zlib";
import type { UpstreamConfig } from "../http";

export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The bearer token sent, if any. */
  token: string | null;
};

export type Reply = {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string;
  /** Wait this long before answering (a slow upstream). */
  delayMs?: number;
  /** Drop the connection without answering (a network failure). */
  destroy?: boolean;
  /** Send the headers and this much of the body, then drop the connection. */
  truncateAt?: number;
  /** Compress the body so, with this Content-Encoding (whatever the request accepted). */
  encoding?: "gzip" | "br";
};

export type FakeUpstream = {
  url: string;
  /** API requests, in arrival order (token requests are in `tokenRequests`). */
  requests: RecordedRequest[];
  tokenRequests: RecordedRequest[];
  /** An upstream config with every host on this server. */
  upstream(overrides?: Partial<UpstreamConfig>): UpstreamConfig;
  close(): Promise<void>;
};

export type FakeUpstreamOptions = {
  /** Answers API requests; unmatched requests get a KORE 404 envelope. */
  handle?: (req: RecordedRequest) => Reply | undefined | Promise<Reply | undefined>;
  /** Answers token requests; by default issues "token-1", "token-2", … valid for an hour. */
  token?: (req: RecordedRequest, count: number) => Reply | Promise<Reply>;
};

export const FAKE_CLIENT = { clientId: "test-client", clientSecret: "test-secret" } as const;

export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  const tokenRequests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://fake.invalid");
      const auth = req.headers.authorization;
      const recorded: RecordedRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        token: auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length) : null,
      };
      let reply: Reply | undefined;
      try {
        if (recorded.path === "/token") {
          tokenRequests.push(recorded);
          reply = options.token
            ? await options.token(recorded, tokenRequests.length)
            : {
                json: {
                  access_token: `token-${tokenRequests.length}`,
                  expires_in: 3600,
                  token_type: "Bearer",
                },
              };
        } else {
          requests.push(recorded);
          reply = (await options.handle?.(recorded)) ?? {
            status: 404,
            json: { code: 20404, message: "The requested resource was not found", status: 404 },
          };
        }
      } catch (error) {
        reply = { status: 500, body: String(error) };
      }
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (reply.destroy) {
        req.socket.destroy();
        return;
      }
      const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? "");
      if (res.destroyed) return;
      res.writeHead(reply.status ?? 200, {
        ...(reply.json !== undefined ? { "Content-Type": "application/json" } : {}),
        ...(reply.encoding ? { "Content-Encoding": reply.encoding } : {}),
        ...reply.headers,
      });
      if (reply.truncateAt !== undefined) {
        res.write(body.slice(0, reply.truncateAt), () => req.socket.destroy());
        return;
      }
      res.end(
        reply.encoding === "gzip"
          ? gzipSync(body)
          : reply.encoding === "br"
            ? brotliCompressSync(body)
            : body,
      );
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    requests,
    tokenRequests,
    upstream: (overrides = {}) => ({
      ...FAKE_CLIENT,
      tokenUrl: `${url}/token`,
      wirelessBaseUrl: url,
      monitorBaseUrl: url,
      iamBaseUrl: url,
      timeoutMs: 2_000,
      ...overrides,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A KORE error envelope reply. */
export function koreError(
  status: number,
  code: number,
  message: string,
  headers?: Record<string, string>,
): Reply {
  return {
    status,
    headers,
    json: { code, message, more_info: `https://docs.korewireless.com/errors/${code}`, status },
  };
}

/** A list reply in the `meta` envelope. */
export function pageReply(
  key: string,
  items: unknown[],
  meta: {
    page?: number;
    pageSize?: number;
    url?: string;
    next?: string | null;
    previous?: string | null;
  } = {},
): Reply {
  return {
    json: {
      [key]: items,
      meta: {
        page: meta.page ?? 0,
        page_size: meta.pageSize ?? 50,
        first_page_url: null,
        previous_page_url: meta.previous ?? null,
        url: meta.url ?? null,
        next_page_url: meta.next ?? null,
        key,
      },
    },
  };
}

/** A minimal wire-format Sim; `overrides` are snake_case like the wire. */
export function wireSim(index: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const hex = index.toString(16).padStart(32, "0");
  return {
    sid: `DE${hex}`,
    unique_name: null,
    account_sid: `AC${"1".repeat(32)}`,
    rate_plan_sid: `WP${"2".repeat(32)}`,
    friendly_name: `SIM ${index}`,
    iccid: `8901260000${String(index).padStart(9, "0")}`,
    e_id: null,
    status: "active",
    reset_status: null,
    date_created: "2024-05-01T10:00:00Z",
    date_updated: "2024-06-12T08:30:05Z",
    ...overrides,
  };
}
