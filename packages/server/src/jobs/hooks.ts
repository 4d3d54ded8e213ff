// The scheduler's post hooks: the outbox rows go in the message transaction; after commit, reads cancel and
// send the "clear" push (PSH-3), and settings / status / membership changes make waiting rows decide again.
import { DecisionBatch } from "../decisions/batch.ts";
import type { DecisionRecorder } from "../decisions/recorder.ts";
import type { DomainEvent, PostHook } from "../events.ts";
import type { Db } from "../store/db.ts";
import { type OutboxSkip, writeOutbox } from "./outbox.ts";
import { insertRows, keys, newRow } from "./rows.ts";
import type { Scheduler } from "./scheduler.ts";

/**
 * Messages whose outbox this process wrote. After commit the worker is poked only when rows were written (a
 * plain message in a room without level-`all` members writes none: candidates.ts); the bus copy of a message
 * posted here is then ignored, since the local hook already decided. Bounded: old ids are forgotten.
 */
export class LocalPosts {
  readonly #wrote = new WeakSet<DomainEvent>();
  /** Core's reasons for the personal recipients it left out, recorded once the post commits (EXP-3). */
  readonly #skipped = new WeakMap<DomainEvent, OutboxSkip[]>();
  #ids = new Set<string>();
  #old = new Set<string>();

  noteWritten(event: DomainEvent, rows: number, skipped: OutboxSkip[] = []): void {
    if (event.type !== "message.created" && event.type !== "message.updated") return;
    if (rows > 0) this.#wrote.add(event);
    if (skipped.length > 0) this.#skipped.set(event, skipped);
    if (this.#ids.size >= 5_000) {
      this.#old = this.#ids;
      this.#ids = new Set();
    }
    this.#ids.add(event.message.id);
  }

  wroteRows(event: DomainEvent): boolean {
    return this.#wrote.has(event);
  }

  skippedOf(event: DomainEvent): OutboxSkip[] {
    return this.#skipped.get(event) ?? [];
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
  recorder: DecisionRecorder | null = null,
): PostHook {
  return {
    async inTransaction(trx, event) {
      const out = await writeOutbox(trx, event);
      local.noteWritten(event, out.rows, out.skipped);
    },
    afterCommit: (event) => {
      if (recorder) recordSkipped(recorder, event, local.skippedOf(event));
      return onCommitted(db, scheduler(), event, local);
    },
  };
}

/** Members beyond which post-time skips fold into one aggregate entry per reason (an `@here` in a big room). */
const SKIP_ENTRIES_EACH = 100;

/** Post-time push/email decisions core made against recipients: one entry each, or aggregates when many. */
function recordSkipped(recorder: DecisionRecorder, event: DomainEvent, skipped: OutboxSkip[]): void {
  if (skipped.length === 0 || (event.type !== "message.created" && event.type !== "message.updated")) return;
  const batch = new DecisionBatch("message", event.message.id, event.at);
  for (const s of skipped) {
    const why = { trigger: s.trigger, reasons: [s.reason] };
    if (skipped.length <= SKIP_ENTRIES_EACH) batch.member(s.userId, s.channel, "skipped", why);
    else batch.nothing(s.channel, "skipped", why);
  }
  recorder.record(batch.entries());
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
