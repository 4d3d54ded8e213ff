// Edit (TRG-3: only users newly mentioned by the edit count) and delete (TRG-3: hooks let the scheduler cancel
// pending push/email and the inbox drop its items, inside the same transaction).
import type { DomainEvent } from "../../events.ts";
import type { Services } from "../../services.ts";
import { deleteMessageFiles, filesOf } from "../../store/files.ts";
import { insertMentionRows, mentionViewColumn, messageById, messageView } from "../../store/messages.ts";
import { visibleRoom } from "../../store/rooms.ts";
import { forbidden, notFound } from "../errors.ts";
import type { Principal } from "../types.ts";
import {
  checkGroupMention,
  loadMentionFacts,
  mentionRows,
  onlineMembers,
  parseText,
  resolveText,
} from "./mentions.ts";
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
  const { message, room } = await memberMessage(services, p, messageId);
  // A message carrying files may be left with no words (its caption removed).
  checkText(text, !!message.files);
  if (message.sender_id !== p.userId || message.kind !== "user")
    throw forbidden("not_author", "only the author may edit");
  if (message.deleted_at) throw notFound("message_not_found", "the message was deleted");
  const { db } = services.store;
  // Both texts parsed once and resolved against the same facts, loaded once (TRG-3 compares them).
  const parsed = parseText(text);
  const parsedBefore = parseText(message.text);
  await checkGroupMention(db, p, room, parsed);
  const facts = await loadMentionFacts(db, p.userId, room, [parsed, parsedBefore]);
  const { resolved, view, hints } = resolveText(parsed, facts);
  const previousResolved = resolveText(parsedBefore, facts).resolved;
  // Who the edit notifies is core's TRG-3, from `resolved` and `previousResolved` (jobs/personal.ts, the
  // gateway). Badge rows: the mention rows of the new text; the ones that exist stay (one per message and
  // user, one group row per message). `@here` online members are read only when the edit adds the group.
  const groupBefore = await db
    .selectFrom("group_mentions")
    .select("kind")
    .where("message_id", "=", messageId)
    .executeTakeFirst();
  const newHere = !groupBefore && parsed.here && !parsed.all;
  const hereOnline = newHere ? await onlineMembers(services, room.id, p.userId) : [];
  const rows = await mentionRows(db, p.userId, resolved, hereOnline);
  const now = services.clock.now();
  const event = await services.store.db.transaction().execute(async (trx) => {
    const mention_view = mentionViewColumn(view);
    await trx
      .updateTable("messages")
      .set({ text, edited_at: now, mention_view })
      .where("id", "=", messageId)
      .execute();
    const row = { ...message, text, edited_at: now, mention_view };
    await insertMentionRows(trx, row, rows);
    const ev: DomainEvent = {
      type: "message.updated",
      at: now,
      room: { id: room.id, kind: room.kind, name: room.name, memberCount: room.member_count },
      message: { ...messageView(row), ...filesOf(row) },
      resolved,
      previousResolved,
    };
    await services.hooks.inTransaction(trx, ev);
    return ev;
  });
  await services.hooks.afterCommit([event]);
  const [rest] = await restPage(db, [
    { ...message, text, edited_at: now, mention_view: mentionViewColumn(view) },
  ]);
  return { message: rest, hints };
}

export async function deleteMessage(services: Services, p: Principal, messageId: string) {
  const { message } = await memberMessage(services, p, messageId);
  if (message.sender_id !== p.userId && p.role !== "admin")
    throw forbidden("not_author", "only the author or an admin may delete");
  if (message.deleted_at) return { ok: true };
  const now = services.clock.now();
  let fileIds: string[] = [];
  const event = await services.store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("messages")
      .set({ deleted_at: now, text: "", files: null })
      .where("id", "=", messageId)
      .execute();
    // Its files go with it: the rows now (nobody can fetch them from here on), the bytes once committed.
    fileIds = await deleteMessageFiles(trx, messageId);
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
  // A crash before this leaves bytes no row points at: never served, and harmless beyond the disk they use.
  for (const id of fileIds) await services.files.remove(id);
  return { ok: true };
}
