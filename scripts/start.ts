/**
 * `npm start` / `npm run dev`: one command that brings the whole console up on a fresh machine.
 *
 * - validates the environment first (a bad value stops here, naming the variable);
 * - builds once when no production build exists (`npm start` on a fresh clone just works);
 * - without KORE credentials, starts the embedded KORE sandbox in this process and points the
 *   console at it (sandbox mode), printing the demo users' credentials;
 * - runs `next start` (or `next dev` with --dev) honouring PORT, HOSTNAME and DATA_DIR, and
 *   stops the sandbox when Next exits.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { DEMO_USERS } from "../lib/auth/demo-users";
import { ConfigError, parseConfig } from "../lib/config";
import { startSandbox } from "../lib/sandbox/server";

const dev = process.argv.includes("--dev");
const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  mkdirSync(config.dataDir, { recursive: true });

  if (!dev && !existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.log("No production build found: building the console once (about a minute)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], {
      cwd: root,
      stdio: "inherit",
      env: process.env,
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: config.dataDir };
  let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined;
  if (config.mode === "sandbox" && !process.env.SANDBOX_URL) {
    sandbox = await startSandbox({ port: config.sandbox.port, host: "127.0.0.1" });
    childEnv.SANDBOX_URL = sandbox.url;
  }

  const args = dev
    ? [nextBin, "dev", "-p", String(config.port), "-H", config.hostname]
    : [nextBin, "start", "-p", String(config.port), "-H", config.hostname];
  const next = spawn(process.execPath, args, { cwd: root, stdio: "inherit", env: childEnv });

  const shownHost = config.hostname === "0.0.0.0" ? "localhost" : config.hostname;
  console.log(`\nSIM Console: http://${shownHost}:${config.port}  (upstream: ${config.mode})`);
  if (sandbox) {
    console.log(`KORE sandbox: ${sandbox.url}`);
    console.log("Demo users (sandbox mode only):");
    for (const user of DEMO_USERS)
      console.log(`  ${user.role.padEnd(8)} ${user.email.padEnd(24)} ${user.password}`);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    next.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  next.on("exit", async (code, signal) => {
    await sandbox?.close().catch(() => {});
    process.exit(code ?? (signal ? 0 : 1));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
