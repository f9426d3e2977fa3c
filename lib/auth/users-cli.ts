/**
 * `npm run users -- <command>`: manage console users from the server's shell. This is how the
 * first admin of a real installation is created (outside sandbox mode there is no default user).
 *
 *   add --email <email> --role <viewer|support|operator|admin> [--name <name>] [--password <pw>]
 *       Without --password: prompted (hidden) on a terminal, otherwise generated and printed once.
 *   list
 *   set-role --email <email> --role <role>
 *   disable --email <email>        (the user is signed out everywhere)
 *   enable --email <email>
 *
 * The same lock-out rules as the Users page apply (at least one active admin remains), and every
 * change is written to the audit trail as done from the command line.
 */
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { type AuditActor, beginAuditEntry } from "@/lib/audit/writer";
import type { Db } from "@/lib/db/client";
import type { AuditChanges } from "@/lib/db/schema/audit";
import { isUserSafeError } from "@/lib/http/app-error";
import { ROLES, roleSchema } from "./permissions";
import { createUser, findUserByEmail, listUsers, setUserDisabled, setUserRole } from "./user-admin";
import { createUserInputSchema, emailSchema, passwordSchema } from "./user-schemas";

export type CliIo = {
  out: (line: string) => void;
  err: (line: string) => void;
  /** True when a person is at the keyboard (a password can be prompted for). */
  interactive: boolean;
  promptPassword: (label: string) => Promise<string>;
};

export const USAGE = `Usage: npm run users -- <command> [options]

  add --email <email> --role <${ROLES.join("|")}> [--name <name>] [--password <password>]
      Without --password the password is prompted for (on a terminal) or generated and printed once.
  list
  set-role --email <email> --role <role>
  disable --email <email>
  enable --email <email>`;

/** Runs one command; returns the process exit code (0 ok, 1 refused or failed, 2 usage). */
export async function runUsersCli(argv: string[], deps: { db: Db; io: CliIo }): Promise<number> {
  const { db, io } = deps;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    io.err(USAGE);
    return 2;
  }
  const { command, values } = parsed;
  try {
    switch (command) {
      case "add":
        return await add(db, io, values);
      case "list":
        return await list(db, io);
      case "set-role":
        return await changeRole(db, io, values);
      case "disable":
      case "enable":
        return await changeDisabled(db, io, values, command === "disable");
      default:
        io.err(command ? `Unknown command "${command}".` : "No command given.");
        io.err(USAGE);
        return 2;
    }
  } catch (error) {
    if (isUserSafeError(error)) {
      io.err(`Refused: ${error.userMessage}`);
      return 1;
    }
    if (error instanceof z.ZodError) {
      for (const issue of error.issues) io.err(`--${String(issue.path[0] ?? "value")}: ${issue.message}`);
      return 2;
    }
    throw error;
  }
}

type Values = { email?: string; role?: string; name?: string; password?: string };

function parse(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
    },
  });
  if (positionals.length > 1) throw new Error(`Unexpected argument "${positionals[1]}".`);
  return { command: positionals[0], values: values as Values };
}

async function add(db: Db, io: CliIo, values: Values): Promise<number> {
  let password = values.password;
  if (password === undefined && io.interactive) {
    password = await io.promptPassword("Password (empty to generate one): ");
    if (password) {
      passwordSchema.parse(password);
      if ((await io.promptPassword("Repeat the password: ")) !== password) {
        io.err("The passwords differ; nothing was created.");
        return 1;
      }
    }
  }
  const input = createUserInputSchema.parse({ ...values, password: password || undefined });
  const { user, generatedPassword } = await audited(
    db,
    "users.create",
    `user:${input.email}`,
    { email: { before: null, after: input.email }, role: { before: null, after: input.role } },
    () => createUser(db, input),
  );
  io.out(`Created ${user.role} ${user.email}.`);
  if (generatedPassword) {
    io.out(`Password (shown only this once): ${generatedPassword}`);
  }
  return 0;
}

async function list(db: Db, io: CliIo): Promise<number> {
  const users = await listUsers(db);
  if (users.length === 0) {
    io.out("No users yet. Create the first admin with: npm run users -- add --email <email> --role admin");
    return 0;
  }
  const width = Math.max(5, ...users.map((u) => u.email.length));
  io.out(`${"EMAIL".padEnd(width)}  ${"ROLE".padEnd(8)}  ${"STATUS".padEnd(8)}  CREATED     NAME`);
  for (const u of users) {
    io.out(
      `${u.email.padEnd(width)}  ${u.role.padEnd(8)}  ${(u.disabled ? "disabled" : "active").padEnd(8)}  ${u.createdAt.toISOString().slice(0, 10)}  ${u.name}`,
    );
  }
  return 0;
}

async function changeRole(db: Db, io: CliIo, values: Values): Promise<number> {
  const { email, role } = z.object({ email: emailSchema, role: roleSchema }).parse(values);
  const target = await mustFind(db, io, email);
  if (!target) return 1;
  if (target.role === role) {
    io.out(`${email} is already ${role}.`);
    return 0;
  }
  await audited(db, "users.setRole", `user:${email}`, { role: { before: target.role, after: role } }, () =>
    setUserRole(db, { userId: target.id, role }),
  );
  io.out(`${email} is now ${role}.`);
  return 0;
}

async function changeDisabled(db: Db, io: CliIo, values: Values, disabled: boolean): Promise<number> {
  const { email } = z.object({ email: emailSchema }).parse(values);
  const target = await mustFind(db, io, email);
  if (!target) return 1;
  if (target.disabled === disabled) {
    io.out(`${email} is already ${disabled ? "disabled" : "enabled"}.`);
    return 0;
  }
  await audited(
    db,
    "users.setDisabled",
    `user:${email}`,
    { disabled: { before: target.disabled, after: disabled } },
    () => setUserDisabled(db, { userId: target.id, disabled }),
  );
  io.out(disabled ? `${email} is disabled and signed out everywhere.` : `${email} can sign in again.`);
  return 0;
}

async function mustFind(db: Db, io: CliIo, email: string) {
  const found = await findUserByEmail(db, email);
  if (!found) io.err(`No user with the email ${email}.`);
  return found;
}

/** The person at the server's shell, as the audit trail names them. */
function cliActor(): AuditActor {
  let who = "unknown";
  try {
    who = userInfo().username;
  } catch {
    // No passwd entry (some containers): still recorded as the command line.
  }
  return { id: `cli:${who}`, email: `command line (${who})`, role: "cli" };
}

async function audited<T>(
  db: Db,
  action: string,
  subject: string,
  changes: AuditChanges,
  work: () => Promise<T>,
): Promise<T> {
  const entry = await beginAuditEntry(db, {
    requestId: randomUUID(),
    actor: cliActor(),
    action,
    subject,
    changes,
  });
  try {
    const result = await work();
    await entry.complete({ ok: true });
    return result;
  } catch (error) {
    await entry.complete(
      isUserSafeError(error)
        ? { ok: false, code: String(error.code), message: error.userMessage }
        : { ok: false, code: "internal_error", message: "The command failed" },
    );
    throw error;
  }
}
