// Fresh recipient state for a batch of claimed rows, loaded with a handful of IN-queries per batch (never a
// query per recipient): users, memberships, messages, thread reads, ignores, rooms, plus activity from the
// gateway's presence (PRS-7) through the ActivitySource port, and for PRF-17 "always" what the user's focused
// windows show (DSK-2) through the ViewSource port.
import {
  type ActivityFacts,
  type AdminSettings,
  activityFacts,
  type RecipientState,
  resolvePreferences,
  resolveRoomPreferences,
  viewShowsMessage,
  type WindowView,
} from "@herald/core";
import { type SqlBool, sql } from "kysely";
import type { ViewSource } from "../decisions/activity.ts";
import type { ActivitySource } from "../decisions/state.ts";
import type { Db } from "../store/db.ts";
import type { UsersTable } from "../store/schema/accounts.ts";
import type { MessagesTable } from "../store/schema/messages.ts";
import type { RoomsTable } from "../store/schema/rooms.ts";
import type { DeliveryRow } from "./rows.ts";

/** What the senders of pushes and emails read of a room. */
export type LoadedRoom = Pick<RoomsTable, "id" | "name" | "kind">;

export interface Loaded {
  admin: AdminSettings;
  users: Map<string, UsersTable>;
  messages: Map<string, MessagesTable>;
  rooms: Map<string, LoadedRoom>;
  /** `${roomId}:${userId}` → membership (last read, saved prefs). */
  members: Map<string, { last_read_seq: number; prefs: string }>;
  /** `${rootId}:${userId}` → thread read position. */
  threadReads: Map<string, number>;
  /** `${userId}:${ignoredId}`. */
  ignores: Set<string>;
  activity: Map<string, ActivityFacts>;
  /** What the user's focused windows show (DSK-2), loaded only for users who push "always" (PRF-17). */
  views: Map<string, WindowView[]>;
}

const chunks = <T>(xs: T[], n = 400): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

async function byIds<T>(ids: Set<string>, load: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const c of chunks([...ids])) if (c.length) out.push(...(await load(c)));
  return out;
}

export async function loadState(
  db: Db,
  rows: readonly DeliveryRow[],
  admin: AdminSettings,
  activity: ActivitySource | undefined,
  views?: ViewSource,
): Promise<Loaded> {
  const userIds = new Set<string>();
  const messageIds = new Set<string>();
  const roomIds = new Set<string>();
  const roots = new Set<string>();
  for (const r of rows) {
    if (r.user_id) userIds.add(r.user_id);
    if (r.message_id) messageIds.add(r.message_id);
    if (r.room_id) roomIds.add(r.room_id);
    if (r.thread_root_id) roots.add(r.thread_root_id);
  }
  // One table after another, not all at once: the worker shares the machine with the post path, and a page's
  // reads sent together on separate connections raised the posts' latency more than they saved here.
  const messages = await byIds(messageIds, (ids) =>
    db.selectFrom("messages").selectAll().where("id", "in", ids).execute(),
  );
  const senders = new Set<string>();
  for (const m of messages) if (m.sender_id) senders.add(m.sender_id);
  const users = await byIds(new Set([...userIds, ...senders]), (ids) =>
    db.selectFrom("users").selectAll().where("id", "in", ids).execute(),
  );
  // A page's memberships carry their room's name and kind, and — when the page has one sender, as a keyword hit
  // or a mention has — whether the member ignores that sender: one statement where there were three. Core
  // needs a room and an ignore only where the membership exists (no membership: GEN-5), so only rooms that no
  // member of the page is in, or ignores for rows without a room or with several senders, are read apart.
  const sender = senders.size === 1 ? [...senders][0] : undefined;
  const members = await byIds(userIds, (ids) =>
    db
      .selectFrom("memberships as m")
      .innerJoin("rooms as r", "r.id", "m.room_id")
      .select(["m.room_id", "m.user_id", "m.last_read_seq", "m.prefs", "r.name", "r.kind"])
      .select((eb) =>
        sender === undefined
          ? sql<SqlBool | null>`null`.as("ignores_sender")
          : eb
              .exists(
                eb
                  .selectFrom("ignores as i")
                  .select(sql`1`.as("one"))
                  .whereRef("i.user_id", "=", "m.user_id")
                  .where("i.ignored_id", "=", sender),
              )
              .$castTo<SqlBool | null>()
              .as("ignores_sender"),
      )
      .where("m.user_id", "in", ids)
      .where("m.room_id", "in", [...roomIds])
      .execute(),
  );
  const roomOf = new Map<string, LoadedRoom>();
  for (const m of members) roomOf.set(m.room_id, { id: m.room_id, name: m.name, kind: m.kind });
  const roomsApart = new Set([...roomIds].filter((id) => !roomOf.has(id)));
  const rooms = await byIds(roomsApart, (ids) =>
    db.selectFrom("rooms").select(["id", "name", "kind"]).where("id", "in", ids).execute(),
  );
  for (const r of rooms) roomOf.set(r.id, r);
  const threads = roots.size
    ? await byIds(userIds, (ids) =>
        db
          .selectFrom("thread_follows")
          .select(["root_id", "user_id", "last_read_seq"])
          .where("user_id", "in", ids)
          .where("root_id", "in", [...roots])
          .execute(),
      )
    : [];
  const ignoresApart =
    senders.size > 0 && (sender === undefined || rows.some((r) => r.user_id && !r.room_id));
  const ignores = ignoresApart
    ? await byIds(userIds, (ids) =>
        db
          .selectFrom("ignores")
          .select(["user_id", "ignored_id"])
          .where("user_id", "in", ids)
          .where("ignored_id", "in", [...senders])
          .execute(),
      )
    : members
        // PostgreSQL answers EXISTS with a boolean, SQLite with 0 / 1.
        .filter((m) => sender !== undefined && m.ignores_sender !== null && Number(m.ignores_sender) !== 0)
        .map((m) => ({ user_id: m.user_id, ignored_id: sender as string }));
  const loaded: Loaded = {
    admin,
    users: new Map(users.map((u) => [u.id, u])),
    messages: new Map(messages.map((m) => [m.id, m])),
    rooms: roomOf,
    members: new Map(members.map((m) => [`${m.room_id}:${m.user_id}`, m])),
    threadReads: new Map(threads.map((t) => [`${t.root_id}:${t.user_id}`, t.last_read_seq])),
    ignores: new Set(ignores.map((i) => `${i.user_id}:${i.ignored_id}`)),
    activity: new Map(),
    views: new Map(),
  };
  for (const id of userIds) {
    const u = loaded.users.get(id);
    if (!u) continue;
    const account = resolvePreferences(parseJson(u.prefs), admin.defaults.account);
    const known = activity ? await activity(id, account, u.presence_choice) : null;
    // No connection known: the user has had no desktop/web connection for 30 s (PRS-7), so inactive.
    loaded.activity.set(id, known ?? activityFacts([], {}, account, u.presence_choice));
    // Only PRF-17 "always" depends on the view (the other choices wait for inactivity or absence).
    if (views && account.pushWhen === "always") loaded.views.set(id, await views(id));
  }
  return loaded;
}

/** Core's RecipientState for one row, or null when the user or the membership is gone. */
export function recipientState(l: Loaded, row: DeliveryRow): RecipientState | null {
  const u = row.user_id ? l.users.get(row.user_id) : undefined;
  if (!u || u.active !== 1) return null;
  const mb = row.room_id ? l.members.get(`${row.room_id}:${u.id}`) : undefined;
  if (row.room_id && !mb) return null;
  const msg = row.message_id ? l.messages.get(row.message_id) : undefined;
  const account = resolvePreferences(parseJson(u.prefs), l.admin.defaults.account);
  const alsoInRoom = row.thread_root_id !== null && (row.seq ?? 0) > 0;
  const inView = (l.views.get(u.id) ?? []).some(
    (v) => row.room_id !== null && viewShowsMessage(v, row.room_id, row.thread_root_id, alsoInRoom),
  );
  return {
    lastReadSeq: mb?.last_read_seq ?? 0,
    threadReadSeq: row.thread_root_id ? (l.threadReads.get(`${row.thread_root_id}:${u.id}`) ?? null) : null,
    messageDeleted: !!msg?.deleted_at || (row.message_id !== null && !msg),
    ignoresSender: !!msg?.sender_id && l.ignores.has(`${u.id}:${msg.sender_id}`),
    activity: l.activity.get(u.id) ?? activityFacts([], {}, account, u.presence_choice),
    status: { manual: u.presence_choice, busy: u.dnd_on ? { until: u.dnd_until } : null },
    account,
    room: resolveRoomPreferences(parseJson(mb?.prefs ?? "{}"), l.admin.defaults.room),
    admin: l.admin,
    timezone: u.timezone,
    hasEmail: !!u.email,
    emailVerified: u.email_verified === 1,
    inView,
  };
}

export function parseJson<T>(text: string | null | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
