import { describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "@/lib/config";
import { parseSandboxSettings, SANDBOX_CREDENTIAL_DEFAULTS, SandboxSettingsError } from "./settings";

describe("sandbox settings", () => {
  it("has the documented defaults", () => {
    const settings = parseSandboxSettings({});
    expect(settings).toMatchObject({
      port: 4010,
      host: "127.0.0.1",
      clientId: "sandbox-parent-client",
      clientSecret: "sandbox-parent-secret",
      sims: 5000,
      seed: 42,
      timeScale: 1,
      tokenTtlSeconds: 3600,
      updateDelayMs: 2000,
      faultRate429: 0,
      faultRate500: 0,
      faultRate503: 0,
      latencyMs: 0,
      rateLimitPerSecond: 0,
      deletableStatuses: ["new", "deactivated", "canceled"],
      routeFaults: {},
    });
    expect(settings.startTime).toBeUndefined();
  });

  it("uses the same parent credentials as the console's config (the console logs in with them)", () => {
    expect(SANDBOX_CREDENTIAL_DEFAULTS.clientId).toBe(SANDBOX_DEFAULTS.clientId);
    expect(SANDBOX_CREDENTIAL_DEFAULTS.clientSecret).toBe(SANDBOX_DEFAULTS.clientSecret);
    expect(parseSandboxSettings({}).port).toBe(SANDBOX_DEFAULTS.port);
  });

  it("reads every SANDBOX_* variable", () => {
    const settings = parseSandboxSettings({
      SANDBOX_PORT: "0",
      SANDBOX_SIMS: "1000000",
      SANDBOX_SEED: "7",
      SANDBOX_TIME_SCALE: "3600",
      SANDBOX_TOKEN_TTL: "60",
      SANDBOX_UPDATE_DELAY_MS: "10",
      SANDBOX_RESET_DELAY_MS: "20",
      SANDBOX_SCHEDULED_RATE: "0.5",
      SANDBOX_SCHEDULED_DELAY_MS: "30",
      SANDBOX_FAULT_RATE_429: "0.1",
      SANDBOX_FAULT_RATE_500: "0.01",
      SANDBOX_FAULT_RATE_503: "0.2",
      SANDBOX_LATENCY_MS: "15",
      SANDBOX_ROUTE_FAULTS: '{"GET /v1/Sims":{"latencyMs":200,"rate503":1}}',
      SANDBOX_RATE_LIMIT: "25",
      SANDBOX_DELETABLE_STATUSES: "new, canceled",
      SANDBOX_START_TIME: "2024-06-01T00:00:00Z",
      SANDBOX_CALLBACK_RETRY_MS: "5",
      SANDBOX_LOG_REQUESTS: "true",
    });
    expect(settings).toMatchObject({
      port: 0,
      sims: 1_000_000,
      seed: 7,
      timeScale: 3600,
      tokenTtlSeconds: 60,
      updateDelayMs: 10,
      resetDelayMs: 20,
      scheduledRate: 0.5,
      scheduledDelayMs: 30,
      faultRate429: 0.1,
      faultRate500: 0.01,
      faultRate503: 0.2,
      latencyMs: 15,
      routeFaults: { "GET /v1/Sims": { latencyMs: 200, rate503: 1 } },
      rateLimitPerSecond: 25,
      deletableStatuses: ["new", "canceled"],
      startTime: Date.parse("2024-06-01T00:00:00Z"),
      callbackRetryMs: 5,
      logRequests: true,
    });
  });

  it("names every bad variable", () => {
    try {
      parseSandboxSettings({
        SANDBOX_PORT: "70000",
        SANDBOX_FAULT_RATE_503: "2",
        SANDBOX_ROUTE_FAULTS: "{nope",
        SANDBOX_DELETABLE_STATUSES: "new,gone",
        SANDBOX_TIME_SCALE: "fast",
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SandboxSettingsError);
      const variables = (error as SandboxSettingsError).problems.map((p) => p.variable).sort();
      expect(variables).toEqual([
        "SANDBOX_DELETABLE_STATUSES",
        "SANDBOX_FAULT_RATE_503",
        "SANDBOX_PORT",
        "SANDBOX_ROUTE_FAULTS",
        "SANDBOX_TIME_SCALE",
      ]);
    }
  });

  it("treats blank values as unset", () => {
    expect(parseSandboxSettings({ SANDBOX_SIMS: "", SANDBOX_SEED: " " })).toMatchObject({
      sims: 5000,
      seed: 42,
    });
  });
});
