// Group commit for message posts. A post's transaction is tiny (a few rows), so its COMMIT dominates: on SQLite
// the WAL write of every page it touched, on PostgreSQL the WAL flush. Posts that arrive while a transaction is
// running wait and then share ONE transaction; a room's posts keep their arrival order. Nothing is resolved
// before the commit is durable, so after-commit hooks (the banner) still run strictly after it.
//
// SQLite: each post runs inside its own savepoint (in-process, nearly free): a post that fails rolls back to
// its savepoint and fails alone; the others commit together.
// PostgreSQL: every statement is a network round trip, so a group carries no savepoints (two round trips per
// post); a post that fails aborts the group, and every post of it then runs again alone in its own
// transaction. Its BEGIN goes out with its first statement (store/postgres.ts pipelineBegin), and the posts'
// statements go out without waiting for the answers of the posts before where that keeps the serial order
// (store/pipeline.ts): a post that LEADS (its submitter expects one statement in order, its room has not shown
// otherwise) lets the next post's first statement follow its own at once; the inbox items and outbox rows its
// hooks write last (a keyword hit's, a level-`all` room's room row) go out in any order. A leading post that
// needs another statement after that rolls the group back, which runs again one post after another, and its
// room leads no more (rooms where the hooks read in the transaction, such as a dm's). The group
// commits without waiting for the WAL flush (store/db.ts GroupCommit), so the room row it locked is free at
// once and the next group starts while this one's flush runs on another connection; groups are acknowledged
// in commit order once their flush returned.
import { sql } from "kysely";
import { type Db, groupCommitOf, type Tx } from "../../store/db.ts";
import { OutOfTurn, runPipelined } from "../../store/pipeline.ts";

/** Bounds how long one transaction holds the room rows (and, on SQLite, the only connection). */
export const MAX_BATCH = 64;

/** Rooms remembered as needing more than one statement per post (oldest forgotten first). */
const CHATTY_ROOMS = 4096;

interface Job {
  roomId: string;
  /** Its submitter expects one statement: the next post's may follow it before its answer (PostgreSQL). */
  leads: boolean;
  run(trx: Tx): Promise<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

interface Done {
  job: Job;
  value: unknown;
}

export interface BatcherOptions {
  /** Each post of a group in its own savepoint (SQLite) instead of re-running a failed group alone. */
  savepoints: boolean;
  /** Resolves once every transaction committed before the call is durable (PostgreSQL group commit). */
  durable?: () => Promise<void>;
}

export class PostBatcher {
  readonly #db: Db;
  readonly #opts: BatcherOptions;
  #queue: Job[] = [];
  #draining = false;
  /** The previous group's acknowledgement: groups are answered in commit order. */
  #acked: Promise<void> = Promise.resolve();
  /** Transactions run and posts they carried (the benchmark prints the mean batch size). */
  readonly stats = { transactions: 0, posts: 0 };
  /** Rooms whose leading post needed a second statement: their posts no longer lead (insertion order). */
  readonly #chatty = new Set<string>();

  constructor(db: Db, opts: BatcherOptions = { savepoints: true }) {
    this.#db = db;
    this.#opts = opts;
  }

  /** Runs `run` inside a transaction shared with concurrent posts; resolves once that transaction committed.
   *  `leads`: `run` is expected to need one statement (a wrong guess costs a re-run, never the order). */
  submit<T>(roomId: string, run: (trx: Tx) => Promise<T>, leads = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ roomId, leads, run, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#draining) {
        this.#draining = true;
        // One event-loop turn first: posts whose reads are finishing right now (on SQLite they queued behind
        // the previous transaction for the only connection) join this batch instead of forming the next.
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length) {
        const batch = this.#queue.splice(0, MAX_BATCH);
        this.stats.transactions++;
        this.stats.posts += batch.length;
        const done = batch.length === 1 ? await this.#alone(batch[0]) : await this.#together(batch);
        this.#acknowledge(done);
        // Let the posts that waited for the connection during that transaction reach the queue.
        if (!this.#queue.length) await new Promise<void>((r) => setImmediate(r));
      }
    } finally {
      this.#draining = false;
    }
  }

  /** Resolves a committed group once it is durable and every earlier group was answered. */
  #acknowledge(done: Done[]): void {
    if (!done.length) return;
    const { durable } = this.#opts;
    if (!durable) {
      for (const { job, value } of done) job.resolve(value);
      return;
    }
    const flushed = durable().then(
      () => null,
      (err: unknown) => err ?? new Error("the commit could not be made durable"),
    );
    this.#acked = Promise.all([this.#acked, flushed]).then(([, err]) => {
      for (const { job, value } of done) {
        if (err === null) job.resolve(value);
        else job.reject(err);
      }
    });
  }

  async #alone(job: Job): Promise<Done[]> {
    try {
      return [{ job, value: await this.#db.transaction().execute((trx) => job.run(trx)) }];
    } catch (err) {
      job.reject(err);
      return [];
    }
  }

  async #together(batch: Job[], serial = false): Promise<Done[]> {
    // Same lock order on every node (rooms by id; a room's posts keep their arrival order: stable sort).
    batch.sort((a, b) => (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0));
    const savepoints = this.#opts.savepoints;
    const done: Done[] = [];
    const failed = new Set<Job>();
    let trx: Awaited<ReturnType<ReturnType<Db["startTransaction"]>["execute"]>> | null = null;
    let outOfTurn = false;
    try {
      trx = await this.#db.startTransaction().execute();
      if (!savepoints) {
        const tasks = batch.map((job) => ({
          leads: !serial && job.leads && !this.#chatty.has(job.roomId),
          run: job.run,
        }));
        const outcomes = await runPipelined(trx, tasks);
        outcomes.forEach((o, i) => {
          if (o.ok) done.push({ job: batch[i], value: o.value });
          else if (o.error instanceof OutOfTurn) {
            outOfTurn = true;
            this.#remember(batch[i].roomId);
          }
        });
        const first = outcomes.find((o) => !o.ok);
        if (first) throw first.error;
        await trx.commit().execute();
        return done;
      }
      for (const job of batch) {
        await sql`savepoint herald_post`.execute(trx);
        let value: unknown;
        try {
          value = await job.run(trx);
        } catch (err) {
          failed.add(job);
          job.reject(err);
          await sql`rollback to savepoint herald_post`.execute(trx);
          await sql`release savepoint herald_post`.execute(trx);
          continue;
        }
        await sql`release savepoint herald_post`.execute(trx);
        done.push({ job, value });
      }
      await trx.commit().execute();
    } catch {
      // The shared transaction failed as a whole (a post's statement without savepoints, commit, deadlock with
      // another node, lost connection): none of it was committed, so every post not already failed on its own
      // runs again in its own transaction.
      await trx
        ?.rollback()
        .execute()
        .catch(() => {});
      // Only the order was at stake: the group runs again as one transaction, one post after another.
      if (outOfTurn) return this.#together(batch, true);
      const again: Done[] = [];
      for (const job of batch) if (!failed.has(job)) again.push(...(await this.#alone(job)));
      return again;
    }
    return done;
  }

  #remember(roomId: string): void {
    this.#chatty.delete(roomId);
    this.#chatty.add(roomId);
    if (this.#chatty.size > CHATTY_ROOMS) this.#chatty.delete(this.#chatty.values().next().value as string);
  }
}

const batchers = new WeakMap<Db, PostBatcher>();

/** The batcher of a store (one per database handle, so per server process). */
export function postBatcher(db: Db): PostBatcher {
  let b = batchers.get(db);
  if (!b) {
    const gc = groupCommitOf(db);
    b = gc
      ? new PostBatcher(gc.db, { savepoints: false, durable: gc.durable })
      : new PostBatcher(db, { savepoints: true });
    batchers.set(db, b);
  }
  return b;
}
