// Kysely over node:sqlite: the ~20-line adapter Kysely's SqliteDialect needs, plus connection pragmas.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import type { SqliteDatabase, SqliteStatement } from "kysely";
import { SqliteDialect } from "kysely";

/** node:sqlite binds no booleans or undefined; Kysely may pass them. */
function bindable(params: ReadonlyArray<unknown>): SQLInputValue[] {
  return params.map((p) => {
    if (typeof p === "boolean") return p ? 1 : 0;
    if (p === undefined) return null;
    return p as SQLInputValue;
  });
}

function wrap(stmt: StatementSync): SqliteStatement {
  return {
    reader: stmt.columns().length > 0,
    all: (params) => stmt.all(...bindable(params)),
    run: (params) => stmt.run(...bindable(params)),
    iterate: (params) => stmt.iterate(...bindable(params)),
  };
}

/** Open (creating the folder), with WAL, a busy timeout and foreign keys on. Statements are cached by SQL text. */
export function openSqlite(path: string): { dialect: SqliteDialect; raw: DatabaseSync } {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const raw = new DatabaseSync(path, { timeout: 5000 });
  raw.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
  raw.exec("PRAGMA busy_timeout = 5000;");
  const cache = new Map<string, SqliteStatement>();
  const database: SqliteDatabase = {
    close: () => raw.close(),
    prepare(sql) {
      let stmt = cache.get(sql);
      if (!stmt) {
        // Bounded: dynamic IN-lists produce many distinct texts.
        if (cache.size > 500) cache.clear();
        stmt = wrap(raw.prepare(sql));
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
  return { dialect: new SqliteDialect({ database }), raw };
}
