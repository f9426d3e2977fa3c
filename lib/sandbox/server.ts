import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, envelope, errors } from "./errors";
import { CORS_HEADERS, isLoopback, requestOrigin, sendEmpty, sendJson } from "./http";
import type { Caller } from "./lifecycle";
import { match, type RouteContext } from "./router";
import { adminRoutes } from "./routes/admin";
import { commandRoutes } from "./routes/commands";
import { eventRoutes } from "./routes/events";
import { iamRoutes } from "./routes/iam";
import { ratePlanRoutes } from "./routes/rate-plans";
import { simRoutes } from "./routes/sims";
import { parseBasic, tokenRoutes } from "./routes/token";
import { usageRoutes } from "./routes/usage";
import { Sandbox } from "./sandbox";
import { parseSandboxSettings, type SandboxOptions } from "./settings";

/**
 * The sandbox as a plain Node HTTP server: the token endpoint, Programmable Wireless, Monitor
 * and IAM paths on one port, plus `/_sandbox/*` admin routes for loopback clients. Every failure
 * becomes a JSON error body; nothing a client sends can crash the process.
 */
const ROUTES = [
  ...tokenRoutes,
  ...simRoutes,
  ...usageRoutes,
  ...ratePlanRoutes,
  ...commandRoutes,
  ...eventRoutes,
  ...iamRoutes,
  ...adminRoutes,
];

export type StartOptions = Partial<SandboxOptions> & { port?: number; host?: string };

export type RunningSandbox = Awaited<ReturnType<typeof startSandbox>>;

/** Starts a sandbox; `options` override the SANDBOX_* environment (see settings.ts). */
export async function startSandbox(options: StartOptions = {}) {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const settings: SandboxOptions = { ...parseSandboxSettings(process.env), ...defined };
  const sandbox = new Sandbox(settings);
  const server = createServer((req, res) => {
    handle(sandbox, req, res).catch((error: unknown) => {
      console.error("[sandbox] unhandled", error);
      if (!res.headersSent) sendJson(res, 500, envelope(20500, "Internal Server Error", 500));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  return {
    url,
    port,
    sandbox,
    settings,
    /** The current world (changes on reseed). */
    get world() {
      return sandbox.world;
    },
    /** API credentials of every account, parent first. */
    get credentials() {
      return sandbox.world.accounts.map((a) => ({
        accountSid: a.sid,
        friendlyName: a.friendlyName,
        clientId: a.clientId,
        clientSecret: a.clientSecret,
        parentSid: a.parentIndex === undefined ? null : (sandbox.world.accounts[a.parentIndex]?.sid ?? null),
      }));
    },
    clock: {
      now: () => sandbox.world.clock.now(),
      /** Moves virtual time forward, running everything that falls due. */
      advance: (ms: number) => sandbox.world.clock.advance(ms),
    },
    async close(): Promise<void> {
      await sandbox.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function handle(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const rawUrl = req.url ?? "/";
  const queryAt = rawUrl.indexOf("?");
  let path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? "" : rawUrl.slice(queryAt + 1));
  if (path.endsWith(".json")) path = path.slice(0, -5);
  if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
  const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");

  try {
    if (method === "OPTIONS") {
      sendEmpty(res, 204, CORS_HEADERS);
      return;
    }
    let found: ReturnType<typeof match>;
    try {
      found = match(ROUTES, method, path);
    } catch {
      // A malformed percent-escape in a path segment names no resource.
      throw errors.notFound(path);
    }
    if (found.kind === "none") throw errors.notFound(path.replace(/^\/v1/, ""));
    if (found.kind === "wrong-method") throw errors.methodNotAllowed(found.allowed);

    const { route, params } = found;
    if (route.access === "admin" && !isLoopback(req.socket.remoteAddress)) {
      sendJson(res, 403, envelope(20003, "The sandbox admin API only answers loopback clients", 403));
      return;
    }
    if (route.access !== "admin") {
      const fault = sandbox.faults.decide(`${route.method} ${route.pattern}`);
      if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
      if (fault.error) throw fault.error;
    }
    const world = sandbox.world;
    const caller: Caller =
      route.access === "bearer" ? authenticate(sandbox, req) : { account: 0, ip: clientIp(req) };
    const ctx: RouteContext = {
      req,
      res,
      query,
      params,
      origin: requestOrigin(req, `http://${req.socket.localAddress}:${req.socket.localPort}`),
      sandbox,
      world,
      caller,
    };
    await route.handler(ctx);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof ApiError) {
      if (error instanceof TokenRejected) {
        sendJson(res, 403, error.body());
      } else {
        sendJson(res, error.status, envelope(error.code, error.message, error.status), error.headers);
      }
    } else {
      console.error("[sandbox] error while handling", req.method, rawUrl, error);
      sendJson(res, 500, envelope(20500, "Internal Server Error", 500));
    }
  } finally {
    if (sandbox.options.logRequests) {
      console.log(
        `[sandbox] ${req.method} ${rawUrl} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`,
      );
    }
  }
}

/**
 * The API-Gateway body KORE sends for a bad or expired token [AE], plus `code`/`status`/
 * `more_info` so it also matches the spec's error schema for 403.
 */
class TokenRejected extends ApiError {
  constructor() {
    super(403, 20003, "User is not authorized to access this resource with an explicit deny");
  }

  body() {
    return { ...envelope(20003, this.message, 403), error: "Invalid or expired token" };
  }
}

function authenticate(sandbox: Sandbox, req: IncomingMessage): Caller {
  const header = req.headers.authorization;
  const ip = clientIp(req);
  if (!header) throw errors.missingCredentials();
  if (header.startsWith("Bearer ")) {
    const check = sandbox.tokens.verify(header.slice(7).trim());
    const account = check.ok ? sandbox.world.accountBySid(check.accountSid) : undefined;
    if (!account) throw new TokenRejected();
    return { account: account.index, ip };
  }
  if (header.startsWith("Basic ")) {
    // Twilio-style AccountSid:secret, so the official helper libraries work unchanged.
    const basic = parseBasic(header);
    const account = basic ? sandbox.world.accountBySid(basic.user) : undefined;
    if (!account || !basic || basic.password !== account.clientSecret) throw errors.badBasicCredentials();
    return { account: account.index, ip };
  }
  throw errors.missingCredentials();
}

function clientIp(req: IncomingMessage): string | null {
  const address = req.socket.remoteAddress;
  if (!address) return null;
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}
