import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
const DATA_DIR = process.env.E2E_DATA_DIR ?? "./data/e2e";
export const E2E_BASE_URL = `http://127.0.0.1:${PORT}`;
process.env.E2E_SANDBOX_URL ??= `http://127.0.0.1:${SANDBOX_PORT}`;

export default defineConfig({
  testDir: "./e2e",
  // One worker: the console, the sandbox and Chromium share two cores, and tests share the sandbox.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: "test-results",
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
          ],
        },
      },
    },
  ],
  webServer: {
    // The real launcher (what `npm start` runs) on a fresh data dir and its own sandbox.
    command: `rm -rf ${DATA_DIR} && npx tsx scripts/start.ts`,
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      DATA_DIR,
      SANDBOX_PORT: String(SANDBOX_PORT),
      PUBLIC_BASE_URL: E2E_BASE_URL,
      NEXT_TELEMETRY_DISABLED: "1",
      // Every e2e sign-in comes from 127.0.0.1; the default limit (30/min) is for real clients.
      SIGN_IN_RATE_LIMIT: "1000",
      EVENT_SYNC_INTERVAL_SECONDS: "5",
      // The slow-upstream test waits out every attempt (4 × timeout plus backoff): about 15 s at
      // 3 s instead of 60 s at the 15 s default. A healthy sandbox answers in well under a second.
      KORE_TIMEOUT_MS: "3000",
      // e2e always runs on the sandbox, whatever the developer's shell holds.
      KORE_CLIENT_ID: "",
      KORE_CLIENT_SECRET: "",
      DATABASE_URL: "",
    },
  },
});
