/**
 * Playwright drives Debian's Chromium, never a downloaded browser (no internet here). This finds it,
 * and on Debian as root installs it with apt-get when it is missing.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

export function ensureChromium(): string {
  const browser = chromiumPath();
  if (existsSync(browser)) return browser;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const isDebian = existsSync("/etc/debian_version");
  if (!process.env.CHROMIUM_PATH && isRoot && isDebian) {
    console.log("Chromium not found: installing Debian's chromium package (apt-get install -y chromium)…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const update = spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    const install =
      update.status === 0
        ? spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
            stdio: "inherit",
            env,
          })
        : update;
    if (install.status === 0 && existsSync(browser)) return browser;
  }
  throw new Error(
    `No Chromium found at ${browser}.\n` +
      "The end-to-end tests drive the system Chromium, not a downloaded one. Install it with:\n" +
      "  sudo apt-get install chromium        (Debian/Ubuntu)\n" +
      "or point CHROMIUM_PATH at an existing Chromium/Chrome binary.",
  );
}
