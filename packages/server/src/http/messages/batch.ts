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
// room leads no more (rooms where the hooks read in the transaction, such as a dm's). A post that arrives
// while a group's statements are out joins that group (its statement goes out at once, and it commits with
// the group) where that keeps each room's arrival order and the rooms' lock order, and while the group holds
// less than half of the posts in flight: the other half forms the next group while this one is made durable
// (#join). The group commits without
// waiting for the WAL flush (synchronous_commit off on the post connections, store/db.ts GroupCommit), so the
// room row it locked is free at once; right behind its COMMIT, on the same connection, goes a tiny
// transaction that does wait for the flush (flushBehind), and the group is answered once that one is: durable,
// with no row lock held across the flush and no other connection or round trip. Posts that run again alone
// flush on another connection (GroupCommit.durable). Groups are answered in commit order. The groups run on
// one held connection, and the next group's BEGIN and statements go out behind the COMMIT before its answer:
// no round trip between two groups. What one turn of the event loop writes to that connection leaves in one
// socket write (store/postgres.ts coalesceWrites): a group of k posts is one write for its statements and one
// for its COMMIT and flush.
import { CompiledQuery, type DatabaseConnection, sql } from "kysely";
import { type Db, groupCommitOf, type Tx } from "../../store/db.ts";
import { type Outcome, OutOfTurn, PipelinedGroup } from "../../store/pipeline.ts";
import { namedStatement } from "../../store/prepared.ts";

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

/** A group whose COMMIT was sent: `answer` is true once it committed (its answers then wait for the flush). */
interface Committing {
  done: Done[];
  answer: Promise<boolean>;
}

/** The group whose statements are going out on the held connection, which a post may join (#join). */
interface OpenGroup {
  group: PipelinedGroup<unknown>;
  batch: Job[];
  rooms: Set<string>;
  /** The greatest room id of the group: rooms are locked in id order. */
  lastRoom: string;
}

/** The posts of a group whose COMMIT failed (none of it was committed), once its answer is in. */
async function settled(c: Committing): Promise<Job[]> {
  return (await c.answer) ? [] : c.done.map((d) => d.job);
}

const BEGIN = CompiledQuery.raw("begin");
const COMMIT = CompiledQuery.raw("commit");
const ROLLBACK = CompiledQuery.raw("rollback");
/**
 * A tiny transaction whose own COMMIT waits for the WAL flush (synchronous_commit on for it alone, on a post
 * connection where it is off): sent right behind a group's COMMIT on the same connection, its WAL record follows
 * the group's commit record, so once it is answered the group is durable. No row lock is held across that
 * flush (the group committed already), and no other connection, round trip or wake-up is needed for it.
 */
const FLUSH_BEHIND = CompiledQuery.raw(
  "select set_config('synchronous_commit', 'on', true), pg_logical_emit_message(true, 'herald.flush', '')",
  [],
);
namedStatement(FLUSH_BEHIND.sql);

/** Makes what `conn` committed so far durable; sent right behind a COMMIT, before its answer (PostgreSQL). */
export async function flushBehind(conn: DatabaseConnection): Promise<void> {
  await conn.executeQuery(FLUSH_BEHIND);
}

export interface BatcherOptions {
  /** Each post of a group in its own savepoint (SQLite) instead of re-running a failed group alone. */
  savepoints: boolean;
  /** Resolves once every transaction committed before the call is durable (PostgreSQL group commit). */
  durable?: () => Promise<void>;
  /** Makes a group durable on its own connection, sent right behind its COMMIT (flushBehind); without it a
   *  group waits for its COMMIT's answer, then for `durable`. */
  durableBehind?: (conn: DatabaseConnection) => Promise<void>;
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
  #open: OpenGroup | null = null;
  /** Posts submitted and not yet answered. */
  #inFlight = 0;

  constructor(db: Db, opts: BatcherOptions = { savepoints: true }) {
    this.#db = db;
    this.#opts = opts;
  }

  /** Runs `run` inside a transaction shared with concurrent posts; resolves once that transaction committed.
   *  `leads`: `run` is expected to need one statement (a wrong guess costs a re-run, never the order). */
  submit<T>(roomId: string, run: (trx: Tx) => Promise<T>, leads = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let answered = false;
      const done = () => {
        if (!answered) this.#inFlight--;
        answered = true;
      };
      const job: Job = {
        roomId,
        leads,
        run,
        resolve: (v) => {
          done();
          resolve(v as T);
        },
        reject: (err) => {
          done();
          reject(err);
        },
      };
      this.#inFlight++;
      if (this.#join(job)) return;
      this.#queue.push(job);
      if (!this.#draining) {
        this.#draining = true;
        // One event-loop turn first: posts whose reads are finishing right now (on SQLite they queued behind
        // the previous transaction for the only connection) join this batch instead of forming the next.
        setImmediate(() => void this.#drain());
      }
    });
  }

  /**
   * PostgreSQL: a post that arrives while a group's statements are out joins that group — its statement goes out
   * at once, inside the open transaction, and commits with it — instead of waiting for the group's answers and
   * going out with the next. Only where that keeps the order: nobody waits in the queue (a room's posts keep
   * their arrival order) and its room is already locked by the group or comes after the group's rooms (the
   * lock order every node follows). And only while the group holds less than half of the posts in flight (two
   * posts at least): with every waiting post in one group, nothing is left to do while its COMMIT and flush
   * travel — the clients whose posts it carries send their next ones only once it is answered — and the process
   * sat idle a third of the time under 8 closed-loop clients; in two halves, one half's requests are read and its
   * statements run while the other half's group is made durable.
   */
  #join(job: Job): boolean {
    const open = this.#open;
    if (!open?.group.open || this.#queue.length) return false;
    if (open.batch.length >= Math.min(MAX_BATCH, Math.max(2, this.#inFlight / 2))) return false;
    if (!open.rooms.has(job.roomId) && job.roomId < open.lastRoom) return false;
    open.batch.push(job);
    open.rooms.add(job.roomId);
    if (job.roomId > open.lastRoom) open.lastRoom = job.roomId;
    this.stats.posts++;
    open.group.add(this.#task(job, false));
    return true;
  }

  #task(job: Job, serial: boolean) {
    return { leads: !serial && job.leads && !this.#chatty.has(job.roomId), run: job.run };
  }

  async #drain(): Promise<void> {
    let ended = false;
    const end = () => {
      ended = true;
      this.#draining = false;
    };
    try {
      if (this.#opts.savepoints) await this.#drainSavepoints(end);
      // A connection found broken is given back (the pool drops it) and the posts go on on a new one.
      else while (!ended) await this.#db.connection().execute((db) => this.#drainPipelined(db, end));
    } catch (err) {
      // No connection to be had (the database is down): the posts waiting for one fail.
      if (!ended) {
        for (const job of this.#queue.splice(0)) job.reject(err);
        end();
      }
    }
  }

  #take(): Job[] {
    const batch = this.#queue.splice(0, MAX_BATCH);
    this.stats.transactions++;
    this.stats.posts += batch.length;
    return batch;
  }

  /** SQLite: one group after another, each post in its own savepoint. */
  async #drainSavepoints(end: () => void): Promise<void> {
    while (this.#queue.length) {
      const batch = this.#take();
      this.#acknowledge(batch.length === 1 ? await this.#alone(batch[0]) : await this.#together(batch));
      // Let the posts that waited for the connection during that transaction reach the queue.
      if (!this.#queue.length) await new Promise<void>((r) => setImmediate(r));
    }
    // No await between the last look at the queue and the end: a post submitted after it starts a new drain.
    end();
  }

  /**
   * PostgreSQL: the groups run on one connection of the post pool, held while posts keep coming. A group's
   * COMMIT is not waited for before the next group's BEGIN and statements, which go out right behind it: the
   * connection runs them in order, so the next group finds the room row free with no round trip between, and
   * the COMMIT's answer (which arrives first) sets off the group's flush and its answers. A group whose COMMIT
   * failed runs again one post at a time once the group after it is done with the connection.
   */
  async #drainPipelined(db: Db, end: () => void): Promise<void> {
    const conn = await db.getExecutor().provideConnection(async (c) => c);
    const held = { broken: false };
    let previous: Committing | null = null;
    for (;;) {
      while (this.#queue.length && !held.broken)
        previous = await this.#pipelined(db, conn, held, this.#take(), previous);
      if (previous) {
        await this.#runAgain(db, held, await settled(previous));
        previous = null;
      }
      if (held.broken) return;
      await new Promise<void>((r) => setImmediate(r));
      // No await between the last look at the queue and the end: a post submitted after it starts a new drain.
      if (!this.#queue.length) return end();
    }
  }

  /**
   * One group on the held connection, `previous`'s COMMIT possibly still on its way. Resolves once this group's
   * COMMIT is sent (with what it carries), or once the group ran again otherwise.
   */
  async #pipelined(
    db: Db,
    conn: DatabaseConnection,
    held: { broken: boolean },
    batch: Job[],
    previous: Committing | null,
    serial = false,
  ): Promise<Committing | null> {
    // Same lock order on every node (rooms by id; a room's posts keep their arrival order: stable sort).
    batch.sort((a, b) => (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0));
    let outcomes: Outcome<unknown>[];
    try {
      await conn.executeQuery(BEGIN);
      const group = await PipelinedGroup.open<unknown>(db);
      for (const job of batch) group.add(this.#task(job, serial));
      // Posts arriving meanwhile join it (#join), appended to `batch`: the outcomes stay aligned with it.
      if (!serial)
        this.#open = {
          group,
          batch,
          rooms: new Set(batch.map((j) => j.roomId)),
          lastRoom: batch[batch.length - 1].roomId,
        };
      try {
        outcomes = await group.settle();
      } finally {
        this.#open = null;
      }
    } catch (err) {
      outcomes = batch.map(() => ({ ok: false, error: err }));
    }
    if (outcomes.every((o) => o.ok)) {
      const current = this.#commit(
        conn,
        outcomes.map((o, i) => ({ job: batch[i], value: o.value })),
      );
      if (!previous) return current;
      // The previous COMMIT went out before this group's BEGIN: its answer is in by now.
      const again = await settled(previous);
      if (!again.length) return current;
      await this.#runAgain(db, held, [...again, ...(await settled(current))]);
      return null;
    }
    // The shared transaction failed (a post's statement, a deadlock with another node, a lost connection):
    // none of it is committed.
    await conn.executeQuery(ROLLBACK).catch(() => {
      held.broken = true;
    });
    if (previous) await this.#runAgain(db, held, await settled(previous));
    let outOfTurn = false;
    outcomes.forEach((o, i) => {
      if (!o.ok && o.error instanceof OutOfTurn) {
        outOfTurn = true;
        this.#remember(batch[i].roomId);
      }
    });
    // Only the order was at stake: the group runs again as one transaction, one post after another.
    if (outOfTurn && !held.broken) return this.#pipelined(db, conn, held, batch, null, true);
    const first = outcomes.find((o) => !o.ok);
    if (batch.length === 1) batch[0].reject(first?.error);
    else await this.#runAgain(db, held, batch);
    return null;
  }

  /** Sends the group's COMMIT without waiting for its answer, which answers the group once durable. */
  #commit(conn: DatabaseConnection, done: Done[]): Committing {
    const committed = conn.executeQuery(COMMIT);
    const behind = this.#opts.durableBehind;
    const flushed = behind ? behind(conn) : undefined;
    // Its failure is the group's answer (#acknowledge), or moot when the COMMIT failed.
    flushed?.catch(() => {});
    const answer = committed.then(
      () => {
        this.#acknowledge(done, flushed);
        return true;
      },
      () => false,
    );
    return { done, answer };
  }

  /** Each post in its own transaction, answered as it commits: on the held connection, idle by now, unless it
   *  broke (then on another of the pool's). */
  async #runAgain(db: Db, held: { broken: boolean }, jobs: Job[]): Promise<void> {
    for (const job of jobs) this.#acknowledge(await this.#alone(job, held.broken ? this.#db : db));
  }

  /** Resolves a committed group once it is durable (`behind` its COMMIT, else a flush started now) and every
   *  earlier group was answered. */
  #acknowledge(done: Done[], behind?: Promise<unknown>): void {
    if (!done.length) return;
    const flush = behind ?? this.#opts.durable?.();
    if (!flush) {
      for (const { job, value } of done) job.resolve(value);
      return;
    }
    const flushed = flush.then(
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

  async #alone(job: Job, db = this.#db): Promise<Done[]> {
    try {
      return [{ job, value: await db.transaction().execute((trx) => job.run(trx)) }];
    } catch (err) {
      job.reject(err);
      return [];
    }
  }

  /** SQLite: the group's posts one after another, each in its own savepoint. */
  async #together(batch: Job[]): Promise<Done[]> {
    batch.sort((a, b) => (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0));
    const done: Done[] = [];
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
      // The shared transaction failed as a whole (commit, lost connection): none of it was committed, so
      // every post not already failed on its own runs again in its own transaction.
      await trx
        ?.rollback()
        .execute()
        .catch(() => {});
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
      ? new PostBatcher(gc.db, { savepoints: false, durable: gc.durable, durableBehind: flushBehind })
      : new PostBatcher(db, { savepoints: true });
    batchers.set(db, b);
  }
  return b;
}
