// A room's history as cached pages (newest first) and what realtime frames do to them. Pure apart from two
// small registers: the replies already counted on their root, and the frames that arrive while a room's
// newest page is loading (so a message sent in that moment is not lost).
import type { InfiniteData } from "@tanstack/react-query";
import type { Message } from "./types.ts";

/** One page of history as the room shows it. */
export interface HistoryPage {
  /** The page's messages that show in the room (no deleted ones, no thread-only replies). */
  messages: Message[];
  /** The oldest seq the page reached, thread-only replies included; null for an empty page. */
  oldest: number | null;
  /** As many messages as asked for came back: there may be older ones. */
  full: boolean;
  /** On the newest page: my read position when the room opened, so the "new messages" line stays put. */
  readSeq?: number | null;
}

export type History = InfiniteData<HistoryPage, number | null>;

/**
 * A thread reply shows in the room only when also posted there (TRG-2). Realtime frames and REST messages
 * carry `alsoInRoom` (older REST answers `inRoom`); a message without a thread root is always in the room,
 * while a reply that says neither stays in its thread — its `seq` is no clue (thread-only replies repeat the
 * room's seq).
 */
export function inRoom(m: Pick<Message, "threadRootId" | "alsoInRoom" | "inRoom">): boolean {
  if (!m.threadRootId) return true;
  return (m.alsoInRoom ?? m.inRoom) === true;
}

/** A page as GET /rooms/:id/messages answered it, `limit` being what was asked for. */
export function toPage(raw: Message[], limit: number, readSeq?: number | null): HistoryPage {
  const all = raw.filter((m) => !m.deletedAt);
  // Roots carry `replyCount` from the server; replies that happen to be in the page only fill in for a
  // server that does not send it yet.
  const replies = new Map<string, number>();
  for (const m of all)
    if (m.threadRootId) replies.set(m.threadRootId, (replies.get(m.threadRootId) ?? 0) + 1);
  const messages = all
    .filter(inRoom)
    .map((m) =>
      m.replyCount === undefined && replies.has(m.id) ? { ...m, replyCount: replies.get(m.id) } : m,
    );
  const page: HistoryPage = { messages, oldest: oldestSeq(raw), full: raw.length >= limit };
  return readSeq === undefined ? page : { ...page, readSeq };
}

function oldestSeq(list: Message[]): number | null {
  let min: number | null = null;
  for (const m of list) if (m.seq > 0 && (min === null || m.seq < min)) min = m.seq;
  return min;
}

/** The oldest seq the pages reach; null while none reached any. */
export function heldFrom(pages: HistoryPage[]): number | null {
  let min: number | null = null;
  for (const p of pages) if (p.oldest !== null && (min === null || p.oldest < min)) min = p.oldest;
  return min;
}

/** The cursor of the page before the oldest held, or undefined once the room's first message is held. */
export function olderCursor(pages: HistoryPage[]): number | undefined {
  if (!pages[pages.length - 1]?.full) return undefined;
  const from = heldFrom(pages);
  return from !== null && from > 1 ? from : undefined;
}

/** The pages as one list, oldest first, each message once. */
export function flatten(pages: HistoryPage[]): Message[] {
  const byId = new Map<string, Message>();
  for (let i = pages.length - 1; i >= 0; i--) for (const m of pages[i]?.messages ?? []) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => (a.seq || 0) - (b.seq || 0) || a.createdAt - b.createdAt);
}

export type HistoryEvent = "message" | "message.updated" | "message.deleted";

// Replies already counted on their root, so a replayed frame (resume, GEN-7) does not count twice.
const counted = new Set<string>();

/** The history after a realtime frame: a message added, edited or removed, a thread root's count bumped. */
export function historyAfter(h: History, kind: HistoryEvent, m: Message): History {
  let pages = h.pages;
  if (kind === "message.deleted") {
    pages = pages.map((p) =>
      withMessages(
        p,
        p.messages.filter((x) => x.id !== m.id),
      ),
    );
  } else if (kind === "message.updated") {
    pages = pages.map((p) =>
      p.messages.some((x) => x.id === m.id)
        ? withMessages(
            p,
            p.messages.map((x) => (x.id === m.id ? { ...x, ...m } : x)),
          )
        : p,
    );
  } else {
    const root = m.threadRootId;
    if (root && !counted.has(m.id)) {
      counted.add(m.id);
      pages = pages.map((p) => (p.messages.some((x) => x.id === root) ? bump(p, root, m.createdAt) : p));
    }
    if (inRoom(m)) {
      const at = pages.findIndex((p) => p.messages.some((x) => x.id === m.id));
      const i = at >= 0 ? at : 0;
      pages = pages.map((p, j) => (j === i ? withMessages(p, upsert(p.messages, m)) : p));
    }
  }
  return pages === h.pages ? h : { ...h, pages };
}

function withMessages(p: HistoryPage, messages: Message[]): HistoryPage {
  return { ...p, messages };
}

function upsert(list: Message[], m: Message): Message[] {
  const i = list.findIndex((x) => x.id === m.id);
  if (i >= 0) return list.map((x, j) => (j === i ? { ...x, ...m } : x));
  return [...list, m];
}

function bump(p: HistoryPage, rootId: string, at: number): HistoryPage {
  return withMessages(
    p,
    p.messages.map((x) =>
      x.id === rootId
        ? { ...x, replyCount: (x.replyCount ?? 0) + 1, lastReplyAt: Math.max(x.lastReplyAt ?? 0, at || 0) }
        : x,
    ),
  );
}

// Frames that arrived while a room's newest page was loading, by room.
const arriving = new Map<string, { kind: HistoryEvent; m: Message }[]>();

/** Holds a frame for a room whose newest page is loading. */
export function holdIfLoading(roomId: string, kind: HistoryEvent, m: Message): void {
  arriving.get(roomId)?.push({ kind, m });
}

/**
 * Loads a room's newest page with `load`, then applies the frames that arrived meanwhile. A reply counted
 * during the load may already be in the page's count (read after it): the larger count wins.
 */
export async function newestWithArrivals(roomId: string, load: () => Promise<HistoryPage>) {
  const held: { kind: HistoryEvent; m: Message }[] = [];
  arriving.set(roomId, held);
  try {
    const page = await load();
    const live = new Map<string, number>();
    let h: History = { pages: [page], pageParams: [null] };
    for (const { kind, m } of held) {
      if (kind === "message" && m.threadRootId && !counted.has(m.id)) {
        counted.add(m.id);
        live.set(m.threadRootId, (live.get(m.threadRootId) ?? 0) + 1);
      }
      h = historyAfter(h, kind, m);
    }
    const [first] = h.pages as [HistoryPage];
    return withMessages(
      first,
      first.messages.map((x) =>
        (live.get(x.id) ?? 0) > (x.replyCount ?? 0) ? { ...x, replyCount: live.get(x.id) } : x,
      ),
    );
  } finally {
    if (arriving.get(roomId) === held) arriving.delete(roomId);
  }
}
