/**
 * The address KORE calls back when an asynchronous change of a SIM (status, rate plan, reset)
 * finishes: `${PUBLIC_BASE_URL}/api/webhooks/sim-status?token=…`. Every such write passes it as
 * `CallbackUrl`, so the timeline hears about completions without polling.
 *
 * The token tells our webhook route that a request came from someone we gave the address to.
 * `WEBHOOK_TOKEN` wins; without it one is generated once and kept at `<DATA_DIR>/webhook-token`
 * (mode 0600), like the session secret (lib/auth/auth-secret.ts), so callbacks already promised
 * to KORE keep working after a restart. Several instances behind a load balancer must share
 * `WEBHOOK_TOKEN` (or the data directory).
 */
import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/config";

export const WEBHOOK_PATH = "/api/webhooks/sim-status";
const MIN_LENGTH = 24;

export function webhookTokenPath(dataDir: string): string {
  return path.join(dataDir, "webhook-token");
}

/** The token for a configuration: the configured one, or the persisted (created on first use) one. */
export function resolveWebhookToken(config: { webhookToken?: string; dataDir: string }): string {
  if (config.webhookToken) return config.webhookToken;
  const file = webhookTokenPath(config.dataDir);
  const existing = readToken(file);
  if (existing) return existing;
  mkdirSync(config.dataDir, { recursive: true });
  try {
    // "wx": if another process wrote it first, use theirs instead of overwriting.
    writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const created = readToken(file);
  if (!created) throw new Error(`${file} does not hold a usable token (at least ${MIN_LENGTH} characters)`);
  return created;
}

let cached: string | undefined;

/** This installation's webhook token. */
export function getWebhookToken(): string {
  cached ??= resolveWebhookToken(getConfig());
  return cached;
}

/** Constant-time check of a token a webhook request presented. */
export function isValidWebhookToken(candidate: string | null | undefined): boolean {
  if (!candidate) return false;
  const expected = Buffer.from(getWebhookToken());
  const given = Buffer.from(candidate);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `CallbackUrl` for asynchronous SIM changes (sent with `CallbackMethod=POST`). */
export function simStatusCallbackUrl(): string {
  // Concatenated, not resolved: a console served under a path prefix keeps it.
  return `${getConfig().publicBaseUrl}${WEBHOOK_PATH}?token=${encodeURIComponent(getWebhookToken())}`;
}

function readToken(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  if (text.length < MIN_LENGTH) return undefined;
  // Someone may have copied the file with looser permissions; it admits webhook calls.
  chmodSync(file, 0o600);
  return text;
}
