// Kysely over node:sqlite: the ~20-line adapter Kysely's SqliteDialect needs, plus connection pragmas.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import type { SqliteDatabase, SqliteStatement } from "kysely";
import { SqliteDialect } from "kysely";
import { Checkpointer, type CheckpointerOptions } from "./sqlite-checkpointer.ts";

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

export interface SqliteOptions {
  /** The checkpointer's settings (sqlite-checkpointer.ts); false: none, the main connection checkpoints. */
  checkpointer?: CheckpointerOptions | false;
}

/**
 * Open (creating the folder), with WAL, a busy timeout and foreign keys on. Statements are cached by SQL text.
 * A file database gets a checkpointer: the WAL is copied back into the database by a worker thread, not by the
 * COMMIT that crosses SQLite's autocheckpoint mark on the main thread.
 */
export function openSqlite(
  path: string,
  options: SqliteOptions = {},
): { dialect: SqliteDialect; raw: DatabaseSync; checkpointer: Checkpointer | null } {
  const file = path !== ":memory:" && path !== "";
  if (file) mkdirSync(dirname(path), { recursive: true });
  const raw = new DatabaseSync(path, { timeout: 5000 });
  raw.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
  raw.exec("PRAGMA busy_timeout = 5000;");
  const wal = (raw.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode === "wal";
  const checkpointer =
    file && wal && options.checkpointer !== false
      ? new Checkpointer(raw, path, options.checkpointer || {})
      : null;
  const cache = new Map<string, SqliteStatement>();
  const database: SqliteDatabase = {
    close: () => {
      checkpointer?.close();
      raw.close();
    },
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
  return { dialect: new SqliteDialect({ database }), raw, checkpointer };
}
