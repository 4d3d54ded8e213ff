// What an explain answer is about (EXP-1): the message's room, sender and first line — or, for a support
// event, its conversation and message, found through the event's inbox items (their id is the event id) —
// and a support event's type, which is its trigger. A few point lookups per request, never per member.
import { messageLine } from "@herald/core";
import type { Db } from "../store/db.ts";
import { fileNames } from "../store/files.ts";
import type { MessagesTable } from "../store/schema/messages.ts";
import type { RoomsTable } from "../store/schema/rooms.ts";
import type { ExplainSubject } from "./answer.ts";
import type { DecisionTrigger } from "./recorder.ts";

async function senderName(db: Db, senderId: string | null, roomId: string, messageId: string) {
  if (senderId) {
    const u = await db
      .selectFrom("users")
      .select("display_name")
      .where("id", "=", senderId)
      .executeTakeFirst();
    return u?.display_name ?? null;
  }
  // No sender: a contact's message in a support conversation.
  const c = await db
    .selectFrom("conversation_messages as cm")
    .innerJoin("conversations as c", "c.id", "cm.conversation_id")
    .innerJoin("contacts as k", "k.id", "c.contact_id")
    .select("k.name")
    .where("cm.message_id", "=", messageId)
    .where("c.room_id", "=", roomId)
    .executeTakeFirst();
  return c?.name ?? null;
}

export async function messageSubject(
  db: Db,
  message: MessagesTable,
  room: RoomsTable,
  conversationId: string | null = null,
): Promise<ExplainSubject> {
  const name = await senderName(db, message.sender_id, room.id, message.id);
  return {
    roomId: room.id,
    roomName: room.name,
    roomKind: room.kind,
    conversationId,
    messageId: message.id,
    senderId: message.sender_id,
    senderName: name,
    // DSK-4: the line a banner and a push show (plain text, or who sent which file), from core.
    firstLine: message.deleted_at
      ? ""
      : messageLine({ senderName: name ?? "", text: message.text, ...fileNames(message) }),
    createdAt: Number(message.created_at),
  };
}

/** A support event's type and subject, from its inbox item of this user (else of anyone: admins asking). */
export async function supportSubject(
  db: Db,
  eventId: string,
  userId: string,
): Promise<{ trigger: DecisionTrigger | null; subject: ExplainSubject | null }> {
  const items = await db
    .selectFrom("notifications")
    .select(["user_id", "event", "room_id", "message_id", "conversation_id", "created_at"])
    .where("id", "=", eventId)
    .limit(50)
    .execute();
  const item = items.find((i) => i.user_id === userId) ?? items[0];
  if (!item) return { trigger: null, subject: null };
  const trigger = (items.find((i) => i.user_id === userId)?.event ?? null) as DecisionTrigger | null;
  const room = item.room_id
    ? await db.selectFrom("rooms").selectAll().where("id", "=", item.room_id).executeTakeFirst()
    : undefined;
  const message = item.message_id
    ? await db.selectFrom("messages").selectAll().where("id", "=", item.message_id).executeTakeFirst()
    : undefined;
  if (room && message)
    return { trigger, subject: await messageSubject(db, message, room, item.conversation_id) };
  return {
    trigger,
    subject: {
      roomId: room?.id ?? null,
      roomName: room?.name ?? null,
      roomKind: room?.kind ?? null,
      conversationId: item.conversation_id,
      messageId: null,
      senderId: null,
      senderName: null,
      firstLine: "",
      createdAt: Number(item.created_at),
    },
  };
}
