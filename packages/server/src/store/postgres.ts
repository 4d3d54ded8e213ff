// Kysely over pg. int8 (counts, bigint times) parsed as numbers: our values stay below 2^53.
import { PostgresDialect } from "kysely";
import pg from "pg";
import { statementName } from "./prepared.ts";

pg.types.setTypeParser(20, (v: string) => Number.parseInt(v, 10));

type QueryFn = (...args: unknown[]) => unknown;

/**
 * The hot path's statements (store/prepared.ts) run as named prepared statements: PostgreSQL parses and plans
 * each once per connection instead of on every post. Everything else (migrations, ad-hoc queries, cursors)
 * goes through unchanged.
 */
function useNamedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFn;
  (client as unknown as { query: QueryFn }).query = (text: unknown, values?: unknown, cb?: unknown) => {
    const name = typeof text === "string" && Array.isArray(values) ? statementName(text) : undefined;
    if (name === undefined) return cb === undefined ? query(text, values) : query(text, values, cb);
    return query({ name, text, values });
  };
}

export interface PgOptions {
  /** A per-run schema (tests): first on the search path, so migrations and queries use it unqualified. */
  schema?: string;
  max?: number;
  /** Session settings (`-c name=value`) of every connection. */
  settings?: Record<string, string>;
}

export function openPostgres(
  url: string,
  opts: PgOptions | string = {},
): { dialect: PostgresDialect; pool: pg.Pool } {
  const o: PgOptions = typeof opts === "string" ? { schema: opts } : opts;
  const settings = { ...(o.schema ? { search_path: o.schema } : {}), ...o.settings };
  const options = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(" ");
  const pool = new pg.Pool({ connectionString: url, max: o.max ?? 10, ...(options ? { options } : {}) });
  pool.on("connect", useNamedStatements);
  return { dialect: new PostgresDialect({ pool }), pool };
}
