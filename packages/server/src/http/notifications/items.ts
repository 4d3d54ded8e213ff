// Writing inbox items (GEN-1). Message items are written inside the message transaction by a PostHook, for the
// personal triggers only (dm, mention, keyword, thread): O(number notified), never a row per room member.
// @all/@here items are derived at read time (query.ts). Support and call items go through insertItems.
import type { DomainEvent, PostHook } from "../../events.ts";
import { newId } from "../../ids.ts";
import type { Services } from "../../services.ts";
import type { Tx } from "../../store/db.ts";
import type { NotificationsTable, NotificationType } from "../../store/schema/notifications.ts";

export type NewItem = NotificationsTable;

export function item(
  userId: string,
  type: NotificationType,
  at: number,
  fields: Partial<Omit<NewItem, "user_id" | "type" | "created_at">> = {},
): NewItem {
  return {
    user_id: userId,
    id: fields.id ?? newId(),
    type,
    event: null,
    room_id: null,
    message_id: null,
    seq: null,
    thread_root_id: null,
    thread_seq: null,
    conversation_id: null,
    call_id: null,
    actor_id: null,
    read_at: null,
    snoozed_until: null,
    ...fields,
    created_at: at,
  };
}

/** Inserts items; an existing (user, message) item wins, so the first trigger of TRG-1's order stays. */
export async function insertItems(trx: Tx, items: NewItem[]): Promise<void> {
  for (let i = 0; i < items.length; i += 200) {
    await trx
      .insertInto("notifications")
      .values(items.slice(i, i + 200))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

type Created = Extract<DomainEvent, { type: "message.created" }>;
type Updated = Extract<DomainEvent, { type: "message.updated" }>;

/** TRG-1 order for the personal triggers; group and all write nothing here. */
async function recipients(trx: Tx, ev: Created): Promise<Map<string, NotificationType>> {
  const out = new Map<string, NotificationType>();
  const sender = ev.message.senderId;
  const add = (u: string, t: NotificationType) => {
    if (u !== sender && !out.has(u)) out.set(u, t);
  };
  if (ev.room.kind === "dm" || ev.room.kind === "gdm") {
    const members = await trx
      .selectFrom("memberships")
      .select("user_id")
      .where("room_id", "=", ev.room.id)
      .execute();
    for (const m of members) add(m.user_id, "dm");
    return out;
  }
  for (const u of ev.mentions.users) add(u, "mention");
  for (const u of ev.mentions.keywords) add(u, "keyword");
  if (ev.message.threadRootId) for (const u of ev.threadFollowers) add(u, "thread");
  return out;
}

/** MEN-6: users who ignore the sender get no item. One query over the (small) recipient set. */
async function dropIgnoring(trx: Tx, senderId: string | null, users: Map<string, NotificationType>) {
  if (!senderId || users.size === 0) return;
  const rows = await trx
    .selectFrom("ignores")
    .select("user_id")
    .where("ignored_id", "=", senderId)
    .where("user_id", "in", [...users.keys()])
    .execute();
  for (const r of rows) users.delete(r.user_id);
}

function messageItem(ev: Created | Updated, userId: string, type: NotificationType): NewItem {
  const m = ev.message;
  return item(userId, type, ev.at, {
    room_id: m.roomId,
    message_id: m.id,
    seq: m.inRoom ? m.seq : null,
    thread_root_id: m.threadRootId,
    thread_seq: m.threadSeq,
    actor_id: m.senderId,
  });
}

async function onCreated(trx: Tx, ev: Created): Promise<void> {
  // Conversations notify through support events (SUP-2 … SUP-7); system messages notify nobody (TRG-3).
  if (ev.room.kind === "conversation" || ev.message.kind === "system") return;
  const users = await recipients(trx, ev);
  await dropIgnoring(trx, ev.message.senderId, users);
  await insertItems(
    trx,
    [...users].map(([u, t]) => messageItem(ev, u, t)),
  );
}

/** TRG-3: an edit notifies only users newly mentioned by it. */
async function onUpdated(trx: Tx, ev: Updated): Promise<void> {
  if (ev.room.kind === "conversation" || ev.room.kind === "dm" || ev.room.kind === "gdm") return;
  const users = new Map<string, NotificationType>();
  for (const u of ev.newMentions.users) if (u !== ev.message.senderId) users.set(u, "mention");
  for (const u of ev.newMentions.keywords)
    if (!users.has(u) && u !== ev.message.senderId) users.set(u, "keyword");
  await dropIgnoring(trx, ev.message.senderId, users);
  await insertItems(
    trx,
    [...users].map(([u, t]) => messageItem(ev, u, t)),
  );
}

export function inboxHook(): PostHook {
  return {
    async inTransaction(trx, ev) {
      if (ev.type === "message.created") await onCreated(trx, ev);
      else if (ev.type === "message.updated") await onUpdated(trx, ev);
      // TRG-3: a deleted message removes its items (group items vanish with its group_mentions rows).
      else if (ev.type === "message.deleted")
        await trx.deleteFrom("notifications").where("message_id", "=", ev.message.id).execute();
    },
  };
}

const installed = new WeakSet<Services>();

/** Adds the inbox hook once per Services (route modules may be registered by more than one app). */
export function installInboxHook(services: Services): void {
  if (installed.has(services)) return;
  installed.add(services);
  services.hooks.add(inboxHook());
}
