/**
 * Test-only helpers: run one test body against PGlite and, when `TEST_DATABASE_URL` points at a
 * PostgreSQL server, against PostgreSQL too. Each test file gets its own fresh database (a new
 * in-memory PGlite, or a new database created on the server and dropped afterwards), migrated
 * from `drizzle/` exactly as at start-up.
 *
 * PGlite costs ~400 MB and 2–3 s per instance: open one per file (`beforeAll`), not per test.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe } from "vitest";
import { createDb, type DbHandle } from "./client";

export type TestDatabaseKind = "pglite" | "postgres";

export const POSTGRES_SKIP_REASON =
  "skipped: set TEST_DATABASE_URL=postgres://user@host:port/db to run against PostgreSQL";

/** A fresh, migrated database of the given kind; `close()` also drops a PostgreSQL test database. */
export async function openTestDatabase(kind: TestDatabaseKind): Promise<DbHandle> {
  if (kind === "pglite") return createDb({ kind: "pglite", dir: "memory://" });
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error(`PostgreSQL test database requested but ${POSTGRES_SKIP_REASON}`);
  const { Client } = await import("pg");
  const name = `sim_console_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ kind: "postgres", url: url.toString() });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/**
 * `describe` once per database kind, sharing one database across the block's tests. The
 * PostgreSQL variant is skipped, with the reason in its name, when `TEST_DATABASE_URL` is unset.
 */
export function describeEachDatabase(title: string, body: (handle: () => DbHandle) => void) {
  for (const kind of ["pglite", "postgres"] as const) {
    const skip = kind === "postgres" && !process.env.TEST_DATABASE_URL;
    describe.skipIf(skip)(`${title} [${kind}]${skip ? ` (${POSTGRES_SKIP_REASON})` : ""}`, () => {
      let handle: DbHandle | undefined;
      beforeAll(async () => {
        handle = await openTestDatabase(kind);
      }, 120_000);
      afterAll(async () => {
        await handle?.close();
      });
      body(() => {
        if (!handle) throw new Error("test database is not open yet (use it inside a test or hook)");
        return handle;
      });
    });
  }
}
