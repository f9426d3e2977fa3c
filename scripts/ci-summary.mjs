// Prints the one line CI's log reader understands, from Vitest's and Playwright's JSON reports.
import { existsSync, readFileSync } from "node:fs";

const exitCode = Number(process.argv[2] ?? 0);
let passed = 0;
let failed = 0;
let skipped = 0;

if (existsSync("reports/vitest.json")) {
  const r = JSON.parse(readFileSync("reports/vitest.json", "utf8"));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}

if (existsSync("reports/playwright.json")) {
  const r = JSON.parse(readFileSync("reports/playwright.json", "utf8"));
  const s = r.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
}

// A stage that failed before any runner wrote a report (lint, typecheck, build) still counts.
if (exitCode !== 0 && failed === 0) failed = 1;

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
