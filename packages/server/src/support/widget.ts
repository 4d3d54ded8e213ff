// The contact side (widget API, header x-inbox-key; then x-contact-token): start a conversation (SUP-2, SUP-3),
// write (SUP-7), leave (SUP-3 stops), read the non-private messages.
import { plainFirstLine, reopenedConversation, type SupportEvent } from "@herald/core";
import { sql } from "kysely";
import { AppError, notFound } from "../http/errors.ts";
import { newId, sha256 } from "../ids.ts";
import type { Services } from "../services.ts";
import { createRoom } from "../store/rooms.ts";
import type { ConversationStatus, InboxesTable } from "../store/schema/support.ts";
import { contactByToken } from "./contact-link.ts";
import { type PageFact, recordPage } from "./details.ts";
import { afterSupport, planSupport, startPending, stopPending, writeSupport } from "./events.ts";
import { firstLine, writeConversationMessage } from "./messages.ts";
import {
  conversationMessages,
  conversationView,
  inboxAgentIds,
  inboxByKey,
  newContactToken,
  participantIds,
  toCore,
} from "./store.ts";

export async function inboxOf(services: Services, key: string | undefined): Promise<InboxesTable> {
  const inbox = await inboxByKey(services.store.db, key);
  if (!inbox) throw new AppError(401, "invalid_inbox_key", "missing or unknown x-inbox-key header");
  return inbox;
}

/**
 * The conversation of this contact in this inbox. A missing or unknown contact token is 401
 * invalid_contact_token (a credential problem, as Chatwoot's widget answers a bad X-Auth-Token); a known
 * contact asking for a conversation that is not theirs gets 404 (a token never opens another's).
 */
export async function contactConversation(
  services: Services,
  inbox: InboxesTable,
  id: string,
  token: string | undefined,
) {
  const { db } = services.store;
  if (!token || token.length > 200)
    throw new AppError(401, "invalid_contact_token", "missing x-contact-token header");
  const contact = await contactByToken(services, inbox.id, token);
  if (!contact) throw new AppError(401, "invalid_contact_token", "unknown x-contact-token");
  const c = await db
    .selectFrom("conversations")
    .selectAll()
    .where("id", "=", id)
    .where("inbox_id", "=", inbox.id)
    .where("contact_id", "=", contact.id)
    .executeTakeFirst();
  if (!c) throw notFound("conversation_not_found", "no such conversation");
  return { c, contactName: contact.name };
}

/** A returning contact (its x-contact-token), whose new conversation joins its others. */
export interface KnownContact {
  id: string;
  token: string;
}

/** The contact a token names in this inbox, with how many of its conversations wait or are open. */
export async function knownContact(services: Services, inbox: InboxesTable, token: string) {
  const { db } = services.store;
  if (token.length > 200) return null;
  const contact = await contactByToken(services, inbox.id, token);
  if (!contact) return null;
  const r = await db
    .selectFrom("conversations")
    .select((e) => e.fn.countAll<number>().as("n"))
    .where("contact_id", "=", contact.id)
    .where("status", "in", ["pending", "open"])
    .where("contact_left", "=", 0)
    .executeTakeFirstOrThrow();
  return { id: contact.id, open: Number(r.n) };
}

export async function startConversation(
  services: Services,
  inbox: InboxesTable,
  body: { name: string; email?: string; text: string; page?: PageFact },
  known?: KnownContact,
) {
  const { db } = services.store;
  const now = services.clock.now();
  const agents = await inboxAgentIds(db, inbox.id);
  const token = known?.token ?? newContactToken();
  const ids = { contact: known?.id ?? newId(), conversation: newId() };
  const draft = {
    id: ids.conversation,
    inboxId: inbox.id,
    roomId: "",
    contactId: ids.contact,
    status: "pending" as const,
    assigneeId: null,
    participantIds: [],
  };
  const event: SupportEvent = { type: "conversation_created", conversation: draft, actorId: null };
  // DSK-4: the banner body is the message's plain first line (core's), the name a plain cut.
  const ctx = { title: `New conversation from ${firstLine(body.name, 80)}`, body: plainFirstLine(body.text) };
  const plan = await planSupport(services, event, agents, ctx);
  const { conv, msgEvent } = await db.transaction().execute(async (trx) => {
    if (!known)
      await trx
        .insertInto("contacts")
        .values({
          id: ids.contact,
          inbox_id: inbox.id,
          name: body.name,
          email: body.email ?? null,
          token_hash: sha256(token),
          created_at: now,
        })
        .execute();
    const room = await createRoom(
      trx,
      { kind: "conversation", name: body.name, createdBy: null },
      agents,
      now,
    );
    const conv = {
      id: ids.conversation,
      inbox_id: inbox.id,
      room_id: room.id,
      contact_id: ids.contact,
      status: "pending" as const,
      assignee_id: null,
      contact_left: 0,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("conversations").values(conv).execute();
    await recordPage(trx, conv, body.page, now);
    const msgEvent = await writeConversationMessage(
      trx,
      services,
      conv,
      { senderId: null, text: body.text, private: false },
      now,
    );
    draft.roomId = room.id;
    plan.ctx.message = { id: msgEvent.message.id, seq: msgEvent.message.seq };
    await writeSupport(trx, services, plan);
    return { conv, msgEvent };
  });
  // The inbox's agents joined the new conversation room: connected agents' gateways learn it (GEN-5 index)
  // before its first message, so they get the message, its badge and PRF-50's assigned.unread.
  const joined = { type: "membership.changed" as const, at: now, roomId: conv.room_id, userIds: agents };
  await services.hooks.afterCommit([{ ...joined, change: "joined" }, msgEvent]);
  // PRF-52: a pending new conversation raises the pending-contact alert instead of its own banner.
  await afterSupport(services, plan, true);
  await startPending(services, { id: conv.id, inboxId: inbox.id }, agents, body.name);
  return { conversation: conversationView(conv), contactToken: token, message: { id: msgEvent.message.id } };
}

export async function contactMessage(
  services: Services,
  inbox: InboxesTable,
  id: string,
  token: string | undefined,
  text: string,
  /** Called before a message that would raise the pending alert anew (a resolved conversation reopening):
   *  the widget counts it like a new conversation, so a flood costs agents one ring per conversation. */
  beforeRingAgain?: () => Promise<void>,
  /** The page the contact writes from, as the widget says (the console's contact panel lists them). */
  page?: PageFact,
) {
  const { db } = services.store;
  const { c, contactName } = await contactConversation(services, inbox, id, token);
  const now = services.clock.now();
  // A resolved conversation reopens: pending again when nobody is assigned (SUP-3 alert anew).
  const status =
    reopenedConversation({ status: c.status, assigneeId: c.assignee_id }, "contact")?.status ?? c.status;
  if (status === "pending" && c.status !== "pending") await beforeRingAgain?.();
  const conv = { ...c, status, contact_left: 0 } as typeof c;
  const event: SupportEvent = {
    type: "conversation_message",
    conversation: await toCore(db, conv),
    authorId: null,
  };
  const candidates = [...(await inboxAgentIds(db, c.inbox_id)), ...(await participantIds(db, c.id))];
  if (c.assignee_id) candidates.push(c.assignee_id);
  const plan = await planSupport(services, event, candidates, {
    title: `${firstLine(contactName, 80)} wrote`,
    body: plainFirstLine(text),
  });
  const msgEvent = await db.transaction().execute(async (trx) => {
    if (status !== c.status || c.contact_left)
      await trx
        .updateTable("conversations")
        .set({ status, contact_left: 0, updated_at: now })
        .where("id", "=", c.id)
        .execute();
    await recordPage(trx, c, page, now);
    const ev = await writeConversationMessage(
      trx,
      services,
      conv,
      { senderId: null, text, private: false },
      now,
    );
    plan.ctx.message = { id: ev.message.id, seq: ev.message.seq };
    await writeSupport(trx, services, plan);
    return ev;
  });
  await services.hooks.afterCommit([msgEvent]);
  await afterSupport(services, plan, false);
  if (status === "pending" && c.status !== "pending")
    await startPending(
      services,
      { id: c.id, inboxId: c.inbox_id },
      await inboxAgentIds(db, c.inbox_id),
      contactName,
    );
  return { message: { id: msgEvent.message.id, createdAt: now }, conversation: conversationView(conv) };
}

/** The contact leaves: a pending conversation stops being pending (resolved) and its alert stops (SUP-3). */
export async function contactLeave(
  services: Services,
  inbox: InboxesTable,
  id: string,
  token: string | undefined,
) {
  const { db } = services.store;
  const { c } = await contactConversation(services, inbox, id, token);
  const now = services.clock.now();
  // A pending conversation with nobody left to talk to is resolved; an open one stays open for the agent.
  const r = await db
    .updateTable("conversations")
    .set({
      contact_left: 1,
      updated_at: now,
      status: sql<ConversationStatus>`case when status = 'pending' then 'resolved' else status end`,
    })
    .where("id", "=", c.id)
    .returning(["status"])
    .executeTakeFirst();
  if (c.status === "pending")
    await stopPending(services, { id: c.id, inboxId: c.inbox_id }, await inboxAgentIds(db, c.inbox_id));
  return {
    conversation: conversationView({ ...c, contact_left: 1, status: r?.status ?? c.status, updated_at: now }),
  };
}

export async function contactMessages(
  services: Services,
  inbox: InboxesTable,
  id: string,
  token: string | undefined,
) {
  const { c } = await contactConversation(services, inbox, id, token);
  const messages = await conversationMessages(services.store.db, c.id, false);
  const contact = await services.store.db
    .selectFrom("contacts")
    .select(["email", "email_off"])
    .where("id", "=", c.contact_id)
    .executeTakeFirst();
  // The contact sees agents by name only: no user ids leave for the widget.
  return {
    messages: messages.map(({ senderId: _s, private: _p, ...m }) => m),
    // seenSeq: what the open widget has shown, so a closed one counts the agent replies after it as unread;
    // emailReplies: replies it misses go to the address the contact left (the widget asks for none then).
    conversation: {
      id: c.id,
      status: c.status,
      seenSeq: Number(c.contact_seen_seq ?? 0),
      emailReplies: !!contact?.email && !contact.email_off,
    },
  };
}
