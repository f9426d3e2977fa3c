/**
 * Opens the console's database and brings its schema up to date. One schema and one set of
 * migrations (`drizzle/`) serve both drivers: PGlite (embedded PostgreSQL in WASM, the default)
 * and a PostgreSQL server when `DATABASE_URL` is set.
 *
 * Like lib/config, this module avoids "server-only" so the `npm run users` CLI (plain Node via
 * tsx) can use it; the browser guard keeps it out of client bundles.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Config } from "@/lib/config";

if (typeof window !== "undefined") {
  throw new Error("lib/db is server-only and must never be bundled for the browser");
}

export type DatabaseTarget = Config["database"];

/** A driver-neutral drizzle handle: code written against it runs on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT>;

export type DbHandle = {
  db: Db;
  kind: DatabaseTarget["kind"];
  close: () => Promise<void>;
};

/** Rows of a raw SQL query; both drivers answer `execute` with `{ rows }`, typed `unknown` here. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as { rows: T[] };
  return result.rows;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

// Any constant works; it only has to be the same in every console process sharing a server.
const MIGRATION_LOCK_ID = 724_117_001;

/** Opens the database and applies pending migrations. The caller owns the handle and closes it. */
export async function createDb(
  target: DatabaseTarget,
  options: { migrationsFolder?: string } = {},
): Promise<DbHandle> {
  const migrationsFolder = options.migrationsFolder ?? MIGRATIONS_FOLDER;
  // Say so before opening anything: a console started outside its directory would otherwise
  // run on an empty schema and fail later, request by request.
  if (!existsSync(path.join(migrationsFolder, "meta", "_journal.json"))) {
    throw new Error(
      `Database migrations not found in ${migrationsFolder} (start the console from its own directory)`,
    );
  }
  return target.kind === "postgres"
    ? openPostgres(target.url, migrationsFolder)
    : openPglite(target.dir, migrationsFolder);
}

async function openPglite(dir: string, migrationsFolder: string): Promise<DbHandle> {
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  const inMemory = dir.startsWith("memory://");
  // PGlite fails with ENOENT when the parent of its data dir is missing (toolchain.md G9).
  if (!inMemory) mkdirSync(path.dirname(dir), { recursive: true });
  const client = new PGlite(dir);
  try {
    await client.waitReady;
    const db = drizzle(client);
    await migrate(db, { migrationsFolder });
    return { db, kind: "pglite", close: () => client.close() };
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
}

async function openPostgres(url: string, migrationsFolder: string): Promise<DbHandle> {
  const [{ Pool }, { drizzle }, { migrate }] = await Promise.all([
    import("pg"),
    import("drizzle-orm/node-postgres"),
    import("drizzle-orm/node-postgres/migrator"),
  ]);
  const pool = new Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.error("PostgreSQL pool error:", error.message));
  try {
    const client = await pool.connect();
    try {
      // Several console instances may start at once against one server: migrate one at a time.
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
      try {
        await migrate(drizzle(client), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
      }
    } finally {
      client.release();
    }
    return { db: drizzle(pool), kind: "postgres", close: () => pool.end() };
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}
