import { api } from "./api.ts";
import type { Conversation, Inbox, Message } from "./types.ts";

/** One row per conversation: a list answer that repeats one (a join on participants) must not show it twice. */
export function dedupeById<T extends { id: string }>(list: T[]): T[] {
  const seen = new Map<string, T>();
  for (const c of list) seen.set(c.id, { ...seen.get(c.id), ...c });
  return [...seen.values()];
}

export const listConversations = async (filter: string) =>
  dedupeById(
    (await api.get<{ conversations: Conversation[] }>(`/conversations?filter=${filter}`)).conversations,
  );

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

export const listInboxes = async () => (await api.get<{ inboxes: Inbox[] }>("/inboxes")).inboxes;

export async function getConversation(
  id: string,
): Promise<{ conversation: Conversation; messages: Message[] }> {
  const answer = await api.get<{ conversation: Conversation; messages: Message[] }>(`/conversations/${id}`);
  const { conversation } = answer;
  let { messages } = answer;
  if (messages.length === 0 && conversation.roomId) {
    const room = await api.get<{ messages: Message[] }>(`/rooms/${conversation.roomId}/messages?limit=100`);
    messages = room.messages;
  }
  return { conversation, messages };
}

export const contactName = (c: Conversation) =>
  c.contact?.name ?? c.contactName ?? c.contact?.email ?? "Visitor";
