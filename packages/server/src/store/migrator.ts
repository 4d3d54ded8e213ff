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
async function migrationSchema<T>(db: Kysely<T>): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  const r = await sql<{ s: string }>`select current_schema() as s`.execute(db);
  return r.rows[0]?.s;
}

export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  const migrationTableSchema = await migrationSchema(db);
  const migrator = new Migrator({ db, provider: new FolderProvider(), migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
