// The agent side (SUP-1, SUP-3 … SUP-7, GEN-5): list and view conversations of my inboxes, pick up (exactly one
// wins: one conditional UPDATE … WHERE status = 'pending'), assign, resolve, write (notes with @mentions).
import type { SupportEvent } from "@herald/core";
import { parseMessage, plainFirstLine, reopenedConversation, resolveMentionName } from "@herald/core";
import { announceConversation } from "../gateway/announce.ts";
import { badRequest, conflict } from "../http/errors.ts";
import type { Principal } from "../http/types.ts";
import type { Services } from "../services.ts";
import type { ConversationsTable } from "../store/schema/support.ts";
import { lastMessages, unreadByRoom } from "./details.ts";
import type { SupportPlan } from "./events.ts";
import { afterSupport, planSupport, stopPending, writeSupport } from "./events.ts";
import { firstLine, writeConversationMessage } from "./messages.ts";
import { sendAll } from "./ports.ts";
import {
  conversationMessages,
  conversationView,
  ensureMember,
  inboxAgentIds,
  isInboxAgent,
  participantIds,
  toCore,
  visibleConversation,
  waitingSince,
} from "./store.ts";

export type Filter = "mine" | "unassigned" | "all";

export async function listConversations(
  services: Services,
  p: Principal,
  filter: Filter,
  status: string | undefined,
  limit: number,
) {
  const { db } = services.store;
  let q = db
    .selectFrom("conversations as c")
    .innerJoin("contacts as k", "k.id", "c.contact_id")
    .selectAll("c")
    .select(["k.name as contact_name", "k.email as contact_email"]);
  // GEN-5: only the inboxes the agent belongs to; admins see all.
  if (p.role !== "admin")
    q = q.where(
      "c.inbox_id",
      "in",
      db.selectFrom("inbox_agents").select("inbox_id").where("user_id", "=", p.userId),
    );
  if (filter === "mine") q = q.where("c.assignee_id", "=", p.userId);
  if (filter === "unassigned") q = q.where("c.assignee_id", "is", null);
  if (status) q = q.where("c.status", "=", status as ConversationsTable["status"]);
  const rows = await q.orderBy("c.updated_at", "desc").orderBy("c.id").limit(limit).execute();
  const since = await waitingSince(
    db,
    rows.filter((r) => r.status === "pending").map((r) => r.id),
  );
  // The list reads like an inbox: each row's last message and how many this agent has not read.
  const last = await lastMessages(
    db,
    rows.map((r) => r.id),
  );
  const unread = await unreadByRoom(services, p.userId);
  return {
    conversations: rows.map(({ contact_name, contact_email, ...c }) => ({
      ...conversationView(c, { name: contact_name, email: contact_email }, since.get(c.id)),
      lastMessage: last.get(c.id) ?? null,
      unread: unread.get(c.room_id) ?? 0,
    })),
  };
}

export async function getConversation(services: Services, p: Principal, id: string) {
  const { db } = services.store;
  const c = await visibleConversation(db, p, id);
  const contact = await db
    .selectFrom("contacts")
    .select(["name", "email"])
    .where("id", "=", c.contact_id)
    .executeTakeFirstOrThrow();
  const since = c.status === "pending" ? await waitingSince(db, [c.id]) : new Map<string, number>();
  return {
    conversation: {
      ...conversationView(c, contact, since.get(c.id)),
      participantIds: await participantIds(db, c.id),
    },
    messages: await conversationMessages(db, c.id, true),
  };
}

/** After commit: every agent of the inbox, every admin (they list all inboxes) and the assignee it had get
 *  `conversation.updated`, so "Mine / Unassigned / All" follow a pick-up, reassignment or resolve made
 *  elsewhere. One small frame per agent; a list is tiny next to the room it stands for. */
async function tellAgents(
  services: Services,
  agentIds: readonly string[],
  before: { inbox_id: string; assignee_id: string | null },
  after: { id: string; status: ConversationsTable["status"]; assignee_id: string | null },
): Promise<void> {
  const admins = await services.store.db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "admin")
    .where("active", "=", 1)
    .execute();
  const to = new Set([...agentIds, ...admins.map((a) => a.id)]);
  if (before.assignee_id) to.add(before.assignee_id);
  const frame = {
    t: "conversation.updated" as const,
    conversationId: after.id,
    inboxId: before.inbox_id,
    status: after.status,
    assigneeId: after.assignee_id,
  };
  await sendAll(
    services,
    [...to].map((userId) => ({ userId, frame })),
  );
}

/** SUP-4: exactly one agent wins; the conditional UPDATE is the arbiter on SQLite and PostgreSQL alike. */
export async function pickUp(services: Services, p: Principal, id: string) {
  const { db } = services.store;
  const c = await visibleConversation(db, p, id);
  const now = services.clock.now();
  const won = await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("conversations")
      .set({ status: "open", assignee_id: p.userId, updated_at: now })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await ensureMember(trx, c.room_id, p.userId, now);
    return true;
  });
  if (!won)
    throw conflict("already_picked_up", "this conversation is not pending: someone else picked it up first");
  await announceConversation(services, { ...c, status: "open", assignee_id: p.userId });
  const agents = await inboxAgentIds(db, c.inbox_id);
  await tellAgents(services, agents, c, { id: c.id, status: "open", assignee_id: p.userId });
  await stopPending(services, { id: c.id, inboxId: c.inbox_id }, agents);
  return { conversation: conversationView({ ...c, status: "open", assignee_id: p.userId, updated_at: now }) };
}

/** SUP-5: the assignee is notified, unless they assigned themselves. Pending stops being pending (SUP-3). */
export async function assign(services: Services, p: Principal, id: string, userId: string) {
  const { db } = services.store;
  const c = await visibleConversation(db, p, id);
  if (!(await isInboxAgent(db, c.inbox_id, userId)))
    throw badRequest("not_an_agent", "the assignee is not an agent of this inbox", "userId");
  const now = services.clock.now();
  const next = {
    ...c,
    assignee_id: userId,
    status: c.status === "pending" ? ("open" as const) : c.status,
    updated_at: now,
  };
  const event: SupportEvent = {
    type: "conversation_assigned",
    conversation: await toCore(db, next),
    actorId: p.userId,
  };
  const contact = await db
    .selectFrom("contacts")
    .select("name")
    .where("id", "=", c.contact_id)
    .executeTakeFirstOrThrow();
  const plan = await planSupport(services, event, [userId], {
    title: "A conversation was assigned to you",
    body: `Conversation with ${firstLine(contact.name, 80)}`,
  });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("conversations")
      .set({ assignee_id: userId, status: next.status, updated_at: now })
      .where("id", "=", id)
      .execute();
    await ensureMember(trx, c.room_id, userId, now);
    await writeSupport(trx, services, plan);
  });
  await announceConversation(services, next);
  const agents = await inboxAgentIds(db, c.inbox_id);
  await tellAgents(services, agents, c, next);
  await afterSupport(services, plan, false);
  if (c.status === "pending") await stopPending(services, { id: c.id, inboxId: c.inbox_id }, agents);
  return { conversation: conversationView(next) };
}

export async function resolve(services: Services, p: Principal, id: string) {
  const { db } = services.store;
  const c = await visibleConversation(db, p, id);
  const now = services.clock.now();
  await db
    .updateTable("conversations")
    .set({ status: "resolved", updated_at: now })
    .where("id", "=", id)
    .execute();
  const agents = await inboxAgentIds(db, c.inbox_id);
  await tellAgents(services, agents, c, { id: c.id, status: "resolved", assignee_id: c.assignee_id });
  if (c.status === "pending") await stopPending(services, { id: c.id, inboxId: c.inbox_id }, agents);
  return { conversation: conversationView({ ...c, status: "resolved", updated_at: now }) };
}

/**
 * An agent reopens a resolved conversation (core's reopenedConversation: open, its assignee kept or the
 * reopening agent's). Anything else is 409 not_resolved. The lists follow through conversation.updated; the
 * reopening agent joins the room if they were not in it, as a pick-up does.
 */
export async function reopen(services: Services, p: Principal, id: string) {
  const { db } = services.store;
  const c = await visibleConversation(db, p, id);
  const next = reopenedConversation({ status: c.status, assigneeId: c.assignee_id }, { agentId: p.userId });
  if (!next) throw conflict("not_resolved", "only a resolved conversation can be reopened");
  const now = services.clock.now();
  const done = await db.transaction().execute(async (trx) => {
    // Conditional on still being resolved: two agents reopening at once leave one answer of each kind.
    const r = await trx
      .updateTable("conversations")
      .set({ status: next.status, assignee_id: next.assigneeId, updated_at: now })
      .where("id", "=", id)
      .where("status", "=", "resolved")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    if (next.assigneeId) await ensureMember(trx, c.room_id, next.assigneeId, now);
    return true;
  });
  if (!done) throw conflict("not_resolved", "only a resolved conversation can be reopened");
  const after = { ...c, status: next.status, assignee_id: next.assigneeId, updated_at: now };
  await announceConversation(services, after);
  await tellAgents(services, await inboxAgentIds(db, c.inbox_id), c, after);
  return { conversation: conversationView(after) };
}

/** Agents named in a private note by @username or @email, among the inbox's agents (SUP-6). */
async function mentionedAgents(
  services: Services,
  inboxId: string,
  text: string,
  authorId: string,
): Promise<string[]> {
  // The one parser (MEN-3): folded names, resolved against the inbox's agents with MEN-3's fallback.
  const parsed = parseMessage(text);
  const emails = parsed.emails;
  if (!parsed.names.length && !emails.length) return [];
  const rows = await services.store.db
    .selectFrom("users as u")
    .innerJoin("inbox_agents as a", "a.user_id", "u.id")
    .select(["u.id", "u.username_lower", "u.email"])
    .where("a.inbox_id", "=", inboxId)
    .where("u.active", "=", 1)
    .execute();
  const byName = new Map(rows.map((r) => [r.username_lower, r.id]));
  const named = new Set<string>();
  for (const raw of parsed.names) {
    const name = resolveMentionName(raw, (n) => byName.has(n));
    if (name !== null) named.add(byName.get(name) as string);
  }
  return rows
    .filter(
      (r) => r.id !== authorId && (named.has(r.id) || (r.email && emails.includes(r.email.toLowerCase()))),
    )
    .map((r) => r.id);
}

/** SUP-6 (notes' mentions) and SUP-7 (assignee and other participants; never the author). */
export async function agentMessage(
  services: Services,
  p: Principal,
  id: string,
  text: string,
  isPrivate: boolean,
) {
  const { db } = services.store;
  const c = await visibleConversation(db, p, id);
  const now = services.clock.now();
  const author = await db
    .selectFrom("users")
    .select("display_name")
    .where("id", "=", p.userId)
    .executeTakeFirstOrThrow();
  const participants = await participantIds(db, c.id);
  const after = { ...(await toCore(db, c)), participantIds: [...new Set([...participants, p.userId])] };
  const body = plainFirstLine(text); // DSK-4: plain text, Markdown removed
  const mentioned = isPrivate ? await mentionedAgents(services, c.inbox_id, text, p.userId) : [];
  const plans: SupportPlan[] = [];
  if (mentioned.length) {
    const ev: SupportEvent = {
      type: "conversation_mention",
      conversation: after,
      actorId: p.userId,
      mentionedAgentIds: mentioned,
    };
    plans.push(
      await planSupport(services, ev, mentioned, { title: `${author.display_name} mentioned you`, body }),
    );
  }
  const ev: SupportEvent = { type: "conversation_message", conversation: after, authorId: p.userId };
  const candidates = [
    ...(await inboxAgentIds(db, c.inbox_id)),
    ...participants,
    ...(c.assignee_id ? [c.assignee_id] : []),
  ];
  plans.push(await planSupport(services, ev, candidates, { title: `${author.display_name} wrote`, body }));
  const msgEvent = await db.transaction().execute(async (trx) => {
    await ensureMember(trx, c.room_id, p.userId, now);
    const m = await writeConversationMessage(
      trx,
      services,
      c,
      { senderId: p.userId, text, private: isPrivate },
      now,
    );
    // The mention plan goes first: one item per (agent, message), and the mention is the more telling one.
    for (const plan of plans) {
      plan.ctx.message = { id: m.message.id, seq: m.message.seq };
      await writeSupport(trx, services, plan);
    }
    return m;
  });
  await services.hooks.afterCommit([msgEvent]);
  for (const plan of plans) await afterSupport(services, plan, false);
  return {
    message: { id: msgEvent.message.id, seq: msgEvent.message.seq, private: isPrivate, createdAt: now },
  };
}
