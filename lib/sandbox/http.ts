import type { IncomingMessage, ServerResponse } from "node:http";
import { errors } from "./errors";

/** Request plumbing shared by the routes: bodies, forms, JSON replies, absolute URLs. */
export const MAX_BODY_BYTES = 1_048_576;

export type Form = URLSearchParams;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw errors.invalidParameter("body", "is larger than 1 MB");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A form body: application/x-www-form-urlencoded or nothing at all; anything else is 415. */
export async function readForm(req: IncomingMessage): Promise<Form> {
  const body = await readBody(req);
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/x-www-form-urlencoded") return new URLSearchParams(body);
  if (type === "" && body.trim() === "") return new URLSearchParams();
  throw errors.unsupportedMediaType();
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req);
  if (body.trim() === "") return {};
  try {
    return JSON.parse(body);
  } catch {
    throw errors.invalidParameter("body", "is not valid JSON");
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...CORS_HEADERS, ...headers });
  res.end();
}

export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, Authorization",
  "Access-Control-Allow-Credentials": "true",
};

/** The origin clients used to reach us, so every URL we return points back at this sandbox. */
export function requestOrigin(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  if (!host || !/^[A-Za-z0-9.\-:[\]]+$/.test(host)) return fallback;
  const forwarded = req.headers["x-forwarded-proto"];
  const proto = typeof forwarded === "string" && /^https?$/.test(forwarded) ? forwarded : "http";
  return `${proto}://${host}`;
}

export function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

/** ISO 8601 without milliseconds, as in every KORE/Twilio example. */
export function iso(ms: number): string {
  // Every SIM of a 1000-row page carries two dates: format the time of day by hand and reuse the
  // date part, which changes once per day.
  const day = Math.floor(ms / 86_400_000);
  let prefix = DAY_PREFIX.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
    if (DAY_PREFIX.size > 4096) DAY_PREFIX.clear();
    DAY_PREFIX.set(day, prefix);
  }
  const second = Math.floor((ms - day * 86_400_000) / 1000);
  return `${prefix}${TWO_DIGITS[Math.floor(second / 3600)]}:${TWO_DIGITS[Math.floor(second / 60) % 60]}:${TWO_DIGITS[second % 60]}Z`;
}

const DAY_PREFIX = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

/** Parses an ISO 8601 date or date-time; undefined when absent, throws when malformed. */
export function parseDate(
  value: string | null,
  name: string,
  invalid = errors.invalidParameter,
): number | undefined {
  if (value === null || value === "") return undefined;
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    throw invalid(name, "must be an ISO 8601 date-time");
  }
  // A date-time without an offset is GMT per the API docs, not local time.
  const normalized =
    /T|\s/.test(value) && !/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? `${value.replace(" ", "T")}Z` : value;
  const ms = Date.parse(normalized);
  if (Number.isNaN(ms)) throw invalid(name, "must be an ISO 8601 date-time");
  return ms;
}

/** A PascalCase boolean form value ("true"/"false", any case). */
export function parseBoolean(form: Form, name: string): boolean | undefined {
  const value = form.get(name);
  if (value === null) return undefined;
  const lower = value.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  throw errors.invalidParameter(name, "must be true or false");
}

export function parseMethod(form: Form, name: string): "GET" | "POST" | undefined {
  const value = form.get(name);
  if (value === null) return undefined;
  const upper = value.toUpperCase();
  if (upper === "GET" || upper === "POST") return upper;
  throw errors.invalidParameter(name, "must be GET or POST");
}

/** An absolute http(s) URL, or "" to clear the value (returned as null). */
export function parseUrl(form: Form, name: string): string | null | undefined {
  const value = form.get(name);
  if (value === null) return undefined;
  if (value === "") return null;
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return value;
  } catch {
    // fall through to the error below
  }
  throw errors.invalidParameter(name, "must be an absolute http(s) URL");
}
