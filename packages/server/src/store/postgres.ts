// Kysely over pg. int8 (counts, bigint times) parsed as numbers: our values stay below 2^53.
import type { Socket } from "node:net";
import { PostgresDialect } from "kysely";
import pg from "pg";
import { statementName } from "./prepared.ts";

pg.types.setTypeParser(20, (v: string) => Number.parseInt(v, 10));

type QueryFn = (...args: unknown[]) => unknown;

/**
 * The hot path's statements (store/prepared.ts) run as named prepared statements: PostgreSQL parses and plans
 * each once per connection instead of on every post. Everything else (migrations, ad-hoc queries, cursors)
 * goes through unchanged. Such a statement is handed to pg as a Query built from its text and values and named
 * after: given a config object, pg copies it (every property descriptor) and builds a second promise around its
 * answer on every statement — about 1 % of the server's time in a bench:api profile of the PostgreSQL post.
 */
function useNamedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFn;
  (client as unknown as { query: QueryFn }).query = (text: unknown, values?: unknown, cb?: unknown) => {
    const name = typeof text === "string" && Array.isArray(values) ? statementName(text) : undefined;
    if (name === undefined) return cb === undefined ? query(text, values) : query(text, values, cb);
    return new Promise((resolve, reject) => {
      const q = new pg.Query(text as string, values as unknown[], (err, res) =>
        err ? reject(err) : resolve(res),
      );
      (q as unknown as { name: string }).name = name;
      query(q);
    });
  };
}

/** What `begin` answers when its answer is not waited for (pg's result shape, as Kysely reads it). */
const BEGUN = { command: "BEGIN", rowCount: null, rows: [], fields: [] };

/**
 * On a pipelined connection (`pipeline: true`: pg writes each statement at once, without waiting for the answer
 * of the one before), `begin` is answered at once and its real answer is joined to the next statement's: the two
 * travel together, one round trip instead of two. PostgreSQL runs them in order either way. BEGIN cannot fail on
 * its own on a live connection (inside a transaction it only warns); when the connection fails, both fail, and
 * the statement's caller sees that error. Kysely always sends a statement, COMMIT or ROLLBACK after BEGIN.
 */
function pipelineBegin(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFn;
  let begun: Promise<unknown> | null = null;
  (client as unknown as { query: QueryFn }).query = (text: unknown, values?: unknown, cb?: unknown) => {
    if (cb !== undefined) return query(text, values, cb);
    if (text === "begin" && begun === null) {
      begun = query(text, values) as Promise<unknown>;
      // Its failure is reported by the statement that follows, never as an unhandled rejection.
      begun.catch(() => {});
      return Promise.resolve(BEGUN);
    }
    const answer = query(text, values) as Promise<unknown>;
    if (begun === null) return answer;
    const b = begun;
    begun = null;
    return Promise.all([b, answer]).then(([, r]) => r);
  };
}

/**
 * On a pipelined connection the statements written in one go — a group's BEGIN and its posts' statements, which
 * follow one another through promise callbacks without waiting for any answer — leave in ONE socket write
 * instead of one each. A write on loopback costs about as much CPU as building the statement (it wakes
 * PostgreSQL's backend), and the backend then reads them all at once. The first statement corks the socket and
 * a nextTick uncorks it: Node runs that tick only once the promise callbacks queued so far (and those they
 * queue) have run, and always before it waits for I/O, so no statement is held while its caller awaits an answer.
 * Holding them until the poll phase ends (setImmediate), so that posts whose requests are read in the same pass
 * share a write too, cut the writes to a quarter but made each statement wait about 0.4 ms for the other
 * requests to be handled, while PostgreSQL sat idle: the plain post lost msg/s.
 */
function coalesceWrites(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFn;
  const { stream } = (client as unknown as { connection: { stream: Socket } }).connection;
  let corked = false;
  const uncork = () => {
    corked = false;
    stream.uncork();
  };
  (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
    if (!corked) {
      corked = true;
      stream.cork();
      process.nextTick(uncork);
    }
    return query(...args);
  };
}

export interface PgOptions {
  /** A per-run schema (tests): first on the search path, so migrations and queries use it unqualified. */
  schema?: string;
  max?: number;
  /** Session settings (`-c name=value`) of every connection. */
  settings?: Record<string, string>;
  /** Statements are written without waiting for the previous answer, and BEGIN travels with the next statement
   *  (pipelineBegin). Only for a pool whose callers await each statement, as Kysely does. */
  pipeline?: boolean;
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
  const pool = new pg.Pool({
    connectionString: url,
    max: o.max ?? 10,
    ...(options ? { options } : {}),
    ...(o.pipeline ? { pipeline: true } : {}),
  });
  pool.on("connect", (client) => {
    // A connection that fails while checked out (the database restarted, its backend was terminated) fails its
    // statements, and the pool drops it when it is given back; pg also emits it as an "error" event, which the
    // pool listens to only while the connection is idle, and an unheard one would end the process. The post
    // pool's connection is checked out for as long as posts keep coming (http/messages/batch.ts).
    client.on("error", () => {});
    if (o.pipeline) coalesceWrites(client);
    useNamedStatements(client);
    if (o.pipeline) pipelineBegin(client);
  });
  return { dialect: new PostgresDialect({ pool }), pool };
}
