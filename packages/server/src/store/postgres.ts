// Kysely over pg. int8 (counts, bigint times) parsed as numbers: our values stay below 2^53.
import { PostgresDialect } from "kysely";
import pg from "pg";

pg.types.setTypeParser(20, (v: string) => Number.parseInt(v, 10));

export function openPostgres(url: string, schema?: string): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A per-run schema (tests) goes first on the search path; migrations and queries then use it unqualified.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return { dialect: new PostgresDialect({ pool }), pool };
}
