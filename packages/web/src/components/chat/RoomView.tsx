import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { api } from "../../lib/api.ts";
import { useHighlightMessage } from "../../lib/highlight.ts";
import { useLive } from "../../lib/live.tsx";
import { useMarkRead, useRoomMessages } from "../../lib/messages.ts";
import { keys } from "../../lib/query.ts";
import { useMe } from "../../lib/session.tsx";
import type { Message, Room } from "../../lib/types.ts";
import { Composer } from "./Composer.tsx";
import { MessageList } from "./MessageList.tsx";
import { RoomHeader } from "./RoomHeader.tsx";

export function RoomView({
  roomId,
  room,
  threadId,
  onChanged,
}: {
  roomId: string;
  room?: Room;
  threadId?: string;
  onChanged(): void;
}) {
  const { setView } = useLive();
  const client = useQueryClient();
  const history = useRoomMessages(roomId);
  const { messages, loaded, loadUpTo } = history;
  const [hints, setHints] = useState<string[]>([]);
  const me = useMe();
  const [editing, setEditing] = useState<{ id: string; n: number }>();
  function editLast() {
    const mine = messages.findLast((m) => m.senderId === me.id && m.kind !== "system");
    if (mine) setEditing((e) => ({ id: mine.id, n: (e?.n ?? 0) + 1 }));
  }
  const listRef = useRef<HTMLOListElement>(null);
  const lastSeq = messages.length ? messages.reduce((n, m) => Math.max(n, m.seq || 0), 0) : undefined;

  // The gateway suppresses banners and sounds for the room (or thread) in view while focused (DSK-2).
  useEffect(() => {
    setView({ roomId, threadId });
    return () => setView({});
  }, [roomId, threadId, setView]);
  useMarkRead(`/rooms/${roomId}/read`, lastSeq);

  // Email links and push / banner clicks (DSK-6) name a message: show it, loading older history if needed.
  const linked = useHighlightMessage(listRef, loaded, messages.length);
  const olderTried = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per linked id, after the first page
  useEffect(() => {
    if (!loaded || !linked.id || linked.found() || olderTried.current === linked.id) return;
    olderTried.current = linked.id;
    // Through the cache: the same answer the "Why?" screen reads for this message (ExplainSubject).
    const id = linked.id;
    client
      .fetchQuery({
        queryKey: keys.message(id),
        queryFn: () => api.get<{ message?: Message }>(`/messages/${encodeURIComponent(id)}`),
      })
      .then(
        (r) => {
          if (r.message && !r.message.threadRootId) loadUpTo(r.message.seq);
        },
        () => undefined,
      );
  }, [loaded, linked.id, loadUpTo, client]);

  return (
    <section className="room" aria-label="Conversation">
      <RoomHeader roomId={roomId} room={room} onChanged={onChanged} />
      <MessageList
        roomId={roomId}
        listRef={listRef}
        messages={messages}
        loaded={loaded}
        error={history.error}
        atStart={history.atStart}
        loadingOlder={history.loadingOlder}
        readSeq={history.readSeq}
        heldFromSeq={history.heldFromSeq}
        loadOlder={history.loadOlder}
        loadUpTo={loadUpTo}
        editing={editing}
        onMarkUnread={(m) => {
          // The line moves to this message now; the sidebar and badge follow the server's read frame.
          api.post(`/rooms/${roomId}/unread`, { messageId: m.id }).then(
            () => history.setReadSeq(m.seq - 1),
            () => undefined,
          );
        }}
      />
      {hints.length > 0 && (
        <div className="hints" aria-live="polite">
          {hints.map((h) => (
            <p key={h} className="hint">
              {h}
              <button
                type="button"
                className="link"
                onClick={() => setHints((cur) => cur.filter((x) => x !== h))}
              >
                Dismiss
              </button>
            </p>
          ))}
        </div>
      )}
      <Composer
        roomId={roomId}
        onHints={setHints}
        onEditLast={editLast}
        label={`Message ${room?.name ?? ""}`.trim()}
      />
    </section>
  );
}
