import { verifyPassword } from "better-auth/crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema/audit";
import { account, user } from "@/lib/db/schema/auth";
import { openTestDatabase } from "@/lib/db/test-database";
import { findUserByEmail } from "./user-admin";
import { type CliIo, runUsersCli } from "./users-cli";

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDatabase("pglite");
}, 120_000);
afterAll(async () => {
  await handle?.close();
});
beforeEach(async () => {
  await handle.db.delete(user);
  await handle.db.delete(auditEntries);
});

function io(options: { interactive?: boolean; answers?: string[] } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const answers = [...(options.answers ?? [])];
  const value: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    interactive: options.interactive ?? false,
    promptPassword: async () => answers.shift() ?? "",
  };
  return { io: value, out, err };
}

const run = (argv: string[], streams = io()) => runUsersCli(argv, { db: handle.db, io: streams.io });

async function canSignInWith(email: string, password: string) {
  const found = await findUserByEmail(handle.db, email);
  const [row] = await handle.db
    .select({ hash: account.password })
    .from(account)
    .where(and(eq(account.userId, found?.id ?? ""), eq(account.providerId, "credential")));
  return verifyPassword({ hash: row?.hash ?? "", password });
}

describe("npm run users", () => {
  it("add without a terminal generates a password and prints it once", async () => {
    const streams = io();
    expect(await run(["add", "--email", "First@Example.com", "--role", "admin"], streams)).toBe(0);
    expect(streams.out[0]).toBe("Created admin first@example.com.");
    const password = streams.out[1]?.match(/^Password \(shown only this once\): (\S{20})$/)?.[1] ?? "";
    expect(await canSignInWith("first@example.com", password)).toBe(true);
    expect(JSON.stringify(await handle.db.select().from(auditEntries))).not.toContain(password);
  });

  it("add with --password uses it and prints no password", async () => {
    const streams = io();
    expect(
      await run(
        ["add", "--email", "ops@example.com", "--role", "operator", "--password", "given-pass-123"],
        streams,
      ),
    ).toBe(0);
    expect(streams.out).toEqual(["Created operator ops@example.com."]);
    expect(await canSignInWith("ops@example.com", "given-pass-123")).toBe(true);
  });

  it("add on a terminal prompts twice for the password", async () => {
    const streams = io({ interactive: true, answers: ["typed-pass-1234", "typed-pass-1234"] });
    expect(await run(["add", "--email", "tty@example.com", "--role", "support"], streams)).toBe(0);
    expect(await canSignInWith("tty@example.com", "typed-pass-1234")).toBe(true);

    const mismatch = io({ interactive: true, answers: ["typed-pass-1234", "typed-pass-9999"] });
    expect(await run(["add", "--email", "tty2@example.com", "--role", "support"], mismatch)).toBe(1);
    expect(await findUserByEmail(handle.db, "tty2@example.com")).toBeUndefined();
  });

  it("records changes in the audit trail as made from the command line", async () => {
    await run(["add", "--email", "a@example.com", "--role", "admin", "--password", "a-password-123"]);
    const [entry] = await handle.db.select().from(auditEntries);
    expect(entry).toMatchObject({
      action: "users.create",
      outcome: "ok",
      actorRole: "cli",
      subject: "user:a@example.com",
      actorEmail: expect.stringMatching(/^command line \(/),
    });
  });

  it("lists users, changes roles, disables and enables", async () => {
    await run(["add", "--email", "a@example.com", "--role", "admin", "--password", "a-password-123"]);
    await run(["add", "--email", "b@example.com", "--role", "viewer", "--password", "b-password-123"]);
    expect(await run(["set-role", "--email", "b@example.com", "--role", "operator"])).toBe(0);
    expect(await run(["disable", "--email", "b@example.com"])).toBe(0);
    const listed = io();
    expect(await run(["list"], listed)).toBe(0);
    expect(listed.out[0]).toMatch(/^EMAIL\s+ROLE\s+STATUS\s+CREATED\s+NAME$/);
    expect(listed.out.slice(1).map((line) => line.split(/\s+/).slice(0, 3))).toEqual([
      ["a@example.com", "admin", "active"],
      ["b@example.com", "operator", "disabled"],
    ]);
    expect(await run(["enable", "--email", "b@example.com"])).toBe(0);
    expect((await findUserByEmail(handle.db, "b@example.com"))?.disabled).toBe(false);
  });

  it("refuses to demote or disable the last active admin (exit 1)", async () => {
    await run(["add", "--email", "a@example.com", "--role", "admin", "--password", "a-password-123"]);
    const demote = io();
    expect(await run(["set-role", "--email", "a@example.com", "--role", "viewer"], demote)).toBe(1);
    expect(demote.err[0]).toMatch(/^Refused: This is the last active admin/);
    expect(await run(["disable", "--email", "a@example.com"])).toBe(1);
    expect((await handle.db.select().from(auditEntries)).filter((e) => e.outcome === "error")).toHaveLength(
      2,
    );
  });

  it("explains usage errors (exit 2) and unknown users (exit 1)", async () => {
    const unknown = io();
    expect(await run(["frobnicate"], unknown)).toBe(2);
    expect(unknown.err.join("\n")).toContain("Usage: npm run users");
    expect(await run(["add", "--email", "nope", "--role", "admin"])).toBe(2);
    expect(await run(["add", "--email", "x@example.com", "--role", "root"])).toBe(2);
    expect(await run(["list", "--bogus"])).toBe(2);
    const missing = io();
    expect(await run(["disable", "--email", "ghost@example.com"], missing)).toBe(1);
    expect(missing.err).toEqual(["No user with the email ghost@example.com."]);
  });

  it("says how to start when there are no users", async () => {
    const streams = io();
    expect(await run(["list"], streams)).toBe(0);
    expect(streams.out[0]).toContain("npm run users -- add --email <email> --role admin");
  });
});
