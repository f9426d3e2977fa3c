/**
 * The secret that signs session cookies. `BETTER_AUTH_SECRET` wins; without it (sandbox mode,
 * or development against KORE) one is generated once and kept at `<DATA_DIR>/auth-secret`
 * (mode 0600), so sessions survive restarts. lib/config already refuses to start production
 * against a real KORE account without `BETTER_AUTH_SECRET`.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const MIN_LENGTH = 32;

export function authSecretPath(dataDir: string): string {
  return path.join(dataDir, "auth-secret");
}

export function resolveAuthSecret(config: { authSecret?: string; dataDir: string }): string {
  if (config.authSecret) return config.authSecret;
  const file = authSecretPath(config.dataDir);
  const existing = readSecret(file);
  if (existing) return existing;
  mkdirSync(config.dataDir, { recursive: true });
  try {
    // "wx": if another process wrote it first, use theirs instead of overwriting.
    writeFileSync(file, `${randomBytes(48).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const created = readSecret(file);
  if (!created) throw new Error(`${file} does not hold a usable secret (at least ${MIN_LENGTH} characters)`);
  return created;
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  if (text.length < MIN_LENGTH) return undefined;
  // Someone may have copied the file with looser permissions; it signs every session.
  chmodSync(file, 0o600);
  return text;
}
