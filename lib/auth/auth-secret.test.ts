import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { authSecretPath, resolveAuthSecret } from "./auth-secret";

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "sim-console-secret-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("resolveAuthSecret", () => {
  it("uses BETTER_AUTH_SECRET when configured and writes nothing", () => {
    const dataDir = tempDir();
    expect(resolveAuthSecret({ authSecret: "x".repeat(40), dataDir })).toBe("x".repeat(40));
    expect(() => statSync(authSecretPath(dataDir))).toThrow();
  });

  it("generates a secret once, owner-only, and returns the same one after a restart", () => {
    const dataDir = path.join(tempDir(), "not", "yet", "there");
    const first = resolveAuthSecret({ dataDir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(authSecretPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(resolveAuthSecret({ dataDir })).toBe(first);
    expect(readFileSync(authSecretPath(dataDir), "utf8").trim()).toBe(first);
  });

  it("refuses a file too short to be a secret instead of silently replacing it", () => {
    const dataDir = tempDir();
    writeFileSync(authSecretPath(dataDir), "short\n");
    expect(() => resolveAuthSecret({ dataDir })).toThrow(/usable secret/);
  });
});
