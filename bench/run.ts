/**
 * `npm run bench [-- <suite> …]`: runs the benchmark suites in one process and prints every figure,
 * its goal and whether it was met. Suites that need the console get one started here (production
 * build, embedded sandbox, fresh data dir), shared by all of them, and its URLs in
 * BENCH_CONSOLE_URL / BENCH_SANDBOX_URL. Figures are written to reports/bench.json too.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BenchFigure, BenchSuite } from "./types";

const root = path.resolve(import.meta.dirname, "..");

/** Suite modules in run order; `needsConsole` suites get a running console. */
const SUITES: { file: string; needsConsole: boolean }[] = [
  { file: "./sandbox", needsConsole: false },
  { file: "./kore-client", needsConsole: false },
  { file: "./sims-table", needsConsole: true },
  // In-process: its own sandbox and runner (bench/jobs.ts), not the console.
  { file: "./jobs", needsConsole: false },
];

async function startConsole(): Promise<{ url: string; sandboxUrl: string; stop: () => Promise<void> }> {
  const port = Number(process.env.BENCH_PORT ?? 3300);
  const sandboxPort = Number(process.env.BENCH_SANDBOX_PORT ?? 4310);
  const dataDir = path.join(root, "data", "bench");
  rmSync(dataDir, { recursive: true, force: true });
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        DATA_DIR: dataDir,
        SANDBOX_PORT: String(sandboxPort),
        PUBLIC_BASE_URL: url,
        KORE_CLIENT_ID: "",
        KORE_CLIENT_SECRET: "",
        DATABASE_URL: "",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`console exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

function format(figure: BenchFigure) {
  const value = Number.isInteger(figure.value) ? String(figure.value) : figure.value.toFixed(2);
  const verdict = figure.ok === undefined ? "" : figure.ok ? "  ok" : "  MISSED";
  return `  ${figure.name.padEnd(58)} ${`${value} ${figure.unit}`.padStart(16)}${figure.goal ? `   goal ${figure.goal}` : ""}${verdict}`;
}

async function main() {
  const only = process.argv.slice(2);
  const selected = SUITES.filter((s) => only.length === 0 || only.some((o) => s.file.includes(o)));
  const results: Record<string, BenchFigure[]> = {};
  let consoleHandle: Awaited<ReturnType<typeof startConsole>> | undefined;
  try {
    for (const entry of selected) {
      if (!existsSync(path.join(import.meta.dirname, `${entry.file}.ts`))) continue;
      const { suite } = (await import(entry.file)) as { suite: BenchSuite };
      if (entry.needsConsole && !consoleHandle) {
        consoleHandle = await startConsole();
        process.env.BENCH_CONSOLE_URL = consoleHandle.url;
        process.env.BENCH_SANDBOX_URL = consoleHandle.sandboxUrl;
      }
      console.log(`\n${suite.name}`);
      const figures = await suite.run();
      results[suite.name] = figures;
      for (const figure of figures) console.log(format(figure));
    }
  } finally {
    await consoleHandle?.stop();
  }
  mkdirSync(path.join(root, "reports"), { recursive: true });
  writeFileSync(path.join(root, "reports", "bench.json"), JSON.stringify(results, null, 2));
  const missed = Object.values(results)
    .flat()
    .filter((f) => f.ok === false);
  console.log(`\n${missed.length === 0 ? "All goals met." : `${missed.length} goal(s) missed.`}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
