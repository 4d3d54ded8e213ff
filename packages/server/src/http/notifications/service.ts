// Inbox actions (GEN-1): list with cursor paging, unread count, mark read / all read, snooze. A derived group
// item gets its own row (id `g.<messageId>`) only when its user reads or snoozes it by hand.
import { plainFirstLine } from "@herald/core";
import type { DomainEvent } from "../../events.ts";
import type { Services } from "../../services.ts";
import type { Db } from "../../store/db.ts";
import { markRoomRead, markThreadRead } from "../../store/reads.ts";
import { contactNames } from "../../support/store.ts";
import { badRequest, notFound } from "../errors.ts";
import { loadAdminSettings, roomPrefsOf } from "../preferences/resolve.ts";
import { item } from "./items.ts";
import type { Cursor, InboxFilter, ItemRow, Scope } from "./query.ts";
import { isRead, itemById, listItems, readAllMark, unreadCount, unreadTargets } from "./query.ts";

export async function scopeOf(db: Db, userId: string): Promise<Scope> {
  const settings = await loadAdminSettings(db);
  const rooms = await db
    .selectFrom("memberships")
    .select(["room_id", "prefs"])
    .where("user_id", "=", userId)
    .where("prefs", "!=", "{}")
    .execute();
  const saved = rooms.filter((r) => roomPrefsOf(r.prefs, settings).muteGroupMentions).map((r) => r.room_id);
  // PRF-37 with an admin default of "muted" applies to rooms with no saved prefs too.
  if (roomPrefsOf("{}", settings).muteGroupMentions) {
    const all = await db
      .selectFrom("memberships")
      .select(["room_id", "prefs"])
      .where("user_id", "=", userId)
      .execute();
    return {
      userId,
      mutedRooms: all.filter((r) => roomPrefsOf(r.prefs, settings).muteGroupMentions).map((r) => r.room_id),
    };
  }
  return { userId, mutedRooms: saved };
}

export function itemView(r: ItemRow, readAllAt: number, contactName?: string) {
  return {
    id: r.id,
    type: r.type,
    event: r.event,
    roomId: r.room_id,
    messageId: r.message_id,
    threadId: r.thread_root_id,
    conversationId: r.conversation_id,
    // A support item names its contact: the actor of a contact's message or new conversation is the contact.
    ...(r.conversation_id ? { contactName: contactName ?? null } : {}),
    callId: r.call_id,
    actorId: r.actor_id,
    createdAt: r.created_at,
    read: isRead(r, readAllAt),
    snoozedUntil: r.snoozed_until,
    // DSK-4: the same plain first line a banner shows (Markdown removed), from core.
    preview: r.text ? plainFirstLine(r.text) : null,
  };
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id])).toString("base64url");
}

export function decodeCursor(s: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && Number.isSafeInteger(v[0]) && typeof v[1] === "string" && v[1].length <= 200)
      return { at: v[0], id: v[1] };
  } catch {
    // falls through to the 400 below
  }
  throw badRequest("invalid_field", "cursor is not one this server gave out", "cursor");
}

export async function listInbox(
  services: Services,
  userId: string,
  limit: number,
  cursor: string | null,
  filter: InboxFilter | null = null,
) {
  const { db } = services.store;
  const before = cursor ? decodeCursor(cursor) : null;
  const scope = await scopeOf(db, userId);
  const mark = await readAllMark(db, userId);
  const { rows, more } = await listItems(db, scope, services.clock.now(), limit, before, filter);
  const last = rows[rows.length - 1];
  const contacts = await contactNames(
    db,
    rows.flatMap((r) => (r.conversation_id ? [r.conversation_id] : [])),
  );
  return {
    items: rows.map((r) =>
      itemView(r, mark, r.conversation_id ? contacts.get(r.conversation_id) : undefined),
    ),
    nextCursor: more && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
  };
}

export async function inboxUnread(services: Services, userId: string): Promise<number> {
  const { db } = services.store;
  const scope = await scopeOf(db, userId);
  return unreadCount(db, scope, services.clock.now(), await readAllMark(db, userId));
}

async function mine(services: Services, userId: string, id: string): Promise<ItemRow> {
  const found = await itemById(services.store.db, await scopeOf(services.store.db, userId), id);
  if (!found) throw notFound("notification_not_found", "no such notification");
  return found;
}

/** Updates the user's row, or materializes a derived group item with the change applied. */
async function change(
  services: Services,
  userId: string,
  r: ItemRow,
  set: { read_at?: number; snoozed_until?: number | null },
) {
  const { db } = services.store;
  const updated = await db
    .updateTable("notifications")
    .set(set)
    .where("user_id", "=", userId)
    .where("id", "=", r.id)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  const row = item(userId, "group", r.created_at, {
    id: r.id,
    room_id: r.room_id,
    message_id: r.message_id,
    seq: r.seq,
    thread_root_id: r.thread_root_id,
    thread_seq: r.thread_seq,
    actor_id: r.actor_id,
    ...set,
  });
  await db
    .insertInto("notifications")
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function markItemRead(services: Services, userId: string, id: string) {
  const r = await mine(services, userId, id);
  if (r.read_at === null) await change(services, userId, r, { read_at: services.clock.now() });
  return { id, read: true };
}

export async function snoozeItem(services: Services, userId: string, id: string, until: number) {
  const now = services.clock.now();
  if (until <= now) throw badRequest("invalid_field", "until must be in the future", "until");
  const r = await mine(services, userId, id);
  await change(services, userId, r, { snoozed_until: until });
  return { id, snoozedUntil: until };
}

/**
 * Every row read, plus a watermark that reads every derived item up to now. The messages the unread items
 * point at are read too, up to the newest one per room and per thread — as opening each item would — so the
 * title, the sidebar rows and the inbox count drop together (each moved position is a read event every tab
 * hears).
 */
export async function readAllItems(services: Services, userId: string) {
  const { db } = services.store;
  const now = services.clock.now();
  const targets = await unreadTargets(db, await scopeOf(db, userId), now, await readAllMark(db, userId));
  const events: DomainEvent[] = [];
  for (const r of targets.rooms) {
    const seq = await markRoomRead(db, r.roomId, userId, r.seq);
    if (seq !== null) events.push({ type: "room.read", at: now, userId, roomId: r.roomId, seq });
  }
  for (const t of targets.threads) {
    const seq = await markThreadRead(db, t.rootId, userId, t.seq);
    events.push({ type: "thread.read", at: now, userId, roomId: t.roomId, rootId: t.rootId, seq });
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("notifications")
      .set({ read_at: now })
      .where("user_id", "=", userId)
      .where("read_at", "is", null)
      .execute();
    await trx
      .insertInto("notification_marks")
      .values({ user_id: userId, read_all_at: now })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ read_all_at: now }))
      .execute();
  });
  if (events.length > 0) await services.hooks.afterCommit(events);
  return { ok: true };
}
