// Writing inbox items (GEN-1). Message items are written inside the message transaction by a PostHook, for the
// recipients core gives a personal item (dm, mention, keyword, thread): O(number notified), never a row per
// room member.
// @all/@here items are derived at read time (query.ts). Support and call items go through insertItems.
import type { Trigger } from "@herald/core";
import type { DomainEvent, PostHook } from "../../events.ts";
import { newId } from "../../ids.ts";
import { decidePersonal } from "../../jobs/personal.ts";
import type { Services } from "../../services.ts";
import type { Tx } from "../../store/db.ts";
import type { NotificationsTable, NotificationType } from "../../store/schema/notifications.ts";
import { deferItems, insertItems } from "../../store/tx-writes.ts";

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

// Written where the store's other in-transaction writes are collected (tx-writes.ts); exported from here for
// the support and call items.
export { insertItems };

type Created = Extract<DomainEvent, { type: "message.created" }>;
type Updated = Extract<DomainEvent, { type: "message.updated" }>;

/** The item types written here; a `group` item is derived at read time from the message's group row. */
const PERSONAL: readonly NotificationType[] = ["dm", "mention", "keyword", "thread"];
const personalType = (t: Trigger | null) => PERSONAL.find((p) => p === t) ?? null;

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

/**
 * GEN-1: an item for each recipient core gives one (its `inbox`: the recipient's trigger, TRG-1; none for
 * `all`, for an ignorer (MEN-6), for a gdm member overridden to mentions on a plain message, and on an edit
 * none but the newly personal, TRG-3). The same decision the outbox writes its rows from (personal.ts).
 */
async function onMessage(trx: Tx, ev: Created | Updated): Promise<void> {
  const { candidacy } = await decidePersonal(trx, ev);
  const items: NewItem[] = [];
  for (const c of candidacy) {
    const type = personalType(c.inbox);
    if (type) items.push(messageItem(ev, c.userId, type));
  }
  // Inserted with the outbox rows once every hook has run: one statement on PostgreSQL (tx-writes.ts).
  deferItems(trx, items);
}

export function inboxHook(): PostHook {
  return {
    async inTransaction(trx, ev) {
      if (ev.type === "message.created" || ev.type === "message.updated") await onMessage(trx, ev);
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
