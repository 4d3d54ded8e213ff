// What a page of claimed rows needs from the store — its messages, their senders and the rows' users, the
// users' memberships, rooms, thread reads and ignores of the senders, and (push pages) the users' push
// subscriptions — read with statements compiled once: the id lists are one array parameter, so a page of one
// row and a page of 400 send the same SQL. PostgreSQL answers everything in ONE statement (each table a JSON
// array), where a keyword hit's push was five round trips on the connections the posts use; SQLite runs in
// process, one prepared statement per table.
import { CompiledQuery, PostgresAdapter } from "kysely";
import type { Db } from "../store/db.ts";
import { namedStatement } from "../store/prepared.ts";
import type { UsersTable } from "../store/schema/accounts.ts";
import type { PushSubscriptionsTable } from "../store/schema/deliveries.ts";
import type { MessagesTable } from "../store/schema/messages.ts";
import type { RoomsTable } from "../store/schema/rooms.ts";

/** Ids a page reads by. */
export interface PageKeys {
  users: readonly string[];
  messages: readonly string[];
  rooms: readonly string[];
  /** Thread roots: the users' read positions in them. */
  roots: readonly string[];
  /** Users whose push subscriptions are read. */
  subscribers: readonly string[];
}

export interface Page {
  messages: MessagesTable[];
  /** The page's users and the senders of its messages. */
  users: UsersTable[];
  /** Memberships of the page's users in the page's rooms. */
  members: { room_id: string; user_id: string; last_read_seq: number; prefs: string }[];
  rooms: Pick<RoomsTable, "id" | "name" | "kind">[];
  threads: { root_id: string; user_id: string; last_read_seq: number }[];
  /** The page's users' ignores of its messages' senders (MEN-6). */
  ignores: { user_id: string; ignored_id: string }[];
  subscriptions: PushSubscriptionsTable[];
}

/** SQL expressions (text[]) of a page's keys, as PageKeys names them. */
export type PgKeys = Record<keyof PageKeys, string>;

/**
 * The page on PostgreSQL as CTEs and the select's columns, over key arrays given as SQL expressions (parameters,
 * or the claim's own rows: queue.ts). Each table is a JSON array: every value the rows' types hold (text, integer,
 * bigint, null) comes back as the driver gives it for a plain select (bigint as a number: store/postgres.ts). A
 * whole row is aggregated (`json_agg(m)`), not `m.*`, so a column added by a migration changes no prepared
 * result type.
 */
export function pgPage(k: PgKeys): { ctes: string; columns: string } {
  return {
    ctes: `page_messages as (select * from messages where id = any(${k.messages})),
page_senders as (select distinct sender_id as id from page_messages where sender_id is not null)`,
    columns: `(select coalesce(json_agg(m), '[]') from page_messages m) as messages,
  (select coalesce(json_agg(u), '[]') from users u
    where u.id in (select unnest(${k.users}) union select id from page_senders)) as users,
  (select coalesce(json_agg(json_build_object('room_id', mb.room_id, 'user_id', mb.user_id,
      'last_read_seq', mb.last_read_seq, 'prefs', mb.prefs)), '[]')
    from memberships mb where mb.user_id = any(${k.users}) and mb.room_id = any(${k.rooms})) as members,
  (select coalesce(json_agg(json_build_object('id', r.id, 'name', r.name, 'kind', r.kind)), '[]')
    from rooms r where r.id = any(${k.rooms})) as rooms,
  (select coalesce(json_agg(json_build_object('root_id', t.root_id, 'user_id', t.user_id,
      'last_read_seq', t.last_read_seq)), '[]')
    from thread_follows t where t.user_id = any(${k.users}) and t.root_id = any(${k.roots})) as threads,
  (select coalesce(json_agg(json_build_object('user_id', i.user_id, 'ignored_id', i.ignored_id)), '[]')
    from ignores i where i.user_id = any(${k.users}) and i.ignored_id in (select id from page_senders)) as ignores,
  (select coalesce(json_agg(s), '[]') from push_subscriptions s
    where s.user_id = any(${k.subscribers})) as subscriptions`,
  };
}

const pgByParameters = pgPage({
  users: "$1::text[]",
  messages: "$2::text[]",
  rooms: "$3::text[]",
  roots: "$4::text[]",
  subscribers: "$5::text[]",
});
const PG_PAGE = `with ${pgByParameters.ctes}\nselect ${pgByParameters.columns}`;
namedStatement(PG_PAGE);

// SQLite: a JSON array of ids is one parameter (json_each), so each text is prepared once by the adapter.
const IDS = "select value from json_each(?)";
const SQLITE = {
  messages: `select * from messages where id in (${IDS})`,
  users: `select * from users where id in (${IDS})`,
  members: `select room_id, user_id, last_read_seq, prefs from memberships where user_id in (${IDS}) and room_id in (${IDS})`,
  rooms: `select id, name, kind from rooms where id in (${IDS})`,
  threads: `select root_id, user_id, last_read_seq from thread_follows where user_id in (${IDS}) and root_id in (${IDS})`,
  ignores: `select user_id, ignored_id from ignores where user_id in (${IDS}) and ignored_id in (${IDS})`,
  subscriptions: `select * from push_subscriptions where user_id in (${IDS})`,
};

async function sqliteRows<T>(db: Db, text: string, ...lists: (readonly string[])[]): Promise<T[]> {
  if (lists.some((l) => l.length === 0)) return [];
  const r = await db.executeQuery<T>(
    CompiledQuery.raw(
      text,
      lists.map((l) => JSON.stringify(l)),
    ),
  );
  return r.rows;
}

export async function readPage(db: Db, k: PageKeys): Promise<Page> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const r = await db.executeQuery<Page>(
      CompiledQuery.raw(PG_PAGE, [k.users, k.messages, k.rooms, k.roots, k.subscribers]),
    );
    return r.rows[0];
  }
  const messages = await sqliteRows<MessagesTable>(db, SQLITE.messages, k.messages);
  const senders = [...new Set(messages.flatMap((m) => (m.sender_id ? [m.sender_id] : [])))];
  return {
    messages,
    users: await sqliteRows(db, SQLITE.users, [...new Set([...k.users, ...senders])]),
    members: await sqliteRows(db, SQLITE.members, k.users, k.rooms),
    rooms: await sqliteRows(db, SQLITE.rooms, k.rooms),
    threads: await sqliteRows(db, SQLITE.threads, k.users, k.roots),
    ignores: await sqliteRows(db, SQLITE.ignores, k.users, senders),
    subscriptions: await sqliteRows(db, SQLITE.subscriptions, k.subscribers),
  };
}
