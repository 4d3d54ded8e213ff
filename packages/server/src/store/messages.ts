// The message write path inside ONE transaction: the room's next seq, the message, the sender's read position,
// thread counters and follows, mention rows only for named users, one group-mention row. O(1) rows for a plain
// message whatever the room size (rooms update + messages insert + the sender's membership update).
import type { MentionSet, MessageView } from "../events.ts";
import { newId } from "../ids.ts";
import type { Db, Tx } from "./db.ts";
import { Prepared } from "./prepared.ts";
import type { MessagesTable } from "./schema/messages.ts";

export function messageView(m: MessagesTable): MessageView {
  return {
    id: m.id,
    roomId: m.room_id,
    seq: m.seq,
    senderId: m.sender_id,
    text: m.deleted_at ? "" : m.text,
    kind: m.kind,
    threadRootId: m.thread_root_id,
    threadSeq: m.thread_seq,
    inRoom: m.in_room === 1,
    createdAt: m.created_at,
    editedAt: m.edited_at,
    deletedAt: m.deleted_at,
  };
}

export interface NewMessage {
  roomId: string;
  senderId: string | null;
  text: string;
  kind: "user" | "system";
  threadRootId: string | null;
  /** For replies: also show in the room (takes a room seq). Ignored for room messages. */
  alsoInRoom: boolean;
  mentions: MentionSet;
}

export interface Posted {
  message: MessageView;
  threadFollowers: string[];
}

// The statements every post runs, compiled once (prepared.ts).
const roomSeq = new Prepared<{ roomId: string }, { last_seq: number }>((db, arg) =>
  db.selectFrom("rooms").select("last_seq").where("id", "=", arg("roomId")),
);
const takeRoomSeq = new Prepared<{ roomId: string }, { last_seq: number }>((db, arg) =>
  db
    .updateTable("rooms")
    .set((eb) => ({ last_seq: eb("last_seq", "+", 1) }))
    .where("id", "=", arg("roomId"))
    .returning("last_seq"),
);
const insertRow = new Prepared<MessagesTable & Record<string, unknown>, unknown>((db, arg) =>
  db.insertInto("messages").values({
    id: arg("id"),
    room_id: arg("room_id"),
    seq: arg("seq"),
    sender_id: arg("sender_id"),
    text: arg("text"),
    kind: arg("kind"),
    thread_root_id: arg("thread_root_id"),
    thread_seq: arg("thread_seq"),
    in_room: arg("in_room"),
    created_at: arg("created_at"),
    edited_at: arg("edited_at"),
    deleted_at: arg("deleted_at"),
  }),
);
const senderRead = new Prepared<{ roomId: string; userId: string; seq: number }, unknown>((db, arg) =>
  db
    .updateTable("memberships")
    .set({ last_read_seq: arg("seq") })
    .where("room_id", "=", arg("roomId"))
    .where("user_id", "=", arg("userId"))
    .where("last_read_seq", "<", arg("seq")),
);

async function nextRoomSeq(trx: Tx, roomId: string, takeOne: boolean): Promise<number> {
  const r = await (takeOne ? takeRoomSeq : roomSeq).first(trx, { roomId });
  if (!r) throw new Error(`room ${roomId} not found`);
  return r.last_seq;
}

async function nextThreadSeq(trx: Tx, rootId: string, roomId: string, now: number): Promise<number> {
  const r = await trx
    .insertInto("threads")
    .values({ root_id: rootId, room_id: roomId, last_seq: 1, reply_count: 1, last_reply_at: now })
    .onConflict((oc) =>
      oc.column("root_id").doUpdateSet((eb) => ({
        last_seq: eb("threads.last_seq", "+", 1),
        reply_count: eb("threads.reply_count", "+", 1),
        last_reply_at: now,
      })),
    )
    .returning("last_seq")
    .executeTakeFirstOrThrow();
  return r.last_seq;
}

export async function insertMessage(trx: Tx, m: NewMessage, now: number): Promise<Posted> {
  const isReply = m.threadRootId !== null;
  const inRoom = !isReply || m.alsoInRoom;
  const seq = await nextRoomSeq(trx, m.roomId, inRoom);
  const threadSeq = isReply ? await nextThreadSeq(trx, m.threadRootId as string, m.roomId, now) : null;
  const row: MessagesTable = {
    id: newId(),
    room_id: m.roomId,
    seq,
    sender_id: m.senderId,
    text: m.text,
    kind: m.kind,
    thread_root_id: m.threadRootId,
    thread_seq: threadSeq,
    in_room: inRoom ? 1 : 0,
    created_at: now,
    edited_at: null,
    deleted_at: null,
  };
  await insertRow.run(trx, { ...row });
  if (inRoom && m.senderId) {
    // Posting marks the room read for the sender up to their own message.
    await senderRead.run(trx, { roomId: m.roomId, userId: m.senderId, seq });
  }
  await insertMentionRows(trx, row, m.mentions);
  const threadFollowers = isReply ? await updateFollows(trx, row, m) : [];
  return { message: messageView(row), threadFollowers };
}

export async function insertMentionRows(trx: Tx, row: MessagesTable, mentions: MentionSet): Promise<void> {
  const base = { room_id: row.room_id, seq: row.seq, message_id: row.id, thread_root_id: row.thread_root_id };
  const rows = [
    ...mentions.users.map((u) => ({
      ...base,
      user_id: u,
      kind: "mention" as const,
      thread_seq: row.thread_seq,
    })),
    ...mentions.keywords.map((u) => ({
      ...base,
      user_id: u,
      kind: "keyword" as const,
      thread_seq: row.thread_seq,
    })),
    ...mentions.here.map((u) => ({ ...base, user_id: u, kind: "here" as const, thread_seq: row.thread_seq })),
  ];
  if (rows.length) {
    await trx
      .insertInto("mentions")
      .values(rows)
      .onConflict((oc) => oc.columns(["message_id", "user_id"]).doNothing())
      .execute();
  }
  if (mentions.group && row.sender_id) {
    await trx
      .insertInto("group_mentions")
      .values({ ...base, sender_id: row.sender_id, kind: mentions.group })
      .onConflict((oc) => oc.column("message_id").doNothing())
      .execute();
  }
}

/** Followers (SPEC §1): root author, repliers, mentioned, explicit. An explicit unfollow sticks for the root
 *  author and for earlier mentions; replying or being mentioned again re-follows. */
async function updateFollows(trx: Tx, row: MessagesTable, m: NewMessage): Promise<string[]> {
  const rootId = row.thread_root_id as string;
  const root = await trx
    .selectFrom("messages")
    .select(["sender_id"])
    .where("id", "=", rootId)
    .executeTakeFirst();
  const passive = new Set<string>();
  if (root?.sender_id) passive.add(root.sender_id);
  if (row.thread_seq === 1) {
    const rootMentions = await trx
      .selectFrom("mentions")
      .select("user_id")
      .where("message_id", "=", rootId)
      .execute();
    for (const r of rootMentions) passive.add(r.user_id);
  }
  const active = new Set([...m.mentions.users, ...m.mentions.keywords]);
  if (row.sender_id) active.delete(row.sender_id);
  for (const u of active) passive.delete(u);
  if (row.sender_id) passive.delete(row.sender_id);
  const values = (ids: Iterable<string>) =>
    [...ids].map((user_id) => ({ root_id: rootId, user_id, following: 1, last_read_seq: 0 }));
  if (passive.size) {
    await trx
      .insertInto("thread_follows")
      .values(values(passive))
      .onConflict((oc) => oc.columns(["root_id", "user_id"]).doNothing())
      .execute();
  }
  if (active.size) {
    await trx
      .insertInto("thread_follows")
      .values(values(active))
      .onConflict((oc) => oc.columns(["root_id", "user_id"]).doUpdateSet({ following: 1 }))
      .execute();
  }
  if (row.sender_id) {
    const mine = {
      root_id: rootId,
      user_id: row.sender_id,
      following: 1,
      last_read_seq: row.thread_seq as number,
    };
    await trx
      .insertInto("thread_follows")
      .values(mine)
      .onConflict((oc) =>
        oc.columns(["root_id", "user_id"]).doUpdateSet({ following: 1, last_read_seq: mine.last_read_seq }),
      )
      .execute();
  }
  const followers = await trx
    .selectFrom("thread_follows")
    .select("user_id")
    .where("root_id", "=", rootId)
    .where("following", "=", 1)
    .execute();
  return followers.map((f) => f.user_id);
}

export function messageById(db: Db, id: string): Promise<MessagesTable | undefined> {
  return db.selectFrom("messages").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function existingMentionUsers(db: Db, messageId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("mentions")
    .select("user_id")
    .where("message_id", "=", messageId)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
