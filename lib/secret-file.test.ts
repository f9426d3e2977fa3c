import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readOrCreateSecretFile } from "./secret-file";

// Lets one test play "another process linked its file first"; every other call is the real one.
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return { ...actual, linkSync: vi.fn(actual.linkSync) };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "sim-console-secret-file-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const spec = (file: string) => ({ file, bytes: 32, minLength: 24, name: "token" });

describe("readOrCreateSecretFile", () => {
  it("creates the secret once, owner-only, in a directory it creates, and reuses it", () => {
    const file = path.join(dir, "not", "yet", "there", "token");
    const first = readOrCreateSecretFile(spec(file));
    expect(first).toMatch(/^[\w-]{43}$/); // 32 random bytes, base64url
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toBe(`${first}\n`);
    expect(readOrCreateSecretFile(spec(file))).toBe(first);
    expect(readdirSync(path.dirname(file))).toEqual(["token"]); // no temporary file left behind
  });

  it("keeps an existing secret and takes its permissions back to 0600", () => {
    const file = path.join(dir, "token");
    writeFileSync(file, "  someone-else-put-this-secret-here  \n", { mode: 0o644 });
    expect(readOrCreateSecretFile(spec(file))).toBe("someone-else-put-this-secret-here");
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses a file too short to be a secret instead of replacing it", () => {
    const file = path.join(dir, "token");
    writeFileSync(file, "short\n");
    expect(() => readOrCreateSecretFile(spec(file))).toThrow(/does not hold a usable token \(at least 24/);
    expect(readFileSync(file, "utf8")).toBe("short\n");
  });

  it("uses the secret of a process that created the file first, and cleans up its own", () => {
    const file = path.join(dir, "token");
    const realLink = vi.mocked(fs.linkSync).getMockImplementation();
    vi.mocked(fs.linkSync).mockImplementationOnce((from, to) => {
      writeFileSync(to, "the-other-process-was-first\n", { mode: 0o600 });
      realLink?.(from, to);
    });
    expect(readOrCreateSecretFile(spec(file))).toBe("the-other-process-was-first");
    expect(readdirSync(path.dirname(file))).toEqual(["token"]);
  });

  it("gives processes starting at the same moment one and the same secret", async () => {
    const file = path.join(dir, "token");
    const modulePath = path.resolve(import.meta.dirname, "secret-file.ts");
    // Each process sleeps (without spinning) until the same instant after its slower start-up,
    // so they all reach the file together.
    const startAt = Date.now() + 2500;
    const script = `
      const { readOrCreateSecretFile } = require(${JSON.stringify(modulePath)});
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, ${startAt} - Date.now()));
      process.stdout.write(readOrCreateSecretFile(${JSON.stringify(spec(file))}));
    `;
    const run = () => promisify(execFile)(process.execPath, ["--import", "tsx", "-e", script]);
    const results = await Promise.all(Array.from({ length: 4 }, run));
    const secrets = new Set(results.map((r) => r.stdout));
    expect(secrets.size).toBe(1);
    expect(readFileSync(file, "utf8")).toBe(`${[...secrets][0]}\n`);
    expect(readdirSync(path.dirname(file))).toEqual(["token"]);
  });
});
