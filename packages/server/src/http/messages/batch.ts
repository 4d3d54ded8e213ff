// Group commit for message posts. A post's transaction is tiny (a few rows), so its COMMIT dominates: on SQLite
// the WAL write of every page it touched, on PostgreSQL the WAL flush — during which the room row stays locked,
// so posts into one room could not go faster than one flush each. Posts that arrive while a transaction is
// running wait and then share ONE transaction, each inside its own savepoint: a post that fails rolls back to
// its savepoint and fails alone; the others commit together. Nothing is resolved before the real COMMIT, so
// after-commit hooks still run strictly after commit. At low load every batch holds one post: no added delay.
import { sql } from "kysely";
import type { Db, Tx } from "../../store/db.ts";

/** Bounds how long one transaction holds the room rows (and, on SQLite, the only connection). */
export const MAX_BATCH = 64;

interface Job {
  roomId: string;
  run(trx: Tx): Promise<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

export class PostBatcher {
  readonly #db: Db;
  #queue: Job[] = [];
  #draining = false;
  /** Transactions run and posts they carried (the benchmark prints the mean batch size). */
  readonly stats = { transactions: 0, posts: 0 };

  constructor(db: Db) {
    this.#db = db;
  }

  /** Runs `run` inside a transaction shared with concurrent posts; resolves once that transaction committed. */
  submit<T>(roomId: string, run: (trx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ roomId, run, resolve: resolve as (v: unknown) => void, reject });
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
        if (batch.length === 1) await this.#alone(batch[0]);
        else await this.#together(batch);
        // Let the posts that waited for the connection during that transaction reach the queue.
        if (!this.#queue.length) await new Promise<void>((r) => setImmediate(r));
      }
    } finally {
      this.#draining = false;
    }
  }

  async #alone(job: Job): Promise<void> {
    try {
      job.resolve(await this.#db.transaction().execute((trx) => job.run(trx)));
    } catch (err) {
      job.reject(err);
    }
  }

  async #together(batch: Job[]): Promise<void> {
    // Same lock order on every node (rooms by id; a room's posts keep their arrival order: stable sort).
    batch.sort((a, b) => (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0));
    const done: { job: Job; value: unknown }[] = [];
    const failed = new Set<Job>();
    let trx: Awaited<ReturnType<ReturnType<Db["startTransaction"]>["execute"]>> | null = null;
    try {
      trx = await this.#db.startTransaction().execute();
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
      // The shared transaction failed as a whole (commit, deadlock with another node, lost connection): none of
      // it was committed, so every post not already failed on its own runs again in its own transaction.
      await trx
        ?.rollback()
        .execute()
        .catch(() => {});
      for (const job of batch) if (!failed.has(job)) await this.#alone(job);
      return;
    }
    for (const { job, value } of done) job.resolve(value);
  }
}

const batchers = new WeakMap<Db, PostBatcher>();

/** The batcher of a store (one per database handle, so per server process). */
export function postBatcher(db: Db): PostBatcher {
  let b = batchers.get(db);
  if (!b) {
    b = new PostBatcher(db);
    batchers.set(db, b);
  }
  return b;
}
