import { api } from "./api.ts";
import { asItem, asList } from "./data.ts";
import type { Conversation, Inbox, Message } from "./types.ts";

/** One row per conversation: a list answer that repeats one (a join on participants) must not show it twice. */
export function dedupeById<T extends { id: string }>(list: T[]): T[] {
  const seen = new Map<string, T>();
  for (const c of list) seen.set(c.id, { ...seen.get(c.id), ...c });
  return [...seen.values()];
}

export const listConversations = async (filter: string) =>
  dedupeById(asList<Conversation>(await api.get(`/conversations?filter=${filter}`), "conversations"));

// This tab changed a conversation (pick-up, assign, resolve): lists refetch at once, since the server tells
// the agent who lost it nothing live.
const changeListeners = new Set<(c: Conversation | null) => void>();

export function conversationChanged(c: Conversation | null): void {
  for (const fn of changeListeners) fn(c);
}

export function onConversationChanged(fn: (c: Conversation | null) => void): () => void {
  changeListeners.add(fn);
  return () => {
    changeListeners.delete(fn);
  };
}

export const listInboxes = async () => asList<Inbox>(await api.get("/inboxes"), "inboxes");

export async function getConversation(
  id: string,
): Promise<{ conversation: Conversation; messages: Message[] }> {
  const raw = await api.get<Record<string, unknown>>(`/conversations/${id}`);
  const conversation = asItem<Conversation>(raw, "conversation");
  let messages = asList<Message>(raw.messages, "messages");
  if (messages.length === 0 && conversation.roomId) {
    messages = asList<Message>(await api.get(`/rooms/${conversation.roomId}/messages?limit=100`), "messages");
  }
  return { conversation, messages };
}

export const contactName = (c: Conversation) =>
  c.contact?.name ?? c.contactName ?? c.contact?.email ?? "Visitor";
