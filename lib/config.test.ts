import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

function problemsOf(env: Record<string, string>) {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("defaults to sandbox mode on the embedded database", () => {
    const config = parseConfig({});
    expect(config.mode).toBe("sandbox");
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe("pglite");
    expect(config.upstream.tokenUrl).toBe("http://127.0.0.1:4010/api-services/v1/auth/token");
    expect(config.upstream.wirelessBaseUrl).toBe("http://127.0.0.1:4010");
  });

  it("switches to KORE mode with credentials and uses KORE's hosts", () => {
    const config = parseConfig({ KORE_CLIENT_ID: "id", KORE_CLIENT_SECRET: "secret" });
    expect(config.mode).toBe("kore");
    expect(config.upstream.wirelessBaseUrl).toBe("https://programmable-wireless.api.korewireless.com");
    expect(config.upstream.tokenUrl).toBe("https://api.korewireless.com/api-services/v1/auth/token");
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const config = parseConfig({ DATABASE_URL: "postgres://u:p@localhost:5432/console" });
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://u:p@localhost:5432/console" });
  });

  it("names a port that is not a number", () => {
    expect(problemsOf({ PORT: "eighty" })).toEqual([
      { variable: "PORT", message: "expected a port number between 1 and 65535" },
    ]);
  });

  it("names a port out of range", () => {
    expect(problemsOf({ SANDBOX_PORT: "70000" })[0]?.variable).toBe("SANDBOX_PORT");
  });

  it("names a DATABASE_URL that is not a postgres URL", () => {
    const [problem] = problemsOf({ DATABASE_URL: "mysql://localhost/db" });
    expect(problem).toEqual({
      variable: "DATABASE_URL",
      message: "expected a postgres:// or postgresql:// connection URL",
    });
  });

  it("names the missing half of the KORE credentials", () => {
    expect(problemsOf({ KORE_CLIENT_ID: "id" })[0]?.variable).toBe("KORE_CLIENT_SECRET");
    expect(problemsOf({ KORE_CLIENT_SECRET: "s" })[0]?.variable).toBe("KORE_CLIENT_ID");
  });

  it("names a base URL that is not absolute http(s)", () => {
    const [problem] = problemsOf({ KORE_WIRELESS_BASE_URL: "ftp://example" });
    expect(problem?.variable).toBe("KORE_WIRELESS_BASE_URL");
    expect(problem?.message).toMatch(/absolute http\(s\) URL/);
  });

  it("requires an auth secret in production against a real account", () => {
    const problems = problemsOf({ NODE_ENV: "production", KORE_CLIENT_ID: "id", KORE_CLIENT_SECRET: "s" });
    expect(problems[0]?.variable).toBe("BETTER_AUTH_SECRET");
  });

  it("puts every problem in one message that names the variables", () => {
    expect(() => parseConfig({ PORT: "x", DATABASE_URL: "nope" })).toThrow(/PORT: .*\n.*DATABASE_URL: /);
  });

  it("treats empty strings as unset", () => {
    expect(parseConfig({ PORT: "", KORE_CLIENT_ID: "", KORE_CLIENT_SECRET: "" }).mode).toBe("sandbox");
  });

  it("limits sign-in attempts to 30 a minute unless SIGN_IN_RATE_LIMIT says otherwise", () => {
    expect(parseConfig({}).signInRateLimitPerMinute).toBe(30);
    expect(parseConfig({ SIGN_IN_RATE_LIMIT: "1000" }).signInRateLimitPerMinute).toBe(1000);
    expect(problemsOf({ SIGN_IN_RATE_LIMIT: "0" })[0]).toEqual({
      variable: "SIGN_IN_RATE_LIMIT",
      message: "expected at least 1 sign-in attempt per minute",
    });
  });
  it("runs bulk jobs 8 SIMs at a time at 20 requests per second unless JOB_* says otherwise", () => {
    expect(parseConfig({}).jobs).toEqual({ concurrency: 8, ratePerSecond: 20 });
    expect(parseConfig({ JOB_CONCURRENCY: "16", JOB_RATE_PER_SECOND: "2.5" }).jobs).toEqual({
      concurrency: 16,
      ratePerSecond: 2.5,
    });
    expect(problemsOf({ JOB_CONCURRENCY: "0" })[0]?.variable).toBe("JOB_CONCURRENCY");
    expect(problemsOf({ JOB_CONCURRENCY: "2.5" })[0]?.message).toBe("expected a whole number of SIMs");
    expect(problemsOf({ JOB_RATE_PER_SECOND: "fast" })[0]?.variable).toBe("JOB_RATE_PER_SECOND");
    expect(problemsOf({ JOB_RATE_PER_SECOND: "0" })[0]?.message).toBe(
      "expected at least 0.1 requests per second",
    );
  });

  it("waits 5 minutes between resets of one SIM unless RESET_COOLDOWN_SECONDS says otherwise", () => {
    expect(parseConfig({}).resetCooldownSeconds).toBe(300);
    expect(parseConfig({ RESET_COOLDOWN_SECONDS: "0" }).resetCooldownSeconds).toBe(0);
    expect(parseConfig({ RESET_COOLDOWN_SECONDS: "90" }).resetCooldownSeconds).toBe(90);
    expect(problemsOf({ RESET_COOLDOWN_SECONDS: "-1" })[0]?.variable).toBe("RESET_COOLDOWN_SECONDS");
    expect(problemsOf({ RESET_COOLDOWN_SECONDS: "1.5" })[0]?.message).toBe(
      "expected a whole number of seconds",
    );
  });
  it("syncs Monitor events every minute unless EVENT_SYNC_INTERVAL_SECONDS says otherwise (0 = off)", () => {
    expect(parseConfig({}).eventSyncIntervalSeconds).toBe(60);
    expect(parseConfig({ EVENT_SYNC_INTERVAL_SECONDS: "0" }).eventSyncIntervalSeconds).toBe(0);
    expect(parseConfig({ EVENT_SYNC_INTERVAL_SECONDS: "5" }).eventSyncIntervalSeconds).toBe(5);
    expect(problemsOf({ EVENT_SYNC_INTERVAL_SECONDS: "-1" })[0]).toEqual({
      variable: "EVENT_SYNC_INTERVAL_SECONDS",
      message: "expected 0 (background sync off) or more seconds",
    });
    expect(problemsOf({ EVENT_SYNC_INTERVAL_SECONDS: "soon" })[0]?.message).toBe(
      "expected a number of seconds between Monitor event syncs",
    );
  });
});
