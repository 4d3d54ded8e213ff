import { useEffect, useRef, useState } from "react";
import { api } from "../../lib/api.ts";
import { useHighlightMessage } from "../../lib/highlight.ts";
import { useLive } from "../../lib/live.tsx";
import { useMarkRead, useRoomMessages } from "../../lib/messages.ts";
import type { Message, Room } from "../../lib/types.ts";
import { Composer } from "./Composer.tsx";
import { MessageItem } from "./MessageItem.tsx";
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
  const { messages, error, loaded, loadUpTo } = useRoomMessages(roomId);
  const [hints, setHints] = useState<string[]>([]);
  const listRef = useRef<HTMLOListElement>(null);
  const lastSeq = messages.length ? Math.max(...messages.map((m) => m.seq || 0)) : undefined;

  // The gateway suppresses banners and sounds for the room (or thread) in view while focused (DSK-2).
  useEffect(() => {
    setView({ roomId, threadId });
    return () => setView({});
  }, [roomId, threadId, setView]);
  useMarkRead(`/rooms/${roomId}/read`, lastSeq);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the count changes
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length]);
  // Email links and push / banner clicks (DSK-6) name a message: show it, loading older history if needed.
  const linked = useHighlightMessage(listRef, loaded, messages.length);
  const olderTried = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per linked id, after the first page
  useEffect(() => {
    if (!loaded || !linked.id || linked.found() || olderTried.current === linked.id) return;
    olderTried.current = linked.id;
    api.get<{ message?: Message }>(`/messages/${encodeURIComponent(linked.id)}`).then(
      (r) => r.message && !r.message.threadRootId && loadUpTo(r.message.seq),
      () => undefined,
    );
  }, [loaded, linked.id, loadUpTo]);

  return (
    <section className="room" aria-label="Conversation">
      <RoomHeader roomId={roomId} room={room} onChanged={onChanged} />
      <ol className="messages" ref={listRef} aria-label="Messages" aria-live="polite">
        {error && <li className="error">{error}</li>}
        {loaded && messages.length === 0 && <li className="empty">No messages yet. Say hello!</li>}
        {messages.map((m) => (
          <MessageItem key={m.id} message={m} roomId={roomId} />
        ))}
      </ol>
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
      <Composer roomId={roomId} onHints={setHints} label={`Message ${room?.name ?? ""}`.trim()} />
    </section>
  );
}
