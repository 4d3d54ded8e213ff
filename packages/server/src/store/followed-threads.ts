// The threads a user follows, newest activity first, in rooms they are still a member of (GEN-5: leaving a
// room ends what it shows). Unread counts are not read here: core counts them from the read state.
import type { Db } from "./db.ts";

export interface FollowedThreadRow {
  root_id: string;
  room_id: string;
  room_kind: string;
  room_name: string;
  reply_count: number;
  last_reply_at: number;
  root_text: string;
  root_sender_id: string | null;
  root_deleted: boolean;
}

export async function listFollowedThreads(
  db: Db,
  userId: string,
  limit: number,
): Promise<FollowedThreadRow[]> {
  const rows = await db
    .selectFrom("thread_follows as tf")
    .innerJoin("threads as t", "t.root_id", "tf.root_id")
    .innerJoin("memberships as mb", (j) =>
      j.onRef("mb.room_id", "=", "t.room_id").onRef("mb.user_id", "=", "tf.user_id"),
    )
    .innerJoin("rooms as r", "r.id", "t.room_id")
    .innerJoin("messages as m", "m.id", "t.root_id")
    .select([
      "t.root_id",
      "t.room_id",
      "r.kind as room_kind",
      "r.name as room_name",
      "t.reply_count",
      "t.last_reply_at",
      "m.text as root_text",
      "m.sender_id as root_sender_id",
      "m.deleted_at",
    ])
    .where("tf.user_id", "=", userId)
    .where("tf.following", "=", 1)
    // A thread followed before anyone replied has nothing to list yet.
    .where("t.reply_count", ">", 0)
    .orderBy("t.last_reply_at", "desc")
    .orderBy("t.root_id", "desc")
    .limit(limit)
    .execute();
  return rows.map(({ deleted_at, ...r }) => ({
    ...r,
    reply_count: Number(r.reply_count),
    last_reply_at: Number(r.last_reply_at),
    root_deleted: deleted_at !== null,
  }));
}

/** Every thread I follow in my rooms, read to its last reply. Answers the threads that moved. */
export async function markAllThreadsRead(
  db: Db,
  userId: string,
): Promise<{ rootId: string; roomId: string; seq: number }[]> {
  return db.transaction().execute(async (trx) => {
    const behind = await trx
      .selectFrom("thread_follows as tf")
      .innerJoin("threads as t", "t.root_id", "tf.root_id")
      .innerJoin("memberships as mb", (j) =>
        j.onRef("mb.room_id", "=", "t.room_id").onRef("mb.user_id", "=", "tf.user_id"),
      )
      .select(["t.root_id", "t.room_id", "t.last_seq"])
      .where("tf.user_id", "=", userId)
      .where("tf.following", "=", 1)
      .whereRef("tf.last_read_seq", "<", "t.last_seq")
      .execute();
    for (const t of behind)
      await trx
        .updateTable("thread_follows")
        .set({ last_read_seq: t.last_seq })
        .where("root_id", "=", t.root_id)
        .where("user_id", "=", userId)
        .where("last_read_seq", "<", t.last_seq)
        .execute();
    return behind.map((t) => ({ rootId: t.root_id, roomId: t.room_id, seq: t.last_seq }));
  });
}
