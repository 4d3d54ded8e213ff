// Search: messages by their words (full text: SQLite FTS5 or PostgreSQL's text search, migration 0015), people
// by name, channels by name. Every answer holds only what the caller may read (GEN-5): messages of rooms they
// are a member of — the same test as visibleRoom's member check — and, among channels, public ones they may
// join. Newest message first; pages go on from a (time, id) cursor, so a message posted meanwhile never
// shifts the next page.
import { foldName } from "@herald/core";
import { type RawBuilder, sql } from "kysely";
import type { UserRow } from "./accounts.ts";
import type { Db, Store } from "./db.ts";
import type { RoomRow } from "./rooms.ts";
import type { MessagesTable } from "./schema/messages.ts";

/** At most this many words of a query count; more only narrow what is already a handful of messages. */
export const MAX_WORDS = 8;

/**
 * A query's words, as both stores index text: split at anything that is not a letter, mark or digit,
 * lower-cased, each once. Each word matches words that start with it ("deploy" finds "deployment").
 */
export function searchWords(q: string): string[] {
  const words =
    q
      .normalize("NFC")
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_WORDS);
}

/**
 * Where the next page starts: after the last result of this one. `key` orders the results, newest first:
 * the message's doc number in the SQLite index (the order messages were posted), its time on PostgreSQL.
 */
export interface MessageCursor {
  key: number;
  id: string;
}

export interface MessageHit {
  message: MessagesTable;
  room: Pick<RoomRow, "id" | "kind" | "name">;
  /** Who wrote it (null: a removed account), so a result reads right without one more lookup per sender. */
  sender: Pick<UserRow, "id" | "username" | "display_name"> | null;
}

export interface MessageSearch {
  userId: string;
  words: string[];
  limit: number;
  after?: MessageCursor;
  /** Only this room (still only when the caller is a member). */
  roomId?: string;
}

interface Matcher {
  /** `SELECT … FROM … WHERE <match> AND`: the message as `m`, its order key as `key`. */
  from(words: string[]): RawBuilder<unknown>;
  /** Results after a cursor, in this store's order. */
  after(c: MessageCursor): RawBuilder<unknown>;
  order: RawBuilder<unknown>;
}

/** The one way each store matches words and orders what it found; everything else in the query is shared. */
const MATCH: Record<Store["dialect"], Matcher> = {
  sqlite: {
    // FTS5: each word a quoted prefix ("deploy"*), all required. Words hold letters and digits only. Newest
    // first by doc number, which FTS5 reads in that order and stops at the page (migration 0018 keeps a doc's
    // number across edits, so it is the order messages were posted).
    from: (words) => sql`SELECT m.*, s.rowid AS key FROM message_search s
      JOIN message_search_docs d ON d.doc = s.rowid
      JOIN messages m ON m.id = d.message_id
      WHERE s.text MATCH ${words.map((w) => `"${w}"*`).join(" ")} AND`,
    after: (c) => sql`AND s.rowid < ${c.key}`,
    order: sql`ORDER BY s.rowid DESC`,
  },
  postgres: {
    // The expression of the index in migration 0015, word for word, so PostgreSQL uses it.
    from: (words) => sql`SELECT m.*, m.created_at AS key FROM messages m WHERE
      to_tsvector('simple'::regconfig, regexp_replace(m.text, '[./@:]+', ' ', 'g'))
        @@ to_tsquery('simple', ${words.map((w) => `'${w}':*`).join(" & ")})
      AND m.kind = 'user' AND`,
    after: (c) => sql`AND (m.created_at < ${c.key} OR (m.created_at = ${c.key} AND m.id < ${c.id}))`,
    order: sql`ORDER BY m.created_at DESC, m.id DESC`,
  },
};

/** One page of the messages holding every word, newest first, from rooms `userId` is a member of. */
export async function searchMessages(
  store: Store,
  s: MessageSearch,
): Promise<{ hits: MessageHit[]; next: MessageCursor | null }> {
  const match = MATCH[store.dialect];
  const after = s.after ? match.after(s.after) : sql``;
  const inRoom = s.roomId ? sql`AND m.room_id = ${s.roomId}` : sql``;
  const r = await sql<MessagesTable & { key: number }>`${match.from(s.words)}
      m.deleted_at IS NULL
      AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.room_id = m.room_id AND ms.user_id = ${s.userId})
      ${after} ${inRoom}
    ${match.order}
    LIMIT ${s.limit + 1}`.execute(store.db);
  // Rooms and senders in one query each, rather than joins in each store's FROM clause.
  const rows = r.rows.slice(0, s.limit);
  const rooms = await roomsById(store.db, [...new Set(rows.map((m) => m.room_id))]);
  const senders = await usersById(store.db, [
    ...new Set(rows.flatMap((m) => (m.sender_id ? [m.sender_id] : []))),
  ]);
  const hits = rows.flatMap((m) => {
    const room = rooms.get(m.room_id);
    const sender = (m.sender_id && senders.get(m.sender_id)) || null;
    const { key: _key, ...row } = m;
    return room ? [{ message: messageRow(row), room, sender }] : [];
  });
  const last = rows.at(-1);
  return {
    hits,
    next: r.rows.length > s.limit && last ? { key: Number(last.key), id: last.id } : null,
  };
}

async function roomsById(db: Db, ids: string[]): Promise<Map<string, MessageHit["room"]>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom("rooms").select(["id", "kind", "name"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

async function usersById(db: Db, ids: string[]): Promise<Map<string, NonNullable<MessageHit["sender"]>>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "username", "display_name"])
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((u) => [u.id, u]));
}

/** The stored row as Kysely reads it elsewhere: PostgreSQL's bigint columns come back as strings in raw SQL. */
function messageRow(row: MessagesTable): MessagesTable {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    ...row,
    seq: Number(row.seq),
    thread_seq: num(row.thread_seq),
    in_room: Number(row.in_room),
    created_at: Number(row.created_at),
    edited_at: num(row.edited_at),
    deleted_at: num(row.deleted_at),
  };
}

/** Escapes LIKE's wildcards with `\`, which SQLite only honours when told (ESCAPE). */
const likeText = (t: string) => t.replace(/[\\%_]/g, (c) => `\\${c}`);
const like = (column: string, pattern: string) =>
  sql<boolean>`lower(${sql.ref(column)}) LIKE ${pattern} ESCAPE '\\'`;

/**
 * Active people whose username (folded, §1: `jos` finds `José`) or display name starts with `q`, or whose
 * display name has a word starting with it; by username. `after`: the last username of the previous page.
 */
export async function searchPeople(
  db: Db,
  q: string,
  limit: number,
  after?: string,
): Promise<{ users: UserRow[]; next: string | null }> {
  const name = `${likeText(foldName(q))}%`;
  const display = likeText(q.toLowerCase());
  let query = db
    .selectFrom("users")
    .selectAll()
    .where("active", "=", 1)
    .where((eb) =>
      eb.or([
        like("username_lower", name),
        like("display_name", `${display}%`),
        like("display_name", `% ${display}%`),
      ]),
    );
  if (after !== undefined) query = query.where("username_lower", ">", after);
  const rows = await query
    .orderBy("username_lower")
    .limit(limit + 1)
    .execute();
  const users = rows.slice(0, limit);
  return { users, next: rows.length > limit ? (users.at(-1)?.username_lower ?? null) : null };
}

export interface ChannelHit {
  room: RoomRow;
  member: boolean;
}

/**
 * Channels and private groups whose name holds `q`: public channels whether or not the caller is in them
 * (anyone may join one), private groups only when a member (GEN-5); by name. `after`: the previous page's last
 * (name, id).
 */
export async function searchChannels(
  db: Db,
  userId: string,
  q: string,
  limit: number,
  after?: { name: string; id: string },
): Promise<{ channels: ChannelHit[]; next: { name: string; id: string } | null }> {
  let query = db
    .selectFrom("rooms")
    .leftJoin("memberships", (j) =>
      j.onRef("memberships.room_id", "=", "rooms.id").on("memberships.user_id", "=", userId),
    )
    .selectAll("rooms")
    .select("memberships.user_id as member_id")
    .where((eb) =>
      eb.or([
        eb("rooms.kind", "=", "channel"),
        eb.and([eb("rooms.kind", "=", "group"), eb("memberships.user_id", "is not", null)]),
      ]),
    )
    .where(like("rooms.name", `%${likeText(q.toLowerCase())}%`));
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb("rooms.name", ">", after.name),
        eb.and([eb("rooms.name", "=", after.name), eb("rooms.id", ">", after.id)]),
      ]),
    );
  const rows = await query
    .orderBy("rooms.name")
    .orderBy("rooms.id")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    channels: page.map(({ member_id, ...room }) => ({ room, member: member_id !== null })),
    next: rows.length > limit && last ? { name: last.name, id: last.id } : null,
  };
}
