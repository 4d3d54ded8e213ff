// One worker per SQLite file. The worker role takes back claims left by a killed process at once (SQLite has
// no row locks to share the outbox, jobs/role.ts), so a second worker on the same file would steal the first
// one's in-flight rows and send them twice. The lock is SQLite's own: an EXCLUSIVE transaction held open on a
// small file beside the database for the life of the process. The operating system drops the lock when the
// process ends, however it ends (SIGKILL, power loss), so a restarted worker never finds a stale lock.
import { DatabaseSync } from "node:sqlite";

/** The lock file of a SQLite database file. */
export const workerLockPath = (dbPath: string) => `${dbPath}.worker-lock`;

let held: DatabaseSync | null = null;

/**
 * Takes the worker lock of `dbPath` for this process, or answers why not (another process holds it). Taking
 * it again in a process that holds it is a no-op.
 */
export function takeWorkerLock(dbPath: string): { ok: true } | { ok: false; reason: string } {
  if (held) return { ok: true };
  const lock = new DatabaseSync(workerLockPath(dbPath), { timeout: 0 });
  try {
    // Rollback-journal mode: BEGIN EXCLUSIVE locks the file at once, and no other connection may even read it.
    lock.exec("PRAGMA journal_mode = DELETE");
    lock.exec("BEGIN EXCLUSIVE");
  } catch (err) {
    lock.close();
    const busy = /locked|busy/i.test((err as Error).message);
    return { ok: false, reason: busy ? "held by another process" : (err as Error).message };
  }
  held = lock;
  return { ok: true };
}

/** Lets the lock go (a clean stop; a dead process lets it go by ending). */
export function releaseWorkerLock(): void {
  if (!held) return;
  held.close();
  held = null;
}
