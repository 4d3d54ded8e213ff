// Edit (TRG-3: only users newly mentioned by the edit count) and delete (TRG-3: hooks let the scheduler cancel
// pending push/email and the inbox drop its items, inside the same transaction).
import type { DomainEvent, MentionSet } from "../../events.ts";
import type { Services } from "../../services.ts";
import { existingMentionUsers, insertMentionRows, messageById, messageView } from "../../store/messages.ts";
import { visibleRoom } from "../../store/rooms.ts";
import { forbidden, notFound } from "../errors.ts";
import type { Principal } from "../types.ts";
import { resolveMentions } from "./mentions.ts";
import { checkText } from "./post.ts";
import { restPage } from "./view.ts";

/** The message, if the caller is a member of its room (404 otherwise, so existence does not leak). */
export async function memberMessage(services: Services, p: Principal, messageId: string) {
  const m = await messageById(services.store.db, messageId);
  if (!m) throw notFound("message_not_found", "no such message");
  const access = await visibleRoom(services.store.db, m.room_id, p.userId);
  if (!access || access.lastReadSeq === null) throw notFound("message_not_found", "no such message");
  return { message: m, room: access.room };
}

export async function editMessage(services: Services, p: Principal, messageId: string, text: string) {
  checkText(text);
  const { message, room } = await memberMessage(services, p, messageId);
  if (message.sender_id !== p.userId || message.kind !== "user")
    throw forbidden("not_author", "only the author may edit");
  if (message.deleted_at) throw notFound("message_not_found", "the message was deleted");
  const { mentions, hints } = await resolveMentions(services, p, room, text);
  const before = await existingMentionUsers(services.store.db, messageId);
  const groupBefore = await services.store.db
    .selectFrom("group_mentions")
    .select("kind")
    .where("message_id", "=", messageId)
    .executeTakeFirst();
  const fresh: MentionSet = {
    users: mentions.users.filter((u) => !before.has(u)),
    keywords: mentions.keywords.filter((u) => !before.has(u)),
    here: mentions.here.filter((u) => !before.has(u)),
    group: groupBefore ? null : mentions.group,
  };
  const now = services.clock.now();
  const event = await services.store.db.transaction().execute(async (trx) => {
    await trx.updateTable("messages").set({ text, edited_at: now }).where("id", "=", messageId).execute();
    const row = { ...message, text, edited_at: now };
    await insertMentionRows(trx, row, fresh);
    const ev: DomainEvent = {
      type: "message.updated",
      at: now,
      room: { id: room.id, kind: room.kind, name: room.name, memberCount: room.member_count },
      message: messageView(row),
      newMentions: fresh,
    };
    await services.hooks.inTransaction(trx, ev);
    return ev;
  });
  await services.hooks.afterCommit([event]);
  const [view] = await restPage(services.store.db, [{ ...message, text, edited_at: now }]);
  return { message: view, hints };
}

export async function deleteMessage(services: Services, p: Principal, messageId: string) {
  const { message } = await memberMessage(services, p, messageId);
  if (message.sender_id !== p.userId && p.role !== "admin")
    throw forbidden("not_author", "only the author or an admin may delete");
  if (message.deleted_at) return { ok: true };
  const now = services.clock.now();
  const event = await services.store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("messages")
      .set({ deleted_at: now, text: "" })
      .where("id", "=", messageId)
      .execute();
    // Mentions of a deleted message no longer count in any badge.
    await trx.deleteFrom("mentions").where("message_id", "=", messageId).execute();
    await trx.deleteFrom("group_mentions").where("message_id", "=", messageId).execute();
    // "N replies" counts the replies one can still read; the thread's own sequence never goes back.
    if (message.thread_root_id)
      await trx
        .updateTable("threads")
        .set((eb) => ({ reply_count: eb("reply_count", "-", 1) }))
        .where("root_id", "=", message.thread_root_id)
        .where("reply_count", ">", 0)
        .execute();
    const ev: DomainEvent = {
      type: "message.deleted",
      at: now,
      roomId: message.room_id,
      message: messageView({ ...message, deleted_at: now, text: "" }),
    };
    await services.hooks.inTransaction(trx, ev);
    return ev;
  });
  await services.hooks.afterCommit([event]);
  return { ok: true };
}
