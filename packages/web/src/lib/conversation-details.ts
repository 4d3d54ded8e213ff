// The console around a conversation: the contact panel, canned replies and typing signals (support API).
import { api } from "./api.ts";

export interface LastMessage {
  text: string;
  author: "contact" | "agent";
  senderName: string | null;
  private: boolean;
  createdAt: number;
}

export interface ContactDetails {
  contact: { name: string; email: string | null; firstSeen: number };
  pages: { url: string; referrer: string | null; at: number; thisConversation: boolean }[];
  conversations: {
    id: string;
    status: "pending" | "open" | "resolved";
    createdAt: number;
    updatedAt: number;
    lastMessage: LastMessage | null;
  }[];
}

export interface CannedReply {
  id: string;
  shortcut: string;
  text: string;
}

export const contactDetails = (conversationId: string) =>
  api.get<ContactDetails>(`/conversations/${conversationId}/contact`);

export const listCanned = async () =>
  (await api.get<{ cannedReplies: CannedReply[] }>("/canned-replies")).cannedReplies;

/** Canned replies matching what follows "/" — shortcut first, then text — best first. */
export function matchCanned(all: readonly CannedReply[], query: string): CannedReply[] {
  const q = query.toLowerCase();
  const starts = all.filter((c) => c.shortcut.startsWith(q));
  const rest = all.filter(
    (c) => !c.shortcut.startsWith(q) && (c.shortcut.includes(q) || c.text.toLowerCase().includes(q)),
  );
  return [...starts, ...rest].slice(0, 8);
}

/** "/thx" typed at the start of the box (no space yet): the canned-reply query, else null. */
export function typedCanned(text: string): string | null {
  const m = /^\/([^\s/]*)$/.exec(text);
  return m ? m[1] : null;
}

/** A page address people can read: host and path, no scheme. */
export function pageWords(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === "/" ? "" : u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** Sends typing signals at most every 3 s while typing, and one stop (support/typing.ts lapses them in 6 s). */
export function typingSignals(send: (typing: boolean) => Promise<unknown>) {
  let last = 0;
  return {
    typed(nonEmpty: boolean) {
      const now = Date.now();
      if (nonEmpty && now - last >= 3000) {
        last = now;
        send(true).catch(() => undefined);
      } else if (!nonEmpty && last) {
        last = 0;
        send(false).catch(() => undefined);
      }
    },
    stop() {
      if (!last) return;
      last = 0;
      send(false).catch(() => undefined);
    },
  };
}
