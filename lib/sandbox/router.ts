import type { IncomingMessage, ServerResponse } from "node:http";
import type { Caller } from "./lifecycle";
import type { Sandbox } from "./sandbox";
import type { World } from "./world";

/**
 * A tiny method + path router. Patterns use `{Name}` segments; the pattern string is also the
 * route's name in fault settings ("GET /v1/Sims/{Sid}").
 */
export type Access = "public" | "bearer" | "admin";

export type RouteContext = {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  params: Record<string, string>;
  /** Scheme + host the client used; every URL in a response is built on it. */
  origin: string;
  sandbox: Sandbox;
  world: World;
  /** The authenticated account (bearer routes only). */
  caller: Caller;
};

export type Handler = (ctx: RouteContext) => Promise<void> | void;

export type Route = {
  method: "GET" | "POST" | "DELETE";
  pattern: string;
  access: Access;
  handler: Handler;
  regex: RegExp;
  keys: string[];
};

export function route(method: Route["method"], pattern: string, access: Access, handler: Handler): Route {
  const keys: string[] = [];
  const source = pattern
    .split("/")
    .map((segment) => {
      const match = /^\{(\w+)\}$/.exec(segment);
      if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      keys.push(match[1] as string);
      return "([^/]+)";
    })
    .join("/");
  return { method, pattern, access, handler, regex: new RegExp(`^${source}$`), keys };
}

export type Match =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "wrong-method"; allowed: string[] }
  | { kind: "none" };

export function match(routes: Route[], method: string, path: string): Match {
  const allowed: string[] = [];
  for (const candidate of routes) {
    const found = candidate.regex.exec(path);
    if (!found) continue;
    if (candidate.method !== method) {
      allowed.push(candidate.method);
      continue;
    }
    const params: Record<string, string> = {};
    candidate.keys.forEach((key, i) => {
      params[key] = decodeURIComponent(found[i + 1] as string);
    });
    return { kind: "found", route: candidate, params };
  }
  return allowed.length > 0 ? { kind: "wrong-method", allowed } : { kind: "none" };
}
