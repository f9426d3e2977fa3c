/**
 * The status-callback receiver behind `POST|GET /api/webhooks/sim-status?token=…` (sim-api.md §9).
 *
 * - Authenticated only by the per-installation token in the URL (lib/webhooks/callback-url.ts),
 *   compared in constant time over SHA-256 digests (equal length whatever was presented). Anything
 *   else is answered 401 and nothing is stored or parsed.
 * - Parameters come from the query string (GET, or extra on a POST) and the body (form-encoded as
 *   KORE sends it; JSON and multipart are tolerated); the body wins on a clash.
 * - Each delivery is stored once. The dedupe key is KORE's `kore-idempotency-token` header (the
 *   same on a retried delivery) or, without one, a hash of the fields that identify the fact
 *   (SIM, status, previous status, date, reset status, rate plan, account).
 * - Odd input never becomes a 500: an unusable body (no SIM SID or status, unreadable JSON) is
 *   400, a body over 64 KB 413, an unknown content type 415. Values are bounded and NUL characters
 *   (which PostgreSQL cannot store) removed, so what is stored is what a person can read. Only a
 *   failing database answers 503, which makes KORE retry the delivery once.
 * - It answers as soon as the row is written; nothing else happens on this path.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { storeCallback } from "./callback-store";

export const MAX_CALLBACK_BODY_BYTES = 64 * 1024;
const MAX_PARAMS = 64;
const MAX_KEY_LENGTH = 100;
const MAX_VALUE_LENGTH = 2048;
const SIM_SID = /^DE[0-9a-fA-F]{32}$/;
const STATUS = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;
const IDEMPOTENCY_TOKEN = /^[\x21-\x7e]{1,200}$/;
const IDENTIFYING_FIELDS = [
  "SimSid",
  "Status",
  "PreviousStatus",
  "DateUpdated",
  "ResetStatus",
  "RatePlanSid",
  "AccountSid",
] as const;

export type ReceiverDeps = {
  getDb: () => Promise<Db>;
  /** The installation's webhook token (lib/webhooks/callback-url.ts `getWebhookToken`). */
  getToken: () => string;
};

type Parsed = { ok: true; params: Record<string, string> } | { ok: false; status: number; message: string };

export function createSimStatusReceiver(deps: ReceiverDeps) {
  return async function receive(request: Request): Promise<Response> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return reply(400, { error: "The request address could not be read." });
    }

    let expected: string;
    try {
      expected = deps.getToken();
    } catch (error) {
      console.error(
        "[webhooks] the webhook token is not available:",
        error instanceof Error ? error.message : error,
      );
      return reply(503, { error: "The console cannot check callbacks right now." });
    }
    const presented = url.searchParams.getAll("token");
    if (presented.length !== 1 || !sameSecret(presented[0] as string, expected)) {
      return reply(401, { error: "Unknown or missing token." });
    }

    const parsed = await readParams(request, url);
    if (!parsed.ok) return reply(parsed.status, { error: parsed.message });
    const { params } = parsed;

    const simSid = params.SimSid ?? "";
    const status = params.Status ?? "";
    if (!SIM_SID.test(simSid) || !STATUS.test(status)) {
      return reply(400, { error: "A status callback needs SimSid (a DE… SID) and Status." });
    }
    const previous =
      params.PreviousStatus && STATUS.test(params.PreviousStatus) ? params.PreviousStatus : null;

    try {
      const db = await deps.getDb();
      const stored = await storeCallback(db, {
        simSid,
        status,
        previousStatus: previous,
        params,
        dedupeKey: dedupeKey(request.headers.get("kore-idempotency-token"), params),
      });
      return reply(200, { received: true, duplicate: !stored });
    } catch (error) {
      console.error("[webhooks] storing a status callback failed:", error);
      return reply(503, { error: "The callback could not be stored. Try again." });
    }
  };
}

/** Constant-time comparison of two secrets of any lengths (their digests have equal length). */
export function sameSecret(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}

export function dedupeKey(idempotencyToken: string | null, params: Record<string, string>): string {
  const token = idempotencyToken?.trim();
  if (token && IDEMPOTENCY_TOKEN.test(token)) return `token:${token}`;
  const identity = IDENTIFYING_FIELDS.map((field) => [field, params[field] ?? ""]);
  return `hash:${createHash("sha256").update(JSON.stringify(identity)).digest("hex")}`;
}

async function readParams(request: Request, url: URL): Promise<Parsed> {
  const collected: [string, string][] = [];
  for (const [key, value] of url.searchParams) if (key !== "token") collected.push([key, value]);

  if (request.method === "POST") {
    const body = await readBody(request);
    if (body === "too-large") return { ok: false, status: 413, message: "The body is larger than 64 KB." };
    if (body === "unreadable") return { ok: false, status: 400, message: "The body could not be read." };
    if (body.trim() !== "") {
      const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      const fromBody = await parseBody(type, body, request.headers.get("content-type") ?? "");
      if (!fromBody.ok) return fromBody;
      collected.push(...Object.entries(fromBody.params));
    }
  }
  return { ok: true, params: bounded(collected) };
}

async function parseBody(type: string, body: string, contentType: string): Promise<Parsed> {
  if (type === "application/x-www-form-urlencoded" || type === "" || type === "text/plain") {
    return { ok: true, params: Object.fromEntries(new URLSearchParams(body)) };
  }
  if (type === "application/json") {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return { ok: false, status: 400, message: "The JSON body could not be parsed." };
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return { ok: false, status: 400, message: "The JSON body must be an object of parameters." };
    }
    const params: Record<string, string> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === "string" || typeof inner === "number" || typeof inner === "boolean") {
        params[key] = String(inner);
      }
    }
    return { ok: true, params };
  }
  if (type === "multipart/form-data") {
    try {
      const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
      const params: Record<string, string> = {};
      for (const [key, value] of form) if (typeof value === "string") params[key] = value;
      return { ok: true, params };
    } catch {
      return { ok: false, status: 400, message: "The multipart body could not be parsed." };
    }
  }
  return { ok: false, status: 415, message: "Send parameters form-encoded or in the query string." };
}

/** The body as text, refusing more than the cap without reading it all. */
async function readBody(request: Request): Promise<string | "too-large" | "unreadable"> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > MAX_CALLBACK_BODY_BYTES) return "too-large";
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_CALLBACK_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        return "too-large";
      }
      chunks.push(value);
    }
  } catch {
    return "unreadable";
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

/** One value per key (the body's over the query's), bounded in count and length, storable text. */
function bounded(entries: readonly [string, string][]): Record<string, string> {
  const merged = new Map<string, string>();
  for (const [rawKey, value] of entries) {
    const key = clean(rawKey);
    if (key === "" || key.length > MAX_KEY_LENGTH) continue;
    if (!merged.has(key) && merged.size >= MAX_PARAMS) continue;
    merged.set(key, clean(value.slice(0, MAX_VALUE_LENGTH)));
  }
  // fromEntries defines own properties, so a key like "__proto__" stays a plain key.
  return Object.fromEntries(merged);
}

/** PostgreSQL stores neither NUL characters nor lone surrogates (e.g. from a bad %-escape). */
function clean(text: string): string {
  return text.toWellFormed().replaceAll("\u0000", "");
}

function reply(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
