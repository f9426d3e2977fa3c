/** `npm run test:e2e`: make sure a system Chromium exists, then run Playwright. Extra args pass through. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureChromium } from "./find-chromium";

try {
  process.env.CHROMIUM_PATH = ensureChromium();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = "1";
const cli = path.resolve(import.meta.dirname, "..", "node_modules", "@playwright", "test", "cli.js");
const result = spawnSync(process.execPath, [cli, "test", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
