// The message write path inside ONE transaction: the room's next seq, the message, the sender's read position,
// thread counters and follows, mention rows only for named users, one group-mention row. O(1) rows for a plain
// message whatever the room size (rooms update + messages insert + the sender's membership update).
import { type Compilable, PostgresAdapter, sql } from "kysely";
import type { MentionView, MessageView } from "../events.ts";
import { NO_MENTION_VIEW } from "../events.ts";
import { newId } from "../ids.ts";
import { levelAllProbe, noteLevelAll } from "../jobs/candidates.ts";
import type { Db, Tx } from "./db.ts";
import { Prepared, RowInsert } from "./prepared.ts";
import type { MessagesTable } from "./schema/messages.ts";
import type { RoomsTable } from "./schema/rooms.ts";

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
    mentions: mentionViewOf(m),
  };
}

/** A stored message's mention view (what it notified by name and group); nothing once deleted. */
export function mentionViewOf(m: Pick<MessagesTable, "mention_view" | "deleted_at">): MentionView {
  return m.deleted_at || !m.mention_view ? NO_MENTION_VIEW : (JSON.parse(m.mention_view) as MentionView);
}

/** The stored form of a message's mention view: null when it notified nobody by name or group. */
export function mentionViewColumn(v: MentionView | undefined): string | null {
  return v && (v.users.length > 0 || v.all || v.here) ? JSON.stringify(v) : null;
}

/** A message's mention rows (badges, BDG-1) and its group row; never read to decide who is notified. */
export interface MentionRows {
  /** Personally mentioned members (MEN-1), sender and ignorers excluded. */
  users: string[];
  /** Members whose keyword matched (MEN-4). */
  keywords: string[];
  /** Online members reached by @here at send time (MEN-2), not already in users or keywords. */
  here: string[];
  /** @all / @channel / @here present in the text. */
  group: "all" | "here" | null;
}

export interface NewMessage {
  roomId: string;
  senderId: string | null;
  text: string;
  kind: "user" | "system";
  threadRootId: string | null;
  /** For replies: also show in the room (takes a room seq). Ignored for room messages. */
  alsoInRoom: boolean;
  mentions: MentionRows;
  /** What the text notified by name and group, shown with the message (absent: nothing). */
  mentionView?: MentionView;
}

export interface Posted {
  message: MessageView;
  threadFollowers: string[];
}

/** The room as a post's event names it, read by the statement that took the message's seq. */
export type PostedRoom = Pick<RoomsTable, "kind" | "name" | "member_count">;

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
/** takeRoomSeq only while `userId` is a member of the room: no row otherwise. */
const takeMemberRoomSeq = new Prepared<{ roomId: string; userId: string }, { last_seq: number } & PostedRoom>(
  (db, arg) =>
    db
      .updateTable("rooms")
      .set((eb) => ({ last_seq: eb("last_seq", "+", 1) }))
      .where("id", "=", arg("roomId"))
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom("memberships")
            .select("memberships.user_id")
            .where("memberships.room_id", "=", arg("roomId"))
            .where("memberships.user_id", "=", arg("userId")),
        ),
      )
      .returning(["last_seq", "kind", "name", "member_count"]),
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
    mention_view: arg("mention_view"),
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

/**
 * PostgreSQL: a room message in ONE statement — the room's next seq, the message row, the sender's read
 * position — which also answers the outbox's level-`all` probe (jobs/candidates.ts) in the same snapshot.
 * Every statement there is a round trip while the room row is locked; four became one.
 */
interface RoomMessageArgs extends Record<string, unknown> {
  id: string;
  roomId: string;
  senderId: string | null;
  text: string;
  kind: string;
  createdAt: number;
  mentionView: string | null;
}

type RoomMessageRow = { seq: number; level_all: number } & Partial<PostedRoom>;

/** The personal mention rows (user, kind) of a message written by its insert statement, as JSON. */
interface WithMentions extends RoomMessageArgs {
  mentionRows: string;
}

/** insertRoomMessage's statement; `memberOnly`: it writes nothing unless the sender is a member of the room,
 *  and answers the room's kind, name and size beside the seq. `withMentions`: it also writes the message's
 *  personal mention rows (a keyword hit or a name), one round trip fewer while the room row is locked. */
function roomMessageStatement(memberOnly: boolean, withMentions = false) {
  return new Prepared<WithMentions, RoomMessageRow>(
    (db, arg) =>
      ({
        compile: () =>
          sql`with herald_seq as (
          update rooms set last_seq = last_seq + 1 where id = ${arg("roomId")}${
            memberOnly
              ? sql` and exists (select 1 from memberships s where s.room_id = ${arg("roomId")}
                and s.user_id = ${arg("senderId")})`
              : sql``
          }
          returning last_seq, kind, name, member_count
        ), herald_msg as (
          insert into messages (id, room_id, seq, sender_id, text, kind, thread_root_id, thread_seq, in_room,
            created_at, edited_at, deleted_at, mention_view)
          select ${arg("id")}, ${arg("roomId")}, herald_seq.last_seq, ${arg("senderId")},
            ${arg("text")}, ${arg("kind")}, null, null, 1, ${arg("createdAt")}, null, null, ${arg("mentionView")}
          from herald_seq
          returning seq
        ), herald_read as (
          update memberships set last_read_seq = herald_msg.seq from herald_msg
          where memberships.room_id = ${arg("roomId")} and memberships.user_id = ${arg("senderId")}
            and memberships.last_read_seq < herald_msg.seq
        )${
          withMentions
            ? sql`, herald_mentions as (
          insert into mentions (room_id, seq, message_id, thread_root_id, user_id, kind, thread_seq)
          select ${arg("roomId")}, herald_msg.seq, ${arg("id")}, null, x.user_id, x.kind, null
          from herald_msg, json_to_recordset(cast(${arg("mentionRows")} as json)) as x(user_id text, kind text)
          on conflict (message_id, user_id) do nothing
        )`
            : sql``
        }
        select herald_msg.seq as seq, ${levelAllProbe(arg("roomId"))} as level_all${
          memberOnly
            ? sql`, herald_seq.kind as kind, herald_seq.name as name, herald_seq.member_count as member_count`
            : sql``
        } from herald_msg, herald_seq`.compile(db),
      }) as Compilable<RoomMessageRow>,
  );
}

const insertRoomMessage = roomMessageStatement(false);
const insertMemberRoomMessage = roomMessageStatement(true);
const insertRoomMessageMentions = roomMessageStatement(false, true);
const insertMemberRoomMessageMentions = roomMessageStatement(true, true);

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

/** The columns insertRoomMessage writes: a row with any other column set takes the statement-per-row path. */
const ONE_STATEMENT_COLUMNS = 13;

export async function insertMessage(trx: Tx, m: NewMessage, now: number): Promise<Posted> {
  const posted = await insert(trx, m, now, false);
  if (!posted) throw new Error(`room ${m.roomId} not found`);
  return posted;
}

/**
 * insertMessage for a room message (no thread) whose sender must be a member: the membership check is made
 * by the statement that takes the room's seq, which also reads the room the post's event names — the post
 * path needs no read of its own before. Null, and nothing written, when the sender is not a member.
 */
export async function insertMemberMessage(
  trx: Tx,
  m: NewMessage & { senderId: string; threadRootId: null },
  now: number,
): Promise<(Posted & { room: PostedRoom }) | null> {
  return (await insert(trx, m, now, true)) as (Posted & { room: PostedRoom }) | null;
}

async function insert(
  trx: Tx,
  m: NewMessage,
  now: number,
  memberOnly: boolean,
): Promise<(Posted & { room?: PostedRoom }) | null> {
  const isReply = m.threadRootId !== null;
  const inRoom = !isReply || m.alsoInRoom;
  const row: MessagesTable = {
    id: newId(),
    room_id: m.roomId,
    seq: 0,
    sender_id: m.senderId,
    text: m.text,
    kind: m.kind,
    thread_root_id: m.threadRootId,
    thread_seq: null,
    in_room: inRoom ? 1 : 0,
    created_at: now,
    edited_at: null,
    deleted_at: null,
    mention_view: mentionViewColumn(m.mentionView),
  };
  const oneStatement =
    !isReply &&
    Object.keys(row).length === ONE_STATEMENT_COLUMNS &&
    trx.getExecutor().adapter instanceof PostgresAdapter;
  let room: PostedRoom | undefined;
  let mentions = m.mentions;
  if (oneStatement) {
    const personal = personalMentionRows(mentions);
    const statement = personal.length
      ? memberOnly
        ? insertMemberRoomMessageMentions
        : insertRoomMessageMentions
      : memberOnly
        ? insertMemberRoomMessage
        : insertRoomMessage;
    const r = await statement.first(trx, {
      id: row.id,
      roomId: m.roomId,
      senderId: m.senderId,
      text: m.text,
      kind: m.kind,
      createdAt: now,
      mentionView: row.mention_view,
      mentionRows: JSON.stringify(personal),
    });
    // Its personal rows are written: only the group row is left for insertMentionRows.
    if (personal.length) mentions = { users: [], keywords: [], here: [], group: mentions.group };
    if (!r) return null;
    row.seq = r.seq;
    if (memberOnly) room = { kind: r.kind!, name: r.name!, member_count: r.member_count! };
    noteLevelAll(trx, row.id, Number(r.level_all) === 1);
  } else if (memberOnly) {
    const r = await takeMemberRoomSeq.first(trx, { roomId: m.roomId, userId: m.senderId as string });
    if (!r) return null;
    const { last_seq, ...facts } = r;
    row.seq = last_seq;
    room = facts;
    await insertRow.run(trx, { ...row });
    await senderRead.run(trx, { roomId: m.roomId, userId: m.senderId as string, seq: row.seq });
  } else {
    row.seq = await nextRoomSeq(trx, m.roomId, inRoom);
    if (isReply) row.thread_seq = await nextThreadSeq(trx, m.threadRootId as string, m.roomId, now);
    await insertRow.run(trx, { ...row });
    if (inRoom && m.senderId) {
      // Posting marks the room read for the sender up to their own message.
      await senderRead.run(trx, { roomId: m.roomId, userId: m.senderId, seq: row.seq });
    }
  }
  await insertMentionRows(trx, row, mentions);
  const threadFollowers = isReply ? await updateFollows(trx, row, m) : [];
  return { message: messageView(row), threadFollowers, ...(room ? { room } : {}) };
}

/** A message's personal mention rows, in the order they are inserted (the first row of a user wins). */
function personalMentionRows(
  mentions: MentionRows,
): { user_id: string; kind: "mention" | "keyword" | "here" }[] {
  return [
    ...mentions.users.map((u) => ({ user_id: u, kind: "mention" as const })),
    ...mentions.keywords.map((u) => ({ user_id: u, kind: "keyword" as const })),
    ...mentions.here.map((u) => ({ user_id: u, kind: "here" as const })),
  ];
}

interface MentionRow {
  room_id: string;
  seq: number;
  message_id: string;
  thread_root_id: string | null;
  user_id: string;
  kind: "mention" | "keyword" | "here";
  thread_seq: number | null;
}

/** A mention row, compiled once (SQLite: a keyword hit's or a name's row, prepared.ts). */
const oneMention = new RowInsert<MentionRow>(
  ["room_id", "seq", "message_id", "thread_root_id", "user_id", "kind", "thread_seq"],
  (db, values) =>
    db
      .insertInto("mentions")
      .values(values)
      .onConflict((oc) => oc.columns(["message_id", "user_id"]).doNothing()),
);

export async function insertMentionRows(trx: Tx, row: MessagesTable, mentions: MentionRows): Promise<void> {
  const base = { room_id: row.room_id, seq: row.seq, message_id: row.id, thread_root_id: row.thread_root_id };
  const rows: MentionRow[] = personalMentionRows(mentions).map((r) => ({
    ...base,
    ...r,
    thread_seq: row.thread_seq,
  }));
  if (rows.length && (await oneMention.insert(trx, rows)) === null) {
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
