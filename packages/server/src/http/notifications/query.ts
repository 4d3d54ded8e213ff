// Reading the inbox (GEN-1): one UNION over the user's own rows and the derived group items (@all from
// group_mentions in the user's rooms, @here from the user's `here` mention rows), so a 100,000-member @all
// costs no row per member. An item is read when marked read, when older than "mark all read", or when the
// user's room/thread read position has passed its message ("reading the message reads its item").
import type { RawBuilder } from "kysely";
import { sql } from "kysely";
import type { Db } from "../../store/db.ts";
import type { NotificationType } from "../../store/schema/notifications.ts";

export interface ItemRow {
  id: string;
  type: NotificationType;
  event: string | null;
  room_id: string | null;
  message_id: string | null;
  seq: number | null;
  thread_root_id: string | null;
  thread_seq: number | null;
  conversation_id: string | null;
  call_id: string | null;
  actor_id: string | null;
  created_at: number;
  read_at: number | null;
  snoozed_until: number | null;
  room_read: number | null;
  thread_read: number | null;
  text?: string | null;
}

export interface Scope {
  userId: string;
  /** Rooms where the user muted @all/@here (PRF-37): no group items there. */
  mutedRooms: readonly string[];
}

const BIG = 2_147_483_647;

/** True when a read position has passed the item's message (SQL, over the union's columns). */
const readByPosition = sql`(coalesce(items.room_read, -1) >= coalesce(items.seq, ${sql.lit(BIG)}) or coalesce(items.thread_read, -1) >= coalesce(items.thread_seq, ${sql.lit(BIG)}))`;

function notMuted(col: string, muted: readonly string[]): RawBuilder<unknown> {
  if (!muted.length) return sql`1 = 1`;
  return sql`${sql.ref(col)} not in (${sql.join(muted.map((r) => sql`${r}`))})`;
}

/** Every item source of one user as rows of the same shape. */
function union(s: Scope): RawBuilder<unknown> {
  const u = s.userId;
  const derivedCols = sql`'g.' || m.id as id, 'group' as type, null as event, m.room_id as room_id,
    m.id as message_id, case when m.in_room = 1 then m.seq else null end as seq,
    m.thread_root_id as thread_root_id, m.thread_seq as thread_seq, null as conversation_id, null as call_id,
    m.sender_id as actor_id, m.created_at as created_at, null as read_at, null as snoozed_until,
    mb.last_read_seq as room_read, tf.last_read_seq as thread_read`;
  const noRow = sql`not exists (select 1 from notifications x where x.user_id = ${u} and x.message_id = m.id)`;
  return sql`
    select n.id, n.type, n.event, n.room_id, n.message_id, n.seq, n.thread_root_id, n.thread_seq,
      n.conversation_id, n.call_id, n.actor_id, n.created_at, n.read_at, n.snoozed_until,
      mb.last_read_seq as room_read, tf.last_read_seq as thread_read
    from notifications n
    left join memberships mb on mb.room_id = n.room_id and mb.user_id = n.user_id
    left join thread_follows tf on tf.root_id = n.thread_root_id and tf.user_id = n.user_id
    where n.user_id = ${u} and (n.room_id is null or mb.user_id is not null)
    union all
    select ${derivedCols}
    from group_mentions gm
    join memberships mb on mb.room_id = gm.room_id and mb.user_id = ${u}
    join messages m on m.id = gm.message_id
    left join thread_follows tf on tf.root_id = m.thread_root_id and tf.user_id = ${u}
    where gm.kind = 'all' and gm.sender_id <> ${u} and m.created_at >= mb.joined_at and m.deleted_at is null
      and not exists (select 1 from ignores i where i.user_id = ${u} and i.ignored_id = gm.sender_id)
      and ${noRow} and ${notMuted("gm.room_id", s.mutedRooms)}
    union all
    select ${derivedCols}
    from mentions mn
    join memberships mb on mb.room_id = mn.room_id and mb.user_id = mn.user_id
    join messages m on m.id = mn.message_id
    left join thread_follows tf on tf.root_id = m.thread_root_id and tf.user_id = mn.user_id
    where mn.user_id = ${u} and mn.kind = 'here' and m.deleted_at is null
      and ${noRow} and ${notMuted("mn.room_id", s.mutedRooms)}`;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function normalize(r: ItemRow): ItemRow {
  return {
    ...r,
    seq: num(r.seq),
    thread_seq: num(r.thread_seq),
    created_at: Number(r.created_at),
    read_at: num(r.read_at),
    snoozed_until: num(r.snoozed_until),
    room_read: num(r.room_read),
    thread_read: num(r.thread_read),
  };
}

export async function readAllMark(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom("notification_marks")
    .select("read_all_at")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return r ? Number(r.read_all_at) : Number.NEGATIVE_INFINITY;
}

export function isRead(r: ItemRow, readAllAt: number): boolean {
  if (r.read_at !== null || r.created_at <= readAllAt) return true;
  if (r.seq !== null && r.room_read !== null && r.room_read >= r.seq) return true;
  return r.thread_seq !== null && r.thread_read !== null && r.thread_read >= r.thread_seq;
}

export interface Cursor {
  at: number;
  id: string;
}

/** The inbox's filters and the item types each shows. */
export const FILTER_TYPES = {
  mentions: ["mention", "keyword", "group"],
  threads: ["thread"],
  support: ["support"],
  calls: ["call"],
} as const satisfies Record<string, readonly NotificationType[]>;
export type InboxFilter = keyof typeof FILTER_TYPES;

/** Newest first; snoozed items are hidden until their time comes. */
export async function listItems(
  db: Db,
  s: Scope,
  now: number,
  limit: number,
  before: Cursor | null,
  filter: InboxFilter | null = null,
) {
  const after = before
    ? sql`and (items.created_at < ${before.at} or (items.created_at = ${before.at} and items.id < ${before.id}))`
    : sql``;
  const only = filter
    ? sql`and items.type in (${sql.join(FILTER_TYPES[filter].map((t) => sql`${t}`))})`
    : sql``;
  const res = await sql<ItemRow>`
    select items.*, msg.text as text from (${union(s)}) items
    left join messages msg on msg.id = items.message_id
    where (items.snoozed_until is null or items.snoozed_until <= ${now}) ${after} ${only}
    order by items.created_at desc, items.id desc
    limit ${limit + 1}`.execute(db);
  const rows = res.rows.map(normalize);
  const more = rows.length > limit;
  return { rows: rows.slice(0, limit), more };
}

export async function unreadCount(db: Db, s: Scope, now: number, readAllAt: number): Promise<number> {
  const mark = Number.isFinite(readAllAt) ? readAllAt : -1;
  const res = await sql<{ n: number | string }>`
    select count(*) as n from (${union(s)}) items
    where (items.snoozed_until is null or items.snoozed_until <= ${now})
      and items.read_at is null and items.created_at > ${mark} and not ${readByPosition}`.execute(db);
  return Number(res.rows[0]?.n ?? 0);
}

/**
 * Where the unread items point: per room the newest unread item's room sequence, per thread the newest unread
 * item's thread sequence. "Mark all as read" reads the messages up to there, as opening each item would.
 */
export async function unreadTargets(db: Db, s: Scope, now: number, readAllAt: number) {
  const mark = Number.isFinite(readAllAt) ? readAllAt : -1;
  const unread = sql`(${union(s)}) items
    where (items.snoozed_until is null or items.snoozed_until <= ${now})
      and items.read_at is null and items.created_at > ${mark} and not ${readByPosition}`;
  const rooms = await sql<{ room_id: string; seq: number | string }>`
    select items.room_id, max(items.seq) as seq from ${unread} and items.seq is not null
    group by items.room_id`.execute(db);
  const threads = await sql<{ root_id: string; room_id: string; seq: number | string }>`
    select items.thread_root_id as root_id, max(items.room_id) as room_id, max(items.thread_seq) as seq
    from ${unread} and items.thread_seq is not null and items.thread_root_id is not null
    group by items.thread_root_id`.execute(db);
  return {
    rooms: rooms.rows.map((r) => ({ roomId: r.room_id, seq: Number(r.seq) })),
    threads: threads.rows.map((t) => ({ rootId: t.root_id, roomId: t.room_id, seq: Number(t.seq) })),
  };
}

/** One item of the user by id, snoozed or not; null when it is not theirs or not visible (GEN-5). */
export async function itemById(db: Db, s: Scope, id: string): Promise<ItemRow | null> {
  const res = await sql<ItemRow>`select items.* from (${union(s)}) items where items.id = ${id}`.execute(db);
  return res.rows[0] ? normalize(res.rows[0]) : null;
}
