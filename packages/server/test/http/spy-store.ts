// A SQLite store whose statements are counted: which SQL ran and how many rows each returned. Used to prove
// what a request reads (the auth cache, the O(1) post path) without timing anything.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import type { SqliteDatabase, SqliteStatement } from "kysely";
import { Kysely, SqliteDialect } from "kysely";
import type { Store } from "../../src/store/db.ts";
import type { Database } from "../../src/store/schema.ts";
import { storeWriteWatch } from "../../src/store/write-watch.ts";

export interface Ran {
  sql: string;
  rows: number;
}

export interface SpyStore {
  store: Store;
  /** Every statement since the last reset(), in order. */
  ran: Ran[];
  reset(): void;
  dispose(): Promise<void>;
}

const bind = (ps: ReadonlyArray<unknown>) =>
  ps.map((p) => (typeof p === "boolean" ? (p ? 1 : 0) : p === undefined ? null : p)) as SQLInputValue[];

export function spyStore(): SpyStore {
  const dir = mkdtempSync(join(tmpdir(), "herald-spy-"));
  const raw = new DatabaseSync(join(dir, "spy.db"));
  raw.exec("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;");
  const ran: Ran[] = [];
  const database: SqliteDatabase = {
    close: () => raw.close(),
    prepare(sql): SqliteStatement {
      const stmt = raw.prepare(sql);
      return {
        reader: stmt.columns().length > 0,
        all: (ps) => {
          const rows = stmt.all(...bind(ps));
          ran.push({ sql, rows: rows.length });
          return rows;
        },
        run: (ps) => {
          ran.push({ sql, rows: 0 });
          return stmt.run(...bind(ps));
        },
        iterate: (ps) => stmt.iterate(...bind(ps)),
      };
    },
  };
  const writes = storeWriteWatch();
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }), plugins: [writes.plugin] });
  return {
    store: { db, dialect: "sqlite", writes, close: () => db.destroy() },
    ran,
    reset: () => {
      ran.length = 0;
    },
    async dispose() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
