// The posts of one PostgreSQL group transaction (http/messages/batch.ts), their statements written without
// waiting for the answers of the posts before. Kysely runs a transaction's statements one after another (its
// single-connection provider waits for each answer before it lends the connection again), so each post gets
// its own view of the transaction: the same connection, its own turn. On a pipelined connection
// (store/postgres.ts) pg writes each statement at once and PostgreSQL runs them in the order written.
//
// The order is what a serial run would do: a post's first statement is written only after the previous post's
// first statement was written, and only when that previous post LEADS — it says its first statement is all it
// needs before the next post's. A post that does not lead holds the next until it has finished. A leading post
// that needs another statement after the next post's first one was written would run out of the serial order:
// that statement is refused with OutOfTurn (nothing is sent), and the caller rolls the group back — unless it
// is sent through inAnyOrder: rows of the post's own that no statement of a post reads in its transaction (the
// inbox items and outbox rows the hooks write last, store/tx-writes.ts), which land the same wherever they go.
import { type ConnectionProvider, type DatabaseConnection, type KyselyProps, Transaction } from "kysely";
import type { Db, Tx } from "./db.ts";
import type { Database } from "./schema.ts";

/** A leading post wanted a statement after the next post's was written: the group must run again. */
export class OutOfTurn extends Error {
  constructor() {
    super("a post of the group needed a statement after the next post's had been sent");
  }
}

/** The group failed before this post's turn came: nothing of it was sent. */
class GroupFailed extends Error {
  constructor() {
    super("an earlier post of the group failed");
  }
}

export interface PipelinedTask<T> {
  leads: boolean;
  run(tx: Tx): Promise<T>;
}

export interface Outcome<T> {
  ok: boolean;
  value?: T;
  error?: unknown;
}

interface Group {
  failed: boolean;
}

class Lane implements ConnectionProvider {
  readonly #conn: DatabaseConnection;
  readonly #group: Group;
  readonly #leads: boolean;
  readonly #passOn: () => void;
  #started = false;
  #passed = false;
  /** The post after this one in the group, once there is one. */
  #next: Lane | null = null;
  /** Inside inAnyOrder: this post's statements may follow the next posts' (see there). */
  anyOrder = 0;
  /** One statement of this post at a time, as Kysely's own transaction runs them. */
  #last: Promise<unknown> = Promise.resolve();

  constructor(conn: DatabaseConnection, group: Group, leads: boolean, passOn: () => void) {
    this.#conn = conn;
    this.#group = group;
    this.#leads = leads;
    this.#passOn = passOn;
  }

  /** This post wrote its first statement. */
  get started(): boolean {
    return this.#started;
  }

  followedBy(next: Lane): void {
    this.#next = next;
  }

  /** The next post may write its statements. */
  pass(): void {
    if (this.#passed) return;
    this.#passed = true;
    this.#passOn();
  }

  provideConnection<T>(consumer: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
    const run = this.#last.then(
      () => this.#send(consumer),
      () => this.#send(consumer),
    );
    this.#last = run;
    return run;
  }

  async #send<T>(consumer: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
    if (!this.#started) this.#started = true;
    // Out of the serial order only once the next post wrote a statement: until then this one still comes first
    // (the last post of a group, or one whose successor has not reached its first statement yet).
    else if (this.#next?.started && this.anyOrder === 0) throw new OutOfTurn();
    if (this.#group.failed) throw new GroupFailed();
    // The consumer writes its statement before its first await (Kysely's executor, pg's client.query), so
    // passing the turn right after the call keeps the wire order.
    const answer = consumer(this.#conn);
    if (this.#leads) this.pass();
    return answer;
  }
}

/** Each pipelined post's view of the transaction, with its lane. */
const lanes = new WeakMap<Tx, Lane>();

/**
 * Runs `write`, whose statements only add rows of this post's own to tables that no post's statement reads in
 * its transaction (each insert keyed by the post's message, so no other post's row can conflict with it): in
 * a pipelined group they may go out after the next posts' statements, and the group's result is the serial
 * one. So a post whose only statement after its first is such a write still leads. Elsewhere it just runs.
 */
export async function inAnyOrder<T>(trx: Tx, write: () => Promise<T>): Promise<T> {
  const lane = lanes.get(trx);
  if (!lane) return write();
  lane.anyOrder++;
  try {
    return await write();
  } finally {
    lane.anyOrder--;
  }
}

/**
 * Tasks inside `trx` (a transaction, or a handle on the one connection whose transaction the caller began), each
 * on its own view of the transaction: a task starts when the previous one passed it the turn (above), so the
 * tasks' code also runs in their order. Tasks may be added while the earlier ones run — a post that arrives
 * while its group's statements are out joins the group instead of waiting for the next one — until every task
 * added so far settled (the connection is then idle, ready for COMMIT or ROLLBACK) or one failed; after a
 * failure the tasks not yet started fail without running.
 */
export class PipelinedGroup<T> {
  readonly #executor: ReturnType<Db["getExecutor"]>;
  readonly #conn: DatabaseConnection;
  readonly #group: Group = { failed: false };
  readonly #runs: Promise<Outcome<T>>[] = [];
  #turn: Promise<void> = Promise.resolve();
  #last: Lane | null = null;
  #pending = 0;
  #closed = false;
  #idle: () => void = () => {};

  private constructor(executor: ReturnType<Db["getExecutor"]>, conn: DatabaseConnection) {
    this.#executor = executor;
    this.#conn = conn;
  }

  static async open<T>(trx: Db): Promise<PipelinedGroup<T>> {
    const executor = trx.getExecutor();
    return new PipelinedGroup<T>(executor, await executor.provideConnection(async (c) => c));
  }

  /** Takes more tasks: neither settled (closed) nor failed. */
  get open(): boolean {
    return !this.#closed && !this.#group.failed;
  }

  /** Appends a task; it runs once the task before it passed the turn. Only while `open`. */
  add(task: PipelinedTask<T>): void {
    if (this.#closed) throw new Error("a settled pipelined group takes no more tasks");
    const group = this.#group;
    let passOn!: () => void;
    const next = new Promise<void>((r) => {
      passOn = r;
    });
    const lane = new Lane(this.#conn, group, task.leads, passOn);
    this.#last?.followedBy(lane);
    this.#last = lane;
    this.#pending++;
    const start = async (): Promise<Outcome<T>> => {
      if (group.failed) throw new GroupFailed();
      const tx = laneTransaction(this.#executor.withConnectionProvider(lane));
      lanes.set(tx, lane);
      return { ok: true, value: await task.run(tx) };
    };
    this.#runs.push(
      this.#turn
        .then(start)
        .then(
          (outcome) => {
            lane.pass();
            return outcome;
          },
          (error: unknown) => {
            group.failed = true;
            lane.pass();
            return { ok: false, error } as Outcome<T>;
          },
        )
        .then((outcome) => {
          // Closed at once when the last task settles, so no task joins between here and the COMMIT.
          if (--this.#pending === 0) {
            this.#closed = true;
            this.#idle();
          }
          return outcome;
        }),
    );
    this.#turn = next;
  }

  /** Resolves once every task settled, with each one's outcome in the order added; takes no task after. */
  async settle(): Promise<Outcome<T>[]> {
    if (this.#pending === 0) this.#closed = true;
    else
      await new Promise<void>((r) => {
        this.#idle = r;
      });
    return Promise.all(this.#runs);
  }
}

/** Runs the tasks in one pipelined group (above); resolves with each one's outcome once all settled. */
export async function runPipelined<T>(trx: Db, tasks: readonly PipelinedTask<T>[]): Promise<Outcome<T>[]> {
  const group = await PipelinedGroup.open<T>(trx);
  for (const task of tasks) group.add(task);
  return group.settle();
}

/**
 * A Transaction over `executor`. Kysely builds its transactions from its private props; a view needs only the
 * executor (queries and their compiler, adapter and plugins). The driver and dialect are used by destroy,
 * connection, transaction and introspection, which a Transaction refuses or a post never calls.
 */
function laneTransaction(executor: ReturnType<Tx["getExecutor"]>): Tx {
  const unused = {
    get(_: object, name: PropertyKey) {
      throw new Error(`a pipelined post's transaction has no ${String(name)}`);
    },
  };
  const props = {
    config: { dialect: new Proxy({}, unused) },
    driver: new Proxy({}, unused),
    dialect: new Proxy({}, unused),
    executor,
  } as unknown as KyselyProps;
  return new Transaction<Database>(props);
}
