// Support queries: inbox keys and contact tokens (stored as SHA-256 only), membership checks (GEN-5), and the
// conversation view. Agents of an inbox are members of its conversation rooms, so room reads, badges and the
// gateway's fan-out work for conversations as for any room.
import type { Conversation } from "@herald/core";
import { notFound } from "../http/errors.ts";
import type { Principal } from "../http/types.ts";
import { newSecret, sha256 } from "../ids.ts";
import type { Db, Tx } from "../store/db.ts";
import { addMembers } from "../store/rooms.ts";
import type { ConversationsTable } from "../store/schema/support.ts";

export const newInboxKey = (): string => newSecret("hik_");
export const newContactToken = (): string => newSecret("hct_");

export async function inboxByKey(db: Db, key: string | undefined) {
  if (!key || key.length > 200) return null;
  return db.selectFrom("inboxes").selectAll().where("key_hash", "=", sha256(key)).executeTakeFirst();
}

/** Contact names by conversation id, so inbox items, lists and emails name the contact (never "Someone"). */
export async function contactNames(db: Db, conversationIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(conversationIds)];
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom("conversations as c")
    .innerJoin("contacts as k", "k.id", "c.contact_id")
    .select(["c.id", "k.name"])
    .where("c.id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** For pending conversations: since when the contact has been waiting — their first message after the last
 *  agent reply (a resolved conversation the contact wrote in again waits from that message, not from its start). */
export async function waitingSince(db: Db, conversationIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const id of conversationIds) {
    const rows = await db
      .selectFrom("conversation_messages as cm")
      .innerJoin("messages as m", "m.id", "cm.message_id")
      .select(["cm.author", "m.created_at"])
      .where("cm.conversation_id", "=", id)
      .where("cm.private", "=", 0)
      .orderBy("m.seq", "desc")
      .limit(200)
      .execute();
    let since: number | null = null;
    for (const r of rows) {
      if (r.author !== "contact") break;
      since = Number(r.created_at);
    }
    if (since !== null) out.set(id, since);
  }
  return out;
}

export async function isInboxAgent(db: Db, inboxId: string, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom("inbox_agents")
    .select("user_id")
    .where("inbox_id", "=", inboxId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return !!r;
}

export async function inboxAgentIds(db: Db | Tx, inboxId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("inbox_agents")
    .select("user_id")
    .where("inbox_id", "=", inboxId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** The conversation if the caller may see it: an agent of its inbox, or an admin (GEN-5: else 404). */
export async function visibleConversation(db: Db, p: Principal, id: string): Promise<ConversationsTable> {
  const c = await db.selectFrom("conversations").selectAll().where("id", "=", id).executeTakeFirst();
  if (!c || (p.role !== "admin" && !(await isInboxAgent(db, c.inbox_id, p.userId))))
    throw notFound("conversation_not_found", "no such conversation");
  return c;
}

export async function participantIds(db: Db | Tx, conversationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("conversation_participants")
    .select("user_id")
    .where("conversation_id", "=", conversationId)
    .execute();
  return rows.map((r) => r.user_id);
}

export async function toCore(db: Db | Tx, c: ConversationsTable): Promise<Conversation> {
  return {
    id: c.id,
    inboxId: c.inbox_id,
    roomId: c.room_id,
    contactId: c.contact_id,
    status: c.status,
    assigneeId: c.assignee_id,
    participantIds: await participantIds(db, c.id),
  };
}

/** An admin acting on a conversation becomes a member of its room, as its inbox agents are. */
export async function ensureMember(trx: Tx, roomId: string, userId: string, now: number): Promise<void> {
  const m = await trx
    .selectFrom("memberships")
    .select("user_id")
    .where("room_id", "=", roomId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!m) await addMembers(trx, roomId, [userId], now);
}

export function conversationView(
  c: ConversationsTable,
  contact?: { name: string; email: string | null },
  waiting?: number,
) {
  return {
    id: c.id,
    inboxId: c.inbox_id,
    roomId: c.room_id,
    contactId: c.contact_id,
    status: c.status,
    assigneeId: c.assignee_id,
    contactLeft: c.contact_left === 1,
    createdAt: Number(c.created_at),
    updatedAt: Number(c.updated_at),
    // Pending only: when the contact started waiting (the console shows "waiting 3 min").
    ...(c.status === "pending" ? { waitingSince: waiting ?? Number(c.updated_at) } : {}),
    ...(contact ? { contact: { name: contact.name, email: contact.email } } : {}),
  };
}

export async function conversationMessages(db: Db, conversationId: string, includePrivate: boolean) {
  let q = db
    .selectFrom("conversation_messages as cm")
    .innerJoin("messages as m", "m.id", "cm.message_id")
    .leftJoin("users as u", "u.id", "m.sender_id")
    .select([
      "m.id",
      "m.seq",
      "m.text",
      "m.created_at",
      "m.sender_id",
      "cm.author",
      "cm.private",
      "u.display_name",
    ])
    .where("cm.conversation_id", "=", conversationId)
    .where("m.deleted_at", "is", null);
  if (!includePrivate) q = q.where("cm.private", "=", 0);
  const rows = await q.orderBy("m.seq").limit(1000).execute();
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    author: r.author,
    senderId: r.sender_id,
    senderName: r.author === "agent" ? r.display_name : null,
    text: r.text,
    private: r.private === 1,
    createdAt: Number(r.created_at),
  }));
}
