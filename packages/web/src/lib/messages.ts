import { useCallback, useEffect, useRef, useState } from "react";

const noop = () => undefined;

import { useQueryClient } from "@tanstack/react-query";
import { api } from "./api.ts";
import { useFrames } from "./live.tsx";
import { keys, queryErrorText, useApiQuery } from "./query.ts";
import type { ThreadAnswer } from "./thread.ts";
import type { Message } from "./types.ts";

function upsert(list: Message[], m: Message): Message[] {
  const i = list.findIndex((x) => x.id === m.id);
  if (i >= 0) return list.map((x, j) => (j === i ? { ...x, ...m } : x));
  return [...list, m].sort((a, b) => (a.seq || 0) - (b.seq || 0) || a.createdAt - b.createdAt);
}

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

interface MessagePage {
  messages: Message[];
}

/** Page size of room history: the newest page on open, then one per scroll to the top. */
export const PAGE = 50;

/** The messages of one page that show in the room, with reply counts filled from the page when missing. */
function roomPage(page: MessagePage): Message[] {
  const all = page.messages.filter((m) => !m.deletedAt);
  // Roots carry `replyCount` from the server; replies that happen to be in the page only fill in for a
  // server that does not send it yet.
  const replies = new Map<string, number>();
  for (const m of all)
    if (m.threadRootId) replies.set(m.threadRootId, (replies.get(m.threadRootId) ?? 0) + 1);
  return all
    .filter(inRoom)
    .map((m) =>
      m.replyCount === undefined && replies.has(m.id) ? { ...m, replyCount: replies.get(m.id) } : m,
    );
}

/**
 * Room history plus live updates. Opens on the newest page; `loadOlder` fetches the page before the oldest
 * message held (cursor: its seq, also given as `heldFromSeq`) until the room's first message is reached
 * (`atStart`). `readSeq` is my read
 * position when the room opened, so the "new messages" line stays where it was while I read.
 * Thread-only replies (seq 0) stay out of the room and bump the root's count.
 */
export function useRoomMessages(roomId: string) {
  const [messages, setMessages] = useState<Message[]>([]);
  const [error, setError] = useState("");
  const [loaded, setLoaded] = useState(false);
  const [atStart, setAtStart] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [readSeq, setReadSeq] = useState<number | null>(null);
  const oldest = useRef<number | null>(null);
  // The cursor as state, so the list redraws when older pages make history reach further back.
  const [heldFromSeq, setHeldFromSeq] = useState<number | null>(null);
  const pending = useRef<Promise<boolean> | null>(null);
  useEffect(() => {
    let live = true;
    setMessages([]);
    setLoaded(false);
    setAtStart(false);
    setReadSeq(null);
    oldest.current = null;
    setHeldFromSeq(null);
    pending.current = null;
    // The read position first: marking read starts as soon as the page shows.
    api
      .get<{ lastReadSeq?: number | null }>(`/rooms/${roomId}`)
      .then((r) => live && setReadSeq(r.lastReadSeq ?? 0), noop)
      .then(() => api.get<MessagePage>(`/rooms/${roomId}/messages?limit=${PAGE}`))
      .then(
        (raw) => {
          if (!live || raw === undefined) return;
          const list = roomPage(raw);
          const n = raw.messages.length;
          oldest.current = oldestSeq(raw.messages);
          setHeldFromSeq(oldest.current);
          setAtStart(n < PAGE);
          // A live reply that raced the page is already counted on the root: keep the larger count.
          setMessages((cur) => list.map((m) => withCount(m, cur)).reduce(upsert, cur));
          setLoaded(true);
        },
        (e) => live && setError(String(e.message ?? e)),
      );
    return () => {
      live = false;
    };
  }, [roomId]);
  // Replies already counted, so a replayed frame (resume, GEN-7) does not count twice.
  const counted = useRef(new Set<string>());
  useFrames((f) => {
    if (f.t !== "message" && f.t !== "message.updated" && f.t !== "message.deleted") return;
    if (f.roomId !== roomId) return;
    const m = f.message as unknown as Message;
    if (f.t === "message") {
      if (m.threadRootId && !counted.current.has(m.id)) {
        counted.current.add(m.id);
        bumpReplies(setMessages, m.threadRootId, m.createdAt);
      }
      if (inRoom(m)) setMessages((cur) => upsert(cur, m));
    } else if (f.t === "message.updated") {
      setMessages((cur) => (cur.some((x) => x.id === m.id) ? upsert(cur, m) : cur));
    } else if (f.t === "message.deleted") {
      setMessages((cur) => cur.filter((x) => x.id !== m.id));
    }
  });
  /** One page older than the oldest message held; resolves false when there was nothing (more) to load. */
  const loadOlder = useCallback(
    (size = PAGE): Promise<boolean> => {
      // A load already running answers for this call too (a scroll and a jump asking at once).
      if (pending.current) return pending.current;
      if (oldest.current === null || oldest.current <= 1) {
        if (oldest.current !== null) setAtStart(true);
        return Promise.resolve(false);
      }
      setLoadingOlder(true);
      const run = api
        .get<MessagePage>(`/rooms/${roomId}/messages?before=${oldest.current}&limit=${size}`)
        .then(
          (raw) => {
            const all = raw.messages;
            const seq = oldestSeq(all);
            if (seq !== null) oldest.current = seq;
            setHeldFromSeq(oldest.current);
            if (all.length < size) setAtStart(true);
            setMessages((cur) => roomPage(raw).reduce(upsert, cur));
            return all.length > 0;
          },
          () => false,
        )
        .finally(() => {
          pending.current = null;
          setLoadingOlder(false);
        });
      pending.current = run;
      return run;
    },
    [roomId],
  );
  /** Loads older pages until `seq` is held (a linked message, the first unread), keeping history unbroken. */
  const loadUpTo = useCallback(
    async (seq: number) => {
      while (oldest.current !== null && oldest.current > seq) {
        if (!(await loadOlder(200))) break;
      }
    },
    [loadOlder],
  );
  return {
    messages,
    setMessages,
    error,
    loaded,
    loadUpTo,
    loadOlder,
    atStart,
    loadingOlder,
    readSeq,
    setReadSeq,
    heldFromSeq,
  };
}

function oldestSeq(list: Message[]): number | null {
  let min: number | null = null;
  for (const m of list) if (m.seq > 0 && (min === null || m.seq < min)) min = m.seq;
  return min;
}

function bumpReplies(set: (fn: (cur: Message[]) => Message[]) => void, rootId: string, at: number) {
  set((cur) =>
    cur.map((x) =>
      x.id === rootId
        ? { ...x, replyCount: (x.replyCount ?? 0) + 1, lastReplyAt: Math.max(x.lastReplyAt ?? 0, at || 0) }
        : x,
    ),
  );
}

/** Keeps a live-bumped reply count when the page's count (read before that reply) is smaller. */
function withCount(m: Message, cur: Message[]): Message {
  const live = cur.find((x) => x.id === m.id)?.replyCount ?? 0;
  return live > (m.replyCount ?? 0) ? { ...m, replyCount: live } : m;
}

/**
 * A thread: root + replies, a query that frames keep current (frame-cache.ts adds, edits and removes replies
 * and reloads it after a reconnect, since resume does not replay thread-only replies).
 */
export function useThread(rootId: string) {
  const client = useQueryClient();
  const q = useApiQuery<ThreadAnswer>(keys.thread(rootId), `/messages/${rootId}/thread`);
  const setFollowing = useCallback(
    (following: boolean) =>
      client.setQueryData<ThreadAnswer>(keys.thread(rootId), (t) => (t ? { ...t, following } : t)),
    [client, rootId],
  );
  return {
    root: q.data?.root ?? null,
    replies: q.data?.replies ?? [],
    following: q.data?.following ?? null,
    setFollowing,
    error: queryErrorText(q),
  };
}

/**
 * Tell the server what this tab has read: while the window is focused and visible, the newest message in
 * view is read (BDG-1). Re-sent when new messages arrive or focus returns.
 */
export function useMarkRead(path: string, lastSeq: number | undefined) {
  const sent = useRef(0);
  useEffect(() => {
    const send = () => {
      if (!lastSeq || lastSeq <= sent.current) return;
      if (!document.hasFocus() || document.visibilityState !== "visible") return;
      sent.current = lastSeq;
      api.post(path, { seq: lastSeq }).catch(() => {
        sent.current = 0;
      });
    };
    send();
    window.addEventListener("focus", send);
    document.addEventListener("visibilitychange", send);
    return () => {
      window.removeEventListener("focus", send);
      document.removeEventListener("visibilitychange", send);
    };
  }, [path, lastSeq]);
}
