import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api } from "./api.ts";
import { keys, queryErrorText, useApiQuery } from "./query.ts";
import {
  flatten,
  type History,
  type HistoryPage,
  heldFrom,
  newestWithArrivals,
  olderCursor,
  toPage,
} from "./room-history.ts";
import type { ThreadAnswer } from "./thread.ts";
import type { Message } from "./types.ts";

/** Page size of room history: the newest page on open, then one per scroll to the top. */
export const PAGE = 50;

/** A page of history; `before` null = the newest, which also brings my read position. */
async function loadPage(roomId: string, before: number | null, limit: number): Promise<HistoryPage> {
  const page = (readSeq?: number | null) =>
    api
      .get<{ messages: Message[] }>(
        `/rooms/${roomId}/messages?${before === null ? "" : `before=${before}&`}limit=${limit}`,
      )
      .then((r) => toPage(r.messages, limit, readSeq));
  if (before !== null) return page();
  // The read position first: marking read starts as soon as the page shows.
  return newestWithArrivals(roomId, () =>
    api
      .get<{ lastReadSeq?: number | null }>(`/rooms/${roomId}`)
      .then(
        (r) => r.lastReadSeq ?? 0,
        () => null,
      )
      .then(page),
  );
}

/**
 * Room history plus live updates, an infinite query whose pages go back in time (realtime frames patch it in
 * frame-cache.ts). Opens on the newest page; `loadOlder` fetches the page before the oldest message held
 * (cursor: its seq, also given as `heldFromSeq`) until the room's first message is reached (`atStart`).
 * `readSeq` is my read position when the room opened, so the "new messages" line stays where it was while
 * I read. Thread-only replies (seq 0) stay out of the room and bump the root's count.
 */
export function useRoomMessages(roomId: string) {
  const client = useQueryClient();
  // The size of the next older page: one per scroll, larger when jumping a long way back.
  const size = useRef(PAGE);
  const q = useInfiniteQuery({
    queryKey: keys.history(roomId),
    queryFn: ({ pageParam }) => loadPage(roomId, pageParam, pageParam === null ? PAGE : size.current),
    initialPageParam: null as number | null,
    getNextPageParam: (_last, pages) => olderCursor(pages),
    // Frames keep it current; a reload would fetch every page again. A room opened again starts afresh.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
  const pages = q.data?.pages;
  const messages = useMemo(() => (pages ? flatten(pages) : []), [pages]);
  const loaded = pages !== undefined;
  const atStart = loaded && !q.hasNextPage;
  // Marking a message unread moves the line there (for this room only).
  const [marked, setMarked] = useState<{ roomId: string; seq: number } | null>(null);
  const readSeq = marked?.roomId === roomId ? marked.seq : (pages?.[0]?.readSeq ?? null);
  const setReadSeq = useCallback((seq: number) => setMarked({ roomId, seq }), [roomId]);
  const fetchOlder = useRef(q.fetchNextPage);
  fetchOlder.current = q.fetchNextPage;
  const pending = useRef<{ roomId: string; run: Promise<boolean> } | null>(null);

  const held = useCallback(
    () => client.getQueryData<History>(keys.history(roomId))?.pages ?? null,
    [client, roomId],
  );
  /** One page older than the oldest message held; resolves false when there was nothing (more) to load. */
  const loadOlder = useCallback(
    (n = PAGE): Promise<boolean> => {
      // A load already running answers for this call too (a scroll and a jump asking at once).
      if (pending.current?.roomId === roomId) return pending.current.run;
      const before = held();
      if (!before || olderCursor(before) === undefined) return Promise.resolve(false);
      size.current = n;
      const run = fetchOlder
        .current()
        .then(
          (r) => {
            const after = r.data?.pages ?? [];
            return after.length > before.length && (after[after.length - 1]?.oldest ?? null) !== null;
          },
          () => false,
        )
        .finally(() => {
          if (pending.current?.run === run) pending.current = null;
        });
      pending.current = { roomId, run };
      return run;
    },
    [roomId, held],
  );
  /** Loads older pages until `seq` is held (a linked message, the first unread), keeping history unbroken. */
  const loadUpTo = useCallback(
    async (seq: number) => {
      for (;;) {
        const pages = held();
        const from = pages ? heldFrom(pages) : null;
        if (from === null || from <= seq || !(await loadOlder(200))) break;
      }
    },
    [held, loadOlder],
  );
  return {
    messages,
    error: loaded ? "" : queryErrorText(q),
    loaded,
    loadUpTo,
    loadOlder,
    atStart,
    loadingOlder: q.isFetchingNextPage,
    readSeq,
    setReadSeq,
    heldFromSeq: pages ? heldFrom(pages) : null,
  };
}

/**
 * A thread: root + replies, a query that frames keep current (frame-cache.ts adds, edits and removes replies
 * and reloads it after a reconnect, since resume does not replay thread-only replies).
 */
export function useThread(rootId: string) {
  const client = useQueryClient();
  const q = useApiQuery<ThreadAnswer>(keys.thread(rootId), `/messages/${rootId}/thread`);
  const setFollowing = useCallback(
    async (following: boolean) => {
      // A read of the thread sent before the change would answer with the old state after it: drop it first.
      await client.cancelQueries({ queryKey: keys.thread(rootId) });
      client.setQueryData<ThreadAnswer>(keys.thread(rootId), (t) => (t ? { ...t, following } : t));
    },
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
