// Opens the store named by the config: PostgreSQL when DATABASE_URL is postgres://…, else an embedded SQLite file.
import { join } from "node:path";
import type { Transaction } from "kysely";
import { Kysely, sql } from "kysely";
import { openPostgres } from "./postgres.ts";
import type { Database } from "./schema.ts";
import { openSqlite } from "./sqlite.ts";
import { storeWriteWatch, type WriteWatch } from "./write-watch.ts";

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Any query executor: the database or an open transaction. */
export type Exec = Kysely<Database>;

export interface Store {
  db: Db;
  dialect: "sqlite" | "postgres";
  close(): Promise<void>;
  /** Write generations of the tables in-process caches mirror (write-watch.ts); absent: nothing may cache. */
  writes?: WriteWatch;
}

export interface StoreOptions {
  databaseUrl?: string | null;
  dataDir?: string;
  /** SQLite file path override (tests use a temp file). */
  sqlitePath?: string;
  /** PostgreSQL schema to use (tests use a fresh one per run); created if missing. */
  pgSchema?: string;
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
    if (opts.pgSchema) await createSchema(opts.databaseUrl, opts.pgSchema);
    const { dialect } = openPostgres(opts.databaseUrl, opts.pgSchema);
    const writes = storeWriteWatch();
    const db = new Kysely<Database>({ dialect, plugins: [writes.plugin] });
    return { db, dialect: "postgres", writes, close: () => db.destroy() };
  }
  const path = opts.sqlitePath ?? join(opts.dataDir ?? "data", "herald.db");
  const { dialect } = openSqlite(path);
  const writes = storeWriteWatch();
  const db = new Kysely<Database>({ dialect, plugins: [writes.plugin] });
  return { db, dialect: "sqlite", writes, close: () => db.destroy() };
}

async function createSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  const { dialect } = openPostgres(url);
  const db = new Kysely<Database>({ dialect });
  try {
    await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
  } finally {
    await db.destroy();
  }
}

export async function dropPgSchema(url: string, schema: string): Promise<void> {
  const { dialect } = openPostgres(url);
  const db = new Kysely<Database>({ dialect });
  try {
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
  } finally {
    await db.destroy();
  }
}
