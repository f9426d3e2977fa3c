/**
 * `npm run sandbox`: the embedded KORE sandbox on its own (127.0.0.1:$SANDBOX_PORT, default 4010),
 * configured by the SANDBOX_* variables listed in lib/sandbox/README.md. Prints where it listens
 * and the API credentials of every account, then runs until SIGINT/SIGTERM.
 */
import { startSandbox } from "../lib/sandbox/server";
import { SandboxSettingsError } from "../lib/sandbox/settings";

async function main(): Promise<void> {
  const started = performance.now();
  const sandbox = await startSandbox();
  const { settings } = sandbox;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `KORE sandbox listening on ${sandbox.url}  (${settings.sims} SIMs, seed ${settings.seed}, ready in ${seconds} s)`,
  );
  console.log(`  token endpoint   POST ${sandbox.url}/api-services/v1/auth/token`);
  console.log(`  wireless, monitor and IAM on ${sandbox.url}/v1/…   admin: ${sandbox.url}/_sandbox/state`);
  console.log(`  time scale ×${settings.timeScale}, token lifetime ${settings.tokenTtlSeconds} s`);
  console.log("API clients (client_credentials; HTTP Basic uses AccountSid:client_secret):");
  for (const account of sandbox.credentials) {
    const role = account.parentSid ? "subaccount" : "parent";
    console.log(`  ${role.padEnd(10)} ${account.accountSid}  ${account.friendlyName}`);
    console.log(`             client_id=${account.clientId}  client_secret=${account.clientSecret}`);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof SandboxSettingsError) console.error(error.message);
  else console.error("The sandbox could not start:", error);
  process.exit(1);
});
