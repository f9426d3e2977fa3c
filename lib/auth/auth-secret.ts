/**
 * The secret that signs session cookies. `BETTER_AUTH_SECRET` wins; without it (sandbox mode,
 * or development against KORE) one is generated once and kept at `<DATA_DIR>/auth-secret`
 * (mode 0600), so sessions survive restarts. lib/config already refuses to start production
 * against a real KORE account without `BETTER_AUTH_SECRET`.
 */
import path from "node:path";
import { readOrCreateSecretFile } from "@/lib/secret-file";

export function authSecretPath(dataDir: string): string {
  return path.join(dataDir, "auth-secret");
}

export function resolveAuthSecret(config: { authSecret?: string; dataDir: string }): string {
  if (config.authSecret) return config.authSecret;
  return readOrCreateSecretFile({
    file: authSecretPath(config.dataDir),
    bytes: 48,
    minLength: 32,
    name: "secret",
  });
}
