// A conversation message through the ordinary message path (room seq, message row, PostHooks inside the
// transaction, after-commit events), plus its support facts: author kind, privacy (SUP-6), participants (SUP-1).
// Mentions go through support events (SUP-6), so the message carries no chat mention rows.
import type { DomainEvent } from "../events.ts";
import { enqueueContactEmail } from "../jobs/contact.ts";
import type { Services } from "../services.ts";
import type { Tx } from "../store/db.ts";
import { insertMessage, type MentionRows } from "../store/messages.ts";
import type { ConversationsTable } from "../store/schema/support.ts";

const NO_MENTIONS: MentionRows = { users: [], keywords: [], here: [], group: null };

export interface NewConversationMessage {
  /** null for the contact. */
  senderId: string | null;
  text: string;
  private: boolean;
}

export async function writeConversationMessage(
  trx: Tx,
  services: Services,
  c: ConversationsTable,
  m: NewConversationMessage,
  now: number,
): Promise<Extract<DomainEvent, { type: "message.created" }>> {
  const posted = await insertMessage(
    trx,
    {
      roomId: c.room_id,
      senderId: m.senderId,
      text: m.text,
      kind: "user",
      threadRootId: null,
      alsoInRoom: false,
      mentions: NO_MENTIONS,
    },
    now,
  );
  await trx
    .insertInto("conversation_messages")
    .values({
      message_id: posted.message.id,
      conversation_id: c.id,
      author: m.senderId ? "agent" : "contact",
      private: m.private ? 1 : 0,
    })
    .execute();
  if (m.senderId) {
    await trx
      .insertInto("conversation_participants")
      .values({ conversation_id: c.id, user_id: m.senderId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  // An agent's public reply may reach a contact who left an address by email, if it stays unseen
  // (jobs/contact.ts decides at its due time).
  if (m.senderId && !m.private) {
    const { widgetOfflineEmailMinutes: defaultMinutes, deliveryTimeScale: timeScale } = services.config;
    await enqueueContactEmail(trx, c, posted.message, { defaultMinutes, timeScale }, now);
  }
  await trx.updateTable("conversations").set({ updated_at: now }).where("id", "=", c.id).execute();
  const room = await trx
    .selectFrom("rooms")
    .select(["name", "member_count"])
    .where("id", "=", c.room_id)
    .executeTakeFirstOrThrow();
  const ev = {
    type: "message.created" as const,
    at: now,
    room: { id: c.room_id, kind: "conversation" as const, name: room.name, memberCount: room.member_count },
    message: posted.message,
    resolved: { users: [], keywords: [], all: false, here: false },
    hereOnline: [],
    threadFollowers: [],
  };
  await services.hooks.inTransaction(trx, ev);
  return ev;
}

export function firstLine(text: string, max = 200): string {
  const line = (text.split("\n", 1)[0] ?? "").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
