// Hot-path queries compiled once. Kysely builds an operation tree and compiles it to SQL on every call — on the
// message path that object churn cost more than SQLite running the statement. A Prepared builds the query once
// with named placeholders, keeps the compiled SQL (which the SQLite adapter's statement cache then maps to one
// prepared statement) and only substitutes the parameters on each run. Same SQL on SQLite and PostgreSQL
// because each store compiles with its own dialect (a Prepared is bound to the first executor's dialect).
import { type Compilable, type CompiledQuery, type QueryResult, SqliteAdapter } from "kysely";
import type { Db } from "./db.ts";

const MARK = "\u0000herald.arg:";

/** SQL texts of the hot path, each with a stable statement name (PostgreSQL prepares them once per connection:
 *  postgres.ts). Bounded by the number of Prepared queries and raw statements registered in the code. */
const names = new Map<string, string>();

/** Registers `text` as a statement PostgreSQL may prepare once per connection; returns its name. */
export function namedStatement(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `herald_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/** The name of a registered statement, or undefined for any other SQL. */
export function statementName(text: string): string | undefined {
  return names.get(text);
}

/** Placeholder for the argument `k`: use it where the query takes a value. */
export type Arg<A> = <K extends keyof A & string>(k: K) => A[K];

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** Per parameter position: the argument name, or null for a constant of the query. */
  slots: (string | null)[];
}

export class Prepared<A extends Record<string, unknown>, R> {
  readonly #build: (db: Db, arg: Arg<A>) => Compilable<R>;
  readonly #byDialect = new Map<unknown, Compiled<R>>();

  constructor(build: (db: Db, arg: Arg<A>) => Compilable<R>) {
    this.#build = build;
  }

  /** Runs on `exec` (the database or an open transaction) with `args`. */
  run(exec: Db, args: A): Promise<QueryResult<R>> {
    const adapter = exec.getExecutor().adapter;
    let c = this.#byDialect.get(adapter.constructor);
    if (!c) {
      c = this.#compile(exec);
      this.#byDialect.set(adapter.constructor, c);
    }
    const { query, slots } = c;
    const parameters = slots.map((k, i) => (k === null ? query.parameters[i] : args[k]));
    return exec.executeQuery<R>({ ...query, parameters });
  }

  async rows(exec: Db, args: A): Promise<R[]> {
    return (await this.run(exec, args)).rows;
  }

  async first(exec: Db, args: A): Promise<R | undefined> {
    return (await this.run(exec, args)).rows[0];
  }

  #compile(exec: Db): Compiled<R> {
    const used = new Set<string>();
    const arg = ((k: string) => {
      used.add(k);
      return `${MARK}${k}`;
    }) as Arg<A>;
    const query = this.#build(exec, arg).compile();
    const slots = query.parameters.map((p) =>
      typeof p === "string" && p.startsWith(MARK) ? p.slice(MARK.length) : null,
    );
    // A placeholder the dialect inlined or transformed would silently run with the build-time marker.
    for (const k of used)
      if (!slots.includes(k)) throw new Error(`prepared query: argument ${k} is not a plain parameter`);
    // A `*` select's prepared plan fails ("cached plan must not change result type") once a migration adds a
    // column — on a node still running while another upgrades. Named columns keep working, so only they are named.
    if (!query.sql.includes("*")) namedStatement(query.sql);
    return { query, slots };
  }
}

/** A few rows: past this, one multi-row statement built per call is cheaper than a statement per row. */
const FEW_ROWS = 8;

/**
 * SQLite: an insert of one row of exactly `columns`, compiled once, run once per row. Building a
 * 15–20-column insert cost Kysely more than SQLite running it, and a post that names or keyword-matches a
 * member writes a row or two in each of several tables. SQLite runs in process, so a statement per row costs
 * no round trip; PostgreSQL keeps its multi-row statements (each statement there is one).
 */
export class RowInsert<R extends object> {
  readonly #columns: readonly string[];
  readonly #prepared: Prepared<Record<string, unknown>, unknown>;

  /** `build` returns the insert of `values` (one placeholder per column) with its conflict clause. */
  constructor(columns: readonly (keyof R & string)[], build: (db: Db, values: R) => Compilable<unknown>) {
    this.#columns = columns;
    this.#prepared = new Prepared((db, arg) =>
      build(db, Object.fromEntries(columns.map((c) => [c, arg(c)])) as unknown as R),
    );
  }

  /** Exactly the statement's columns, each with a value (Kysely writes a missing or undefined one as DEFAULT). */
  #fits(row: Record<string, unknown>): boolean {
    let n = 0;
    for (const k in row) {
      if (row[k] === undefined || !this.#columns.includes(k)) return false;
      n++;
    }
    return n === this.#columns.length;
  }

  /** Inserts `rows` one statement each and answers the rows written (an insert that returns rows counts
   *  those, else the changes), or null without writing when this path does not apply: not SQLite, more than a
   *  few rows, or a row whose columns are not exactly the statement's. */
  async insert(exec: Db, rows: readonly R[]): Promise<number | null> {
    if (rows.length > FEW_ROWS || !(exec.getExecutor().adapter instanceof SqliteAdapter)) return null;
    for (const row of rows) if (!this.#fits(row as Record<string, unknown>)) return null;
    let written = 0;
    for (const row of rows) {
      const r = await this.#prepared.run(exec, row as Record<string, unknown>);
      written += r.rows.length > 0 ? r.rows.length : Number(r.numAffectedRows ?? 0);
    }
    return written;
  }
}
