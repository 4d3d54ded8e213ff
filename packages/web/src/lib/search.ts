// Search (GET /search): one page at a time per kind, and where a found message opens.
import { parseMessage } from "@herald/core";
import { api } from "./api.ts";
import type { Message, RoomKind, User } from "./types.ts";

export type SearchKind = "messages" | "people" | "channels";

export interface MessageHit {
  message: Message;
  room: { id: string; kind: RoomKind; name: string };
  sender: Pick<User, "id" | "username" | "displayName"> | null;
}

export interface ChannelHit {
  id: string;
  kind: RoomKind;
  name: string;
  topic: string;
  memberCount: number;
  member: boolean;
}

export interface SearchPage {
  messages?: MessageHit[];
  people?: User[];
  channels?: ChannelHit[];
  nextCursor: string | null;
}

export function searchPage(kind: SearchKind, q: string, cursor?: string | null): Promise<SearchPage> {
  const params = new URLSearchParams({ q, kind });
  if (cursor) params.set("cursor", cursor);
  return api.get<SearchPage>(`/search?${params}`);
}

/**
 * Where a found message is shown: its room's history scrolled to it (older pages load as needed), or its
 * thread when it is a reply that stays in the thread.
 */
export function messageHref(m: Pick<Message, "id" | "roomId" | "threadRootId" | "alsoInRoom">): string {
  const at = `?message=${encodeURIComponent(m.id)}`;
  if (m.threadRootId && !m.alsoInRoom) return `/chat/${m.roomId}/thread/${m.threadRootId}${at}`;
  return `/chat/${m.roomId}${at}`;
}

/**
 * A found message as one line of plain text: each line with its Markdown removed (as banners show a first
 * line), so a word found on any line is there to see.
 */
export function plainLines(text: string): string {
  return text
    .split("\n")
    .map((line) => parseMessage(line).firstLine)
    .filter(Boolean)
    .join(" ");
}

/**
 * The text cut into runs, `hit` on the words the query found: a run of letters and digits that starts with
 * one of the query's words, as the server matches them (any case).
 */
export function markWords(text: string, q: string): { text: string; hit: boolean }[] {
  const words = (q.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).filter(Boolean);
  const out: { text: string; hit: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const word = m[0].toLowerCase();
    if (!words.some((w) => word.startsWith(w))) continue;
    if (m.index > last) out.push({ text: text.slice(last, m.index), hit: false });
    out.push({ text: m[0], hit: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), hit: false });
  return out;
}
