// The scheduler's post hooks: the outbox rows go in the message transaction; after commit, reads cancel and
// send the "clear" push (PSH-3), and settings / status / membership changes make waiting rows decide again.
import type { DomainEvent, PostHook } from "../events.ts";
import type { Db } from "../store/db.ts";
import { writeOutbox } from "./outbox.ts";
import { insertRows, keys, newRow } from "./rows.ts";
import type { Scheduler } from "./scheduler.ts";

/**
 * Messages whose outbox this process wrote. After commit the worker is poked only when rows were written (a
 * plain message in a room without level-`all` members writes none: candidates.ts); the bus copy of a message
 * posted here is then ignored, since the local hook already decided. Bounded: old ids are forgotten.
 */
export class LocalPosts {
  readonly #wrote = new WeakSet<DomainEvent>();
  #ids = new Set<string>();
  #old = new Set<string>();

  noteWritten(event: DomainEvent, rows: number): void {
    if (event.type !== "message.created" && event.type !== "message.updated") return;
    if (rows > 0) this.#wrote.add(event);
    if (this.#ids.size >= 5_000) {
      this.#old = this.#ids;
      this.#ids = new Set();
    }
    this.#ids.add(event.message.id);
  }

  wroteRows(event: DomainEvent): boolean {
    return this.#wrote.has(event);
  }

  postedHere(messageId: string): boolean {
    return this.#ids.has(messageId) || this.#old.has(messageId);
  }
}

/** `scheduler()` is null in a process without the worker role: the rows still change, the worker's timer or
 * sweep (or the bus) picks them up. */
export function schedulerHooks(
  db: Db,
  scheduler: () => Scheduler | null,
  local: LocalPosts = new LocalPosts(),
): PostHook {
  return {
    async inTransaction(trx, event) {
      local.noteWritten(event, await writeOutbox(trx, event));
    },
    afterCommit: (event) => onCommitted(db, scheduler(), event, local),
  };
}

const wake = async (db: Db, s: Scheduler | null, userId: string, now: number) => {
  if (s) return s.wakeUser(userId);
  await db
    .updateTable("deliveries")
    .set({ due_at: now })
    .where("user_id", "=", userId)
    .where("state", "=", "pending")
    .where("due_at", ">", now)
    .execute();
};

async function onCommitted(db: Db, s: Scheduler | null, ev: DomainEvent, local: LocalPosts): Promise<void> {
  switch (ev.type) {
    case "message.created":
    case "message.updated":
      if (local.wroteRows(ev)) s?.poke();
      return;
    case "room.read":
      await onRead(db, ev.userId, ev.roomId, ev.seq, null, ev.at);
      s?.poke();
      return;
    case "thread.read":
      await onRead(db, ev.userId, ev.roomId, ev.seq, ev.rootId, ev.at);
      s?.poke();
      return;
    case "preferences.changed":
      if (ev.scope === "workspace") {
        await db
          .updateTable("deliveries")
          .set({ due_at: ev.at })
          .where("state", "=", "pending")
          .where("due_at", ">", ev.at)
          .execute();
        s?.settingsChanged();
      } else await wake(db, s, ev.userId, ev.at);
      return;
    case "status.changed":
      await wake(db, s, ev.userId, ev.at);
      return;
    case "membership.changed":
      for (const u of ev.userIds) await wake(db, s, u, ev.at);
      return;
    default:
      return;
  }
}

/**
 * PSH-3: reading cancels the pending pushes for what was read and, if pushes for it were already shown,
 * queues one "clear" push so devices remove them. Email candidates are dropped by the batch plan (EML-3).
 */
export async function onRead(
  db: Db,
  userId: string,
  roomId: string,
  seq: number,
  rootId: string | null,
  now: number,
): Promise<void> {
  const scope = (state: "pending" | "sent") => {
    let q = db
      .updateTable("deliveries")
      .where("user_id", "=", userId)
      .where("room_id", "=", roomId)
      .where("kind", "=", "push")
      .where("state", "=", state);
    q = rootId
      ? q.where("thread_root_id", "=", rootId).where("thread_seq", "<=", seq)
      : q.where("seq", ">", 0).where("seq", "<=", seq);
    return q;
  };
  await scope("pending")
    .set({ state: "dropped", reason: "PSH-3 read on another device", updated_at: now })
    .execute();
  const shown = await scope("sent")
    .where("reason", "is", null)
    .set({ reason: "cleared", updated_at: now })
    .executeTakeFirst();
  if (Number(shown.numUpdatedRows ?? 0) === 0) return;
  await insertRows(db, [
    newRow(
      {
        kind: "clear",
        channel: "push",
        key: keys.clear(userId, roomId, seq, rootId),
        userId,
        roomId,
        threadRootId: rootId,
        dueAt: now,
      },
      now,
    ),
  ]);
}
