/**
 * A secret the console generates once and keeps in a file under DATA_DIR (mode 0600), for when
 * none is configured: the session-signing secret (lib/auth/auth-secret.ts) and the webhook token
 * (lib/webhooks/callback-url.ts). Kept in a file so what it protects (signed-in sessions, callback
 * addresses already given to KORE) survives a restart.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export type SecretFileSpec = {
  file: string;
  /** Random bytes in a new secret, written base64url-encoded. */
  bytes: number;
  /** Shorter content is refused, never replaced: someone put it there, and may rely on it. */
  minLength: number;
  /** What the secret is called in the error for a file that holds no usable one. */
  name: string;
};

/** The secret in `file`, created first when there is none. */
export function readOrCreateSecretFile({ file, bytes, minLength, name }: SecretFileSpec): string {
  const existing = readSecret(file, minLength);
  if (existing) return existing;
  mkdirSync(path.dirname(file), { recursive: true });
  createOnce(file, `${randomBytes(bytes).toString("base64url")}\n`);
  const secret = readSecret(file, minLength);
  if (!secret) throw new Error(`${file} does not hold a usable ${name} (at least ${minLength} characters)`);
  return secret;
}

/**
 * Writes the whole secret to a private temporary file, then hard-links it into place. The link
 * is atomic and never replaces a file, so a process starting at the same moment sees either no
 * file or a complete one (never a half-written one), and whoever links first wins for everyone.
 */
function createOnce(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    writeFileSync(temporary, content, { mode: 0o600, flag: "wx" });
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function readSecret(file: string, minLength: number): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  if (text.length < minLength) return undefined;
  // Someone may have copied the file with looser permissions, and it guards sessions or webhooks.
  chmodSync(file, 0o600);
  return text;
}
