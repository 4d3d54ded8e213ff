// The checkpointer's thread (sqlite-checkpointer.ts): its own connection to the database file copies the WAL
// back into the database, so the fsyncs a checkpoint needs never stall the main thread's event loop.
import { statSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { workerData } from "node:worker_threads";
import { type CheckpointWorkerData, CTL } from "./sqlite-checkpointer.ts";

interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

const data = workerData as CheckpointWorkerData;
const ctl = new Int32Array(data.ctl);
// No busy wait, ever: RESTART holds the write lock while it waits, and the main thread would sleep behind it.
const db = new DatabaseSync(data.path, { timeout: 0 });
try {
  const passive = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
  const restart = db.prepare("PRAGMA wal_checkpoint(RESTART)");
  const truncate = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
  const frameBytes = Number((db.prepare("PRAGMA page_size").get() as { page_size: number }).page_size) + 24;
  let backfilled = 0;
  // The log length a RESTART last succeeded at: the next write starts the log over, so no second try until
  // the log has moved.
  let restartedAt = -1;
  Atomics.store(ctl, CTL.ready, 1);
  while (Atomics.load(ctl, CTL.stop) === 0) {
    // PASSIVE neither waits for nor blocks anyone: it copies what no reader still needs.
    const r = passive.get() as unknown as CheckpointResult;
    if (r.checkpointed !== backfilled) {
      Atomics.add(ctl, CTL.passes, 1);
      backfilled = r.checkpointed;
    }
    let wait = data.pollMs;
    if (r.log >= data.restartFrames && r.log !== restartedAt) {
      // Under steady writes a PASSIVE pass never catches up with the log, so the log never starts over by
      // itself; RESTART copies the few frames left and lets the next write begin the log at its start. It holds
      // the write lock only for that short copy; busy (the main connection is in a transaction): soon again.
      // A WAL file grown past twice the restart point (the fallback ran, or a reader held it) is cut back.
      const big = walBytes(data.path) > 2 * data.restartFrames * frameBytes;
      const x = (big ? truncate : restart).get() as unknown as CheckpointResult;
      if (x.busy === 0) {
        restartedAt = x.log;
        backfilled = 0;
        Atomics.add(ctl, CTL.restarts, 1);
      } else wait = Math.min(wait, data.retryMs);
    }
    Atomics.wait(ctl, CTL.stop, 0, wait);
  }
} finally {
  db.close();
  Atomics.store(ctl, CTL.done, 1);
  Atomics.notify(ctl, CTL.done);
}

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}
