// Checkpoints of a SQLite file database, off the main thread. With SQLite's default (wal_autocheckpoint=1000) the
// connection whose COMMIT takes the WAL past 1,000 pages runs the checkpoint at once, inside that COMMIT: on the
// server that is the main thread, which then waits for an fsync of the WAL and one of the database file (~10 ms
// on a plain disk, every ~100 ms under load) while every request stands still. Here a worker thread with its own
// connection does that work; the main connection only checkpoints past a far higher mark, the safety net should
// the thread fall behind, and goes back to SQLite's default if the thread dies.
import { resolve } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { Worker } from "node:worker_threads";

/** Slots of the Int32Array the two threads share. */
export const CTL = { stop: 0, ready: 1, done: 2, passes: 3, restarts: 4 } as const;
const CTL_SLOTS = 5;

/** What the checkpointer's thread is given (sqlite-checkpoint-worker.ts). */
export interface CheckpointWorkerData {
  path: string;
  ctl: SharedArrayBuffer;
  pollMs: number;
  retryMs: number;
  restartFrames: number;
}

export interface CheckpointerOptions {
  /** Delay before the thread starts (a store closed sooner, as in most tests, never starts one). */
  startAfterMs?: number;
  /** How often the thread copies the WAL into the database. */
  pollMs?: number;
  /** How soon it tries again when RESTART found the main connection in a transaction. */
  retryMs?: number;
  /** WAL length (pages) from which the thread starts the log over (RESTART, or TRUNCATE if the file grew). */
  restartFrames?: number;
  /** WAL length (pages) at which the main connection checkpoints itself: the thread has fallen behind. */
  fallbackFrames?: number;
}

/** SQLite's own autocheckpoint point, which the main connection goes back to if the thread dies. */
export const SQLITE_AUTOCHECKPOINT = 1000;

export const CHECKPOINTER_DEFAULTS: Required<CheckpointerOptions> = {
  startAfterMs: 1000,
  pollMs: 50,
  retryMs: 2,
  restartFrames: 4000,
  fallbackFrames: 10_000,
};

export interface CheckpointerStats {
  /** The thread runs (started and not ended). */
  running: boolean;
  /** It has opened its connection and passes. */
  ready: boolean;
  /** Passes that copied WAL pages into the database. */
  passes: number;
  /** Times the log was started over. */
  restarts: number;
}

export class Checkpointer {
  readonly #ctl = new Int32Array(new SharedArrayBuffer(CTL_SLOTS * 4));
  readonly #raw: DatabaseSync;
  readonly #data: CheckpointWorkerData;
  #worker: Worker | null = null;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  #exited!: () => void;
  /** Settles once the thread has ended (or at close, if it never started). */
  readonly exited = new Promise<void>((done) => {
    this.#exited = done;
  });

  constructor(raw: DatabaseSync, path: string, options: CheckpointerOptions = {}) {
    const o = { ...CHECKPOINTER_DEFAULTS, ...options };
    this.#raw = raw;
    this.#data = {
      path: resolve(path),
      ctl: this.#ctl.buffer as SharedArrayBuffer,
      pollMs: o.pollMs,
      retryMs: o.retryMs,
      restartFrames: o.restartFrames,
    };
    raw.exec(`PRAGMA wal_autocheckpoint = ${Math.trunc(o.fallbackFrames)}`);
    this.#timer = setTimeout(() => this.#start(), o.startAfterMs);
    this.#timer.unref();
  }

  #start(): void {
    this.#timer = null;
    if (this.#closed) return;
    let worker: Worker;
    try {
      // No execArgv: the thread needs none of the process's flags, and some (--input-type, -e's) fail it.
      worker = new Worker(new URL("./sqlite-checkpoint-worker.ts", import.meta.url), {
        workerData: this.#data,
        execArgv: [],
      });
    } catch {
      this.#fallBack();
      return;
    }
    this.#worker = worker;
    // The thread never keeps the process alive; an orderly stop is close()'s job.
    worker.unref();
    // An error ends the thread and 'exit' follows, which falls back. Unheard, it would crash the process.
    let error = "";
    worker.on("error", (err) => {
      error = `: ${err.message}`;
    });
    worker.on("exit", () => {
      this.#worker = null;
      if (!this.#closed) {
        process.emitWarning(
          `SQLite checkpointer thread ended${error}; the main connection checkpoints again`,
        );
        this.#fallBack();
      }
      this.#exited();
    });
  }

  /** No thread: the main connection checkpoints as SQLite does by default, so the WAL stays bounded. */
  #fallBack(): void {
    if (this.#closed) return;
    this.#raw.exec(`PRAGMA wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT}`);
    this.#exited();
  }

  stats(): CheckpointerStats {
    return {
      running: this.#worker !== null,
      ready: this.#worker !== null && Atomics.load(this.#ctl, CTL.ready) === 1,
      passes: Atomics.load(this.#ctl, CTL.passes),
      restarts: Atomics.load(this.#ctl, CTL.restarts),
    };
  }

  /**
   * Stops the thread before the main connection closes. A started thread answers within one pass; its
   * connection closes first, so the main one is still the last and, as always, checkpoints and removes the WAL.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    const worker = this.#worker;
    if (!worker) {
      this.#exited();
      return;
    }
    Atomics.store(this.#ctl, CTL.stop, 1);
    Atomics.notify(this.#ctl, CTL.stop);
    if (Atomics.load(this.#ctl, CTL.ready) === 1) Atomics.wait(this.#ctl, CTL.done, 0, 5000);
    // Ends a thread still starting up, or one that did not answer in time.
    void worker.terminate();
  }

  /** Ends the thread as a crash would (tests of the fallback). */
  async kill(): Promise<void> {
    await this.#worker?.terminate();
  }
}
