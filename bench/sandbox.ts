/**
 * The sandbox at scale: a 1,000,000-SIM fleet started in its own process (so memory is the
 * sandbox's, not the benchmark's), its start-up time and peak resident memory, and the latency of
 * 1000-row SIM pages as a client sees it over HTTP, unfiltered and filtered.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { BenchFigure, BenchSuite } from "./types";

const FLEET = 1_000_000;
const PAGE_SIZE = 1000;
const WARMUP = 5;
const ROUNDS = 50;
const root = path.resolve(__dirname, "..");

type Child = { process: ChildProcess; url: string; readySeconds: number; wallSeconds: number };

async function startFleet(): Promise<Child> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/sandbox.ts")], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      SANDBOX_PORT: "0",
      SANDBOX_SIMS: String(FLEET),
      SANDBOX_SEED: "42",
      SANDBOX_LATENCY_MS: "0",
    },
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(
      () => reject(new Error(`sandbox did not start in 5 minutes:\n${output}`)),
      300_000,
    );
    child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}:\n${output}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+) .*ready in ([\d.]+) s/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        process: child,
        url: match[1] as string,
        readySeconds: Number(match[2]),
        wallSeconds: (performance.now() - started) / 1000,
      });
    });
  });
}

/** Peak and current resident memory of a process in MB, from /proc (Linux). */
function memoryMb(pid: number): { peak: number; current: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
  return { peak: kb("VmHWM") / 1024, current: kb("VmRSS") / 1024 };
}

/**
 * CPU time the process has used, in ms (utime + stime from /proc, 100 ticks per second on Linux).
 * Reported next to wall-clock figures because on a busy shared machine the wall clock measures the
 * neighbours as much as the sandbox.
 */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

/** Times ROUNDS page requests, walking forward through the list by next_page_url. */
async function timePages(
  pid: number,
  first: string,
  token: string,
): Promise<{ p50: number; p95: number; cpu: number }> {
  let next = first;
  const times: number[] = [];
  let cpuBefore = 0;
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    if (i === WARMUP) cpuBefore = cpuMs(pid);
    const started = performance.now();
    const response = await fetch(next, { headers: { Authorization: `Bearer ${token}` } });
    const text = await response.text();
    // Served = the whole body received; parsing it is the client's cost, not the sandbox's.
    const elapsed = performance.now() - started;
    const body = JSON.parse(text) as { sims: unknown[]; meta: { next_page_url: string | null } };
    if (response.status !== 200 || body.sims.length === 0) throw new Error(`${next} → ${response.status}`);
    if (i >= WARMUP) times.push(elapsed);
    next = body.meta.next_page_url ?? first;
  }
  const cpu = (cpuMs(pid) - cpuBefore) / ROUNDS;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), cpu };
}

export const suite: BenchSuite = {
  name: "Sandbox: 1,000,000-SIM fleet",
  async run(): Promise<BenchFigure[]> {
    const fleet = await startFleet();
    try {
      const pid = fleet.process.pid as number;
      const afterStart = memoryMb(pid);
      const startCpu = cpuMs(pid) / 1000;
      const tokenResponse = await fetch(`${fleet.url}/api-services/v1/auth/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: process.env.SANDBOX_CLIENT_ID || "sandbox-parent-client",
          client_secret: process.env.SANDBOX_CLIENT_SECRET || "sandbox-parent-secret",
        }),
      });
      const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
      const base = `${fleet.url}/v1/Sims?PageSize=${PAGE_SIZE}`;
      const unfiltered = await timePages(pid, base, token);
      const byStatus = await timePages(
        pid,
        `${fleet.url}/v1/Sims?Status=suspended&PageSize=${PAGE_SIZE}`,
        token,
      );
      const byPlan = await timePages(
        pid,
        `${fleet.url}/v1/Sims?RatePlan=global-roamer&PageSize=${PAGE_SIZE}`,
        token,
      );
      const afterPages = memoryMb(pid);
      const pageGoal = (p50: number) => ({ goal: "≤ 50 ms", ok: p50 <= 50 });
      return [
        {
          name: "start-up, 1M SIMs (inside the process)",
          value: fleet.readySeconds,
          unit: "s",
          goal: "≤ 10 s",
          ok: fleet.readySeconds <= 10,
        },
        { name: "start-up, 1M SIMs (process spawn to listening)", value: fleet.wallSeconds, unit: "s" },
        { name: "start-up, 1M SIMs (CPU time of the process)", value: startCpu, unit: "s" },
        {
          name: "resident memory after start-up, 1M SIMs",
          value: Math.round(afterStart.current),
          unit: "MB",
        },
        {
          name: "peak resident memory, 1M SIMs (after 150 pages)",
          value: Math.round(afterPages.peak),
          unit: "MB",
          goal: "≤ 1536 MB",
          ok: afterPages.peak <= 1536,
        },
        {
          name: "1000-row page, unfiltered, p50",
          value: unfiltered.p50,
          unit: "ms",
          ...pageGoal(unfiltered.p50),
        },
        { name: "1000-row page, unfiltered, p95", value: unfiltered.p95, unit: "ms" },
        { name: "1000-row page, unfiltered, sandbox CPU per page", value: unfiltered.cpu, unit: "ms" },
        {
          name: "1000-row page, Status=suspended (7%), p50",
          value: byStatus.p50,
          unit: "ms",
          ...pageGoal(byStatus.p50),
        },
        { name: "1000-row page, Status=suspended (7%), p95", value: byStatus.p95, unit: "ms" },
        {
          name: "1000-row page, Status=suspended (7%), sandbox CPU per page",
          value: byStatus.cpu,
          unit: "ms",
        },
        {
          name: "1000-row page, RatePlan=global-roamer, p50",
          value: byPlan.p50,
          unit: "ms",
          ...pageGoal(byPlan.p50),
        },
        { name: "1000-row page, RatePlan=global-roamer, p95", value: byPlan.p95, unit: "ms" },
        {
          name: "1000-row page, RatePlan=global-roamer, sandbox CPU per page",
          value: byPlan.cpu,
          unit: "ms",
        },
      ];
    } finally {
      fleet.process.removeAllListeners("exit");
      fleet.process.kill("SIGTERM");
      await new Promise((resolve) => fleet.process.once("exit", resolve));
    }
  },
};
