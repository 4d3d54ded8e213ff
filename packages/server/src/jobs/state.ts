// Fresh recipient state for a batch of claimed rows, read as one page (page.ts: one statement on PostgreSQL, never
// a query per recipient): users, memberships, messages, thread reads, ignores, rooms, plus activity from the
// gateway's presence (PRS-7) through the ActivitySource port, and for PRF-17 "always" what the user's focused
// windows show (DSK-2) through the ViewSource port.
import {
  type AccountPreferences,
  type ActivityFacts,
  type AdminSettings,
  activityFacts,
  type RecipientState,
  resolvePreferences,
  resolveRoomPreferences,
  viewShowsMessage,
  type WindowView,
} from "@herald/core";
import type { ViewSource } from "../decisions/activity.ts";
import type { ActivitySource } from "../decisions/state.ts";
import type { Db } from "../store/db.ts";
import type { UsersTable } from "../store/schema/accounts.ts";
import type { PushSubscriptionsTable } from "../store/schema/deliveries.ts";
import type { MessagesTable } from "../store/schema/messages.ts";
import type { RoomsTable } from "../store/schema/rooms.ts";
import { type Page, readPage } from "./page.ts";
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
  /** The page's users' account preferences, resolved once. */
  accounts: Map<string, AccountPreferences>;
  /** Push subscriptions of the users of `loadState`'s `subscribers` rows. */
  subscriptions: Map<string, PushSubscriptionsTable[]>;
}

export async function loadState(
  db: Db,
  rows: readonly DeliveryRow[],
  admin: AdminSettings,
  activity: ActivitySource | undefined,
  views?: ViewSource,
  /** Rows whose users' push subscriptions are read with the rest (`subscriptions`). */
  subscribers: readonly DeliveryRow[] = [],
  /** The page, when read already for these rows (a PostgreSQL claim reads it with them). */
  read?: Page,
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
  const subscriberIds = new Set<string>();
  for (const r of subscribers) if (r.user_id) subscriberIds.add(r.user_id);
  const page =
    read ??
    (await readPage(db, {
      users: [...userIds],
      messages: [...messageIds],
      rooms: [...roomIds],
      roots: [...roots],
      subscribers: [...subscriberIds],
    }));
  const subscriptions = new Map<string, PushSubscriptionsTable[]>();
  for (const s of page.subscriptions) {
    const list = subscriptions.get(s.user_id);
    if (list) list.push(s);
    else subscriptions.set(s.user_id, [s]);
  }
  const loaded: Loaded = {
    admin,
    users: new Map(page.users.map((u) => [u.id, u])),
    messages: new Map(page.messages.map((m) => [m.id, m])),
    rooms: new Map(page.rooms.map((r) => [r.id, r])),
    members: new Map(page.members.map((m) => [`${m.room_id}:${m.user_id}`, m])),
    threadReads: new Map(page.threads.map((t) => [`${t.root_id}:${t.user_id}`, t.last_read_seq])),
    ignores: new Set(page.ignores.map((i) => `${i.user_id}:${i.ignored_id}`)),
    activity: new Map(),
    views: new Map(),
    accounts: new Map(),
    subscriptions,
  };
  for (const id of userIds) {
    const u = loaded.users.get(id);
    if (!u) continue;
    const account = resolvePreferences(parseJson(u.prefs), admin.defaults.account);
    loaded.accounts.set(id, account);
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
  const account = l.accounts.get(u.id) ?? resolvePreferences(parseJson(u.prefs), l.admin.defaults.account);
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
