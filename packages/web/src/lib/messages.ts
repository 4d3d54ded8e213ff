import { useCallback, useEffect, useRef, useState } from "react";

const noop = () => undefined;

import { api } from "./api.ts";
import { asItem, asList } from "./data.ts";
import { useFrames } from "./live.tsx";
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

/** Room history plus live updates. Thread-only replies (seq 0) stay out of the room and bump the root's count. */
export function useRoomMessages(roomId: string) {
  const [messages, setMessages] = useState<Message[]>([]);
  const [error, setError] = useState("");
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let live = true;
    api.get<unknown>(`/rooms/${roomId}/messages?limit=50`).then(
      (raw) => {
        if (!live) return;
        const all = asList<Message>(raw, "messages").filter((m) => !m.deletedAt);
        // Roots carry `replyCount` from the server; replies that happen to be in the page only fill in for a
        // server that does not send it yet.
        const replies = new Map<string, number>();
        for (const m of all)
          if (m.threadRootId) replies.set(m.threadRootId, (replies.get(m.threadRootId) ?? 0) + 1);
        const list = all
          .filter(inRoom)
          .map((m) =>
            m.replyCount === undefined && replies.has(m.id) ? { ...m, replyCount: replies.get(m.id) } : m,
          );
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
  /** Loads the page of history that ends at `seq` (a linked message older than the newest page). */
  const loadUpTo = useCallback(
    (seq: number) => {
      api.get<unknown>(`/rooms/${roomId}/messages?before=${seq + 1}&limit=50`).then((raw) => {
        const page = asList<Message>(raw, "messages").filter((m) => !m.deletedAt && inRoom(m));
        setMessages((cur) => page.reduce(upsert, cur));
      }, noop);
    },
    [roomId],
  );
  return { messages, setMessages, error, loaded, loadUpTo };
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

/** A thread: root + replies, live; refetched after a reconnect (resume does not replay thread-only replies). */
export function useThread(rootId: string) {
  const [root, setRoot] = useState<Message | null>(null);
  const [replies, setReplies] = useState<Message[]>([]);
  const [following, setFollowing] = useState<boolean | null>(null);
  const [error, setError] = useState("");
  const [reconnects, setReconnects] = useState(0);
  const readySeen = useRef(false);
  useFrames((f) => {
    if (f.t !== "ready") return;
    if (readySeen.current) setReconnects((n) => n + 1);
    readySeen.current = true;
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `reconnects` forces a refetch
  useEffect(() => {
    let live = true;
    api.get<Record<string, unknown>>(`/messages/${rootId}/thread`).then(
      (raw) => {
        if (!live) return;
        setRoot(asItem<Message>(raw.root ?? raw.message ?? null, "message"));
        setReplies(asList<Message>(raw.replies ?? raw.messages, "replies"));
        if (typeof raw.following === "boolean") setFollowing(raw.following);
      },
      (e) => live && setError(String(e.message ?? e)),
    );
    return () => {
      live = false;
    };
  }, [rootId, reconnects]);
  useFrames((f) => {
    if (f.t !== "message" && f.t !== "message.updated" && f.t !== "message.deleted") return;
    const m = f.message as unknown as Message;
    if (m.id === rootId && f.t !== "message.deleted") setRoot((r) => (r ? { ...r, ...m } : m));
    if (m.threadRootId !== rootId) return;
    if (f.t === "message.deleted") setReplies((cur) => cur.filter((x) => x.id !== m.id));
    else setReplies((cur) => upsertThread(cur, m));
  });
  return { root, replies, following, setFollowing, error };
}

function upsertThread(list: Message[], m: Message): Message[] {
  const i = list.findIndex((x) => x.id === m.id);
  if (i >= 0) return list.map((x, j) => (j === i ? { ...x, ...m } : x));
  return [...list, m];
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
