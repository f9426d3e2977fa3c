/**
 * `npm run users -- …`: manage console users from the command line (see lib/auth/users-cli.ts).
 * Opens the configured database (PGlite under DATA_DIR, or DATABASE_URL), migrating it if needed.
 *
 * PGlite allows one process per data directory: stop the console first, or use PostgreSQL.
 */
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { runUsersCli, USAGE } from "../lib/auth/users-cli";
import { ConfigError, parseConfig } from "../lib/config";
import { createDb } from "../lib/db/client";

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    console.log(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    return 1;
  }
  const handle = await createDb(config.database);
  try {
    return await runUsersCli(argv, {
      db: handle.db,
      io: {
        out: (line) => console.log(line),
        err: (line) => console.error(line),
        interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
        promptPassword,
      },
    });
  } finally {
    // An open PGlite keeps the process alive (toolchain.md G11).
    await handle.close();
  }
}

/** Reads a line from the terminal without echoing it. */
function promptPassword(label: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(label, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
