// Opens the store named by the config: PostgreSQL when DATABASE_URL is postgres://…, else an embedded SQLite file.
import { join } from "node:path";
import type { Transaction } from "kysely";
import { CompiledQuery, Kysely, sql } from "kysely";
import { SCHEMA_DROP_LOCK } from "./migrator.ts";
import { openPostgres } from "./postgres.ts";
import { namedStatement } from "./prepared.ts";
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
  /** PostgreSQL's group commit for posts (http/messages/batch.ts); absent on SQLite. */
  groupCommit?: GroupCommit;
}

/**
 * Post transactions run on their own connection whose COMMIT does not wait for the WAL flush
 * (synchronous_commit off), so the room row a post locks is free again as soon as COMMIT returns and the next
 * group's transaction starts at once. No post is acknowledged before it is durable: `durable()` commits one
 * tiny WAL record synchronously on another connection, which flushes the WAL up to there — every post
 * transaction committed before it included (the WAL is one sequence). Concurrent flushes share an fsync.
 */
export interface GroupCommit {
  db: Db;
  durable(): Promise<void>;
}

export interface StoreOptions {
  databaseUrl?: string | null;
  dataDir?: string;
  /** SQLite file path override (tests use a temp file). */
  sqlitePath?: string;
  /** PostgreSQL schema to use (tests use a fresh one per run); created if missing. */
  pgSchema?: string;
}

const groupCommits = new WeakMap<Db, GroupCommit>();

/** The group commit's flush, run once per group of posts: compiled once, and a named statement (postgres.ts),
 *  so it is neither rebuilt by Kysely nor parsed by PostgreSQL on each run. */
const FLUSH = CompiledQuery.raw("select pg_logical_emit_message(true, 'herald.flush', '')", []);
namedStatement(FLUSH.sql);

/** The group commit of the store whose database handle is `db` (PostgreSQL), else undefined. */
export function groupCommitOf(db: Db): GroupCommit | undefined {
  return groupCommits.get(db);
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
    if (opts.pgSchema) await createSchema(opts.databaseUrl, opts.pgSchema);
    const { dialect } = openPostgres(opts.databaseUrl, { schema: opts.pgSchema });
    const writes = storeWriteWatch();
    const db = new Kysely<Database>({ dialect, plugins: [writes.plugin] });
    const posts = openPostgres(opts.databaseUrl, {
      schema: opts.pgSchema,
      max: 2,
      settings: { synchronous_commit: "off" },
      // A group's BEGIN goes out with its first post's statement: one round trip fewer while posts wait.
      pipeline: true,
    });
    const postDb = new Kysely<Database>({ dialect: posts.dialect, plugins: [writes.plugin] });
    const groupCommit: GroupCommit = {
      db: postDb,
      durable: async () => {
        await db.executeQuery(FLUSH);
      },
    };
    groupCommits.set(db, groupCommit);
    return {
      db,
      dialect: "postgres",
      writes,
      groupCommit,
      close: async () => {
        await postDb.destroy();
        await db.destroy();
      },
    };
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

/** Drops a schema (tests), never while a migration elsewhere in the database reads the catalog (migrator.ts). */
export async function dropPgSchema(url: string, schema: string): Promise<void> {
  const { dialect } = openPostgres(url);
  const db = new Kysely<Database>({ dialect });
  try {
    await db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${SCHEMA_DROP_LOCK})`.execute(conn);
      try {
        await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(conn);
      } finally {
        await sql`select pg_advisory_unlock(${SCHEMA_DROP_LOCK})`.execute(conn);
      }
    });
  } finally {
    await db.destroy();
  }
}
