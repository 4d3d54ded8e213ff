// Migrations: one file per migration in ./migrations, applied in file-name order, so adding one is adding a file.
import { readdir } from "node:fs/promises";
import type { Kysely, Migration, MigrationProvider } from "kysely";
import { Migrator, PostgresAdapter, sql } from "kysely";

const dir = new URL("./migrations/", import.meta.url);

class FolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const names = (await readdir(dir)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith(".d.ts")).sort();
    const out: Record<string, Migration> = {};
    for (const file of names) {
      out[file.replace(/\.(ts|js)$/, "")] = (await import(new URL(file, dir).href)) as Migration;
    }
    return out;
  }
}

/**
 * Kysely looks for its migration tables in every schema unless told which one: on PostgreSQL we name the
 * current schema, else a database holding several Herald schemas (parallel test runs) skips creating them.
 */
async function migrationSchema<T>(db: Kysely<T>): Promise<string> {
  const r = await sql<{ s: string }>`select current_schema() as s`.execute(db);
  return r.rows[0].s;
}

/**
 * Kysely's migrator reads every schema's columns by schema name; a schema dropped meanwhile (parallel test runs
 * on one database, an operator's cleanup) makes that read fail with "schema does not exist". On PostgreSQL the
 * migrator runs on one connection holding this advisory lock shared; dropPgSchema takes it exclusively.
 */
export const SCHEMA_DROP_LOCK = 72_801_113;

async function withMigrator<T, R>(db: Kysely<T>, run: (m: Migrator) => Promise<R>): Promise<R> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter))
    return run(new Migrator({ db, provider: new FolderProvider() }));
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock_shared(${SCHEMA_DROP_LOCK})`.execute(conn);
    try {
      const migrationTableSchema = await migrationSchema(conn);
      return await run(new Migrator({ db: conn, provider: new FolderProvider(), migrationTableSchema }));
    } finally {
      await sql`select pg_advisory_unlock_shared(${SCHEMA_DROP_LOCK})`.execute(conn);
    }
  });
}

export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  const { error, results } = await withMigrator(db, (m) => m.migrateToLatest());
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Applies migrations up to and including `name` (tests of a migration start from the schema before it). */
export async function migrateTo<T>(db: Kysely<T>, name: string): Promise<void> {
  const { error } = await withMigrator(db, (m) => m.migrateTo(name));
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
