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
import { timingSafeEqual } from "node:crypto";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { readOrCreateSecretFile } from "@/lib/secret-file";

export const WEBHOOK_PATH = "/api/webhooks/sim-status";

export function webhookTokenPath(dataDir: string): string {
  return path.join(dataDir, "webhook-token");
}

/** The token for a configuration: the configured one, or the persisted (created on first use) one. */
export function resolveWebhookToken(config: { webhookToken?: string; dataDir: string }): string {
  if (config.webhookToken) return config.webhookToken;
  return readOrCreateSecretFile({
    file: webhookTokenPath(config.dataDir),
    bytes: 32,
    minLength: 24,
    name: "token",
  });
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
