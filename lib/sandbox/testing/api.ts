import type { RunningSandbox } from "../server";
import { type Conformance, loadConformance } from "./conformance";

/**
 * A small HTTP client for sandbox tests. Every response body it sees is validated against the
 * OpenAPI specs (see conformance.ts), so a test cannot look at a non-conforming body by accident.
 */
export type ApiResponse<T = Record<string, unknown>> = {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or undefined for an empty body. */
  body: T;
  text: string;
};

type Auth =
  | { kind: "bearer"; token: string }
  | { kind: "basic"; user: string; password: string }
  | { kind: "none" };

export type TestApi = ReturnType<typeof createTestApi>;

export function createTestApi(sandbox: RunningSandbox, conformance: Conformance = loadConformance()) {
  const send = async <T>(
    method: string,
    target: string,
    init: {
      auth?: Auth;
      form?: Record<string, string | string[] | undefined>;
      body?: string;
      headers?: Record<string, string | undefined>;
    } = {},
  ): Promise<ApiResponse<T>> => {
    const url = target.startsWith("http") ? target : `${sandbox.url}${target}`;
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(init.headers ?? {}))
      if (value !== undefined) headers[key] = value;
    const auth = init.auth ?? { kind: "none" };
    if (auth.kind === "bearer") headers.Authorization = `Bearer ${auth.token}`;
    if (auth.kind === "basic")
      headers.Authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString("base64")}`;
    let body = init.body;
    if (init.form) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(init.form)) {
        if (value === undefined) continue;
        for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
      }
      body = params.toString();
      headers["Content-Type"] ??= "application/x-www-form-urlencoded";
    }
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    const parsed = text === "" ? undefined : JSON.parse(text);
    const { pathname } = new URL(url);
    if (!pathname.startsWith("/_sandbox")) {
      if (response.status === 204) {
        if (text !== "") throw new Error(`${method} ${pathname} → 204 with a body: ${text}`);
      } else {
        conformance.validate(method, pathname.replace(/\.json$/, ""), response.status, parsed);
      }
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  };

  const token = async (clientId: string, clientSecret: string) => {
    const res = await send<{ access_token: string; expires_in: number }>(
      "POST",
      "/api-services/v1/auth/token",
      {
        form: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret },
      },
    );
    if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
    return res.body.access_token;
  };

  /** A client authenticated as account `account` (0 = parent) with a fresh bearer token. */
  const as = async (account = 0) => {
    const creds = sandbox.credentials[account];
    if (!creds) throw new Error(`no account ${account}`);
    return withAuth({ kind: "bearer", token: await token(creds.clientId, creds.clientSecret) });
  };

  const withAuth = (auth: Auth) => ({
    auth,
    get: <T = Record<string, unknown>>(path: string, query?: Record<string, string | number | undefined>) =>
      send<T>("GET", query ? `${path}?${new URLSearchParams(stringify(query))}` : path, { auth }),
    post: <T = Record<string, unknown>>(path: string, form: Record<string, string | string[]> = {}) =>
      send<T>("POST", path, { auth, form }),
    del: (path: string) => send("DELETE", path, { auth }),
    send: <T = Record<string, unknown>>(
      method: string,
      path: string,
      init: Parameters<typeof send>[2] = {},
    ) => send<T>(method, path, { auth, ...init }),
  });

  const admin = async <T = Record<string, unknown>>(method: "GET" | "POST", path: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  return { send, token, as, withAuth, admin, conformance };
}

function stringify(query: Record<string, string | number | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  );
}

/** Collects every page by following `meta.next_page_url` verbatim, as KORE's docs prescribe. */
export async function followPages<T>(
  client: { get: (path: string) => Promise<ApiResponse<Record<string, unknown>>> },
  first: string,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let url: string | null = first;
  let pages = 0;
  while (url) {
    const res = await client.get(url);
    if (res.status !== 200) throw new Error(`page ${url} → ${res.status}: ${res.text}`);
    const meta = res.body.meta as { key: string; next_page_url: string | null };
    items.push(...(res.body[meta.key] as T[]));
    url = meta.next_page_url;
    pages++;
  }
  return { items, pages };
}
