import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveWebhookToken, webhookTokenPath } from "./callback-url";

describe("resolveWebhookToken", () => {
  it("prefers WEBHOOK_TOKEN from the configuration and writes nothing", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "webhook-"));
    expect(resolveWebhookToken({ webhookToken: "configured-token-of-24-chars!", dataDir })).toBe(
      "configured-token-of-24-chars!",
    );
    expect(() => statSync(webhookTokenPath(dataDir))).toThrow();
  });

  it("generates one token, keeps it private (0600) and reuses it across restarts", () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "webhook-")), "nested");
    const first = resolveWebhookToken({ dataDir });
    expect(first.length).toBeGreaterThanOrEqual(24);
    expect(statSync(webhookTokenPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(resolveWebhookToken({ dataDir })).toBe(first);
    expect(readFileSync(webhookTokenPath(dataDir), "utf8").trim()).toBe(first);
  });

  it("replaces nothing but refuses a file too short to be a token", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "webhook-"));
    writeFileSync(webhookTokenPath(dataDir), "short\n");
    expect(() => resolveWebhookToken({ dataDir })).toThrow(/usable token/);
  });
});

describe("simStatusCallbackUrl", () => {
  it("points at the webhook route of the public address, with the URL-encoded token", async () => {
    const { vi } = await import("vitest");
    vi.resetModules();
    vi.doMock("@/lib/config", () => ({
      getConfig: () => ({
        publicBaseUrl: "https://console.example.test/ops",
        webhookToken: "tok+en/with=chars-0123456789",
        dataDir: "/nonexistent",
      }),
    }));
    const { simStatusCallbackUrl, isValidWebhookToken } = await import("./callback-url");
    expect(simStatusCallbackUrl()).toBe(
      "https://console.example.test/ops/api/webhooks/sim-status?token=tok%2Ben%2Fwith%3Dchars-0123456789",
    );
    expect(isValidWebhookToken("tok+en/with=chars-0123456789")).toBe(true);
    expect(isValidWebhookToken("tok+en/with=chars-012345678X")).toBe(false);
    expect(isValidWebhookToken(null)).toBe(false);
    vi.doUnmock("@/lib/config");
  });
});
