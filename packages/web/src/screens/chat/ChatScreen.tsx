import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useCallback, useEffect, useRef } from "react";
import { Sidebar } from "../../components/chat/Sidebar.tsx";
import { roomsChanged, useRooms } from "../../lib/rooms.ts";

// A room's messages (and with them the Markdown renderer, a third of the app's script) load when a room opens:
// the first screen, the room list, does without them (docs/BENCHMARKS.md, "Web app").
const RoomView = lazy(() =>
  import("../../components/chat/RoomView.tsx").then((m) => ({ default: m.RoomView })),
);
const ThreadPanel = lazy(() =>
  import("../../components/chat/ThreadPanel.tsx").then((m) => ({ default: m.ThreadPanel })),
);
// The Threads view is a screen of its own: it loads when first opened.
const ThreadsView = lazy(() =>
  import("../../components/chat/ThreadsView.tsx").then((m) => ({ default: m.ThreadsView })),
);

/** `/chat/threads` is the Threads view (no room id is that word); anything else under /chat is a room. */
export function ChatScreen({ roomId: path, threadId }: { roomId?: string; threadId?: string }) {
  const threads = path === "threads";
  const roomId = threads ? undefined : path;
  const rooms = useRooms();
  const client = useQueryClient();
  const reload = useCallback(() => roomsChanged(client), [client]);
  const room = rooms.data?.find((r) => r.id === roomId);
  // A room opened by link or just created elsewhere (a DM from a profile card, a joined channel) is not in
  // the list yet: fetch the list again once for it.
  const missing = Boolean(roomId && rooms.data && !room);
  const asked = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (missing && asked.current !== roomId) {
      asked.current = roomId;
      reload();
    }
  }, [missing, roomId, reload]);
  return (
    <div className={`chat${roomId || threads ? " has-room" : ""}${threadId ? " has-thread" : ""}`}>
      <Sidebar rooms={rooms.data ?? []} activeId={threads ? "threads" : roomId} onCreated={reload} />
      {rooms.error && <p className="error">{rooms.error}</p>}
      {threads ? (
        <Suspense fallback={<div className="room-empty empty">Loading…</div>}>
          <ThreadsView rooms={rooms.data ?? []} />
        </Suspense>
      ) : roomId ? (
        <Suspense fallback={<div className="room-empty empty">Loading…</div>}>
          <RoomView key={roomId} roomId={roomId} room={room} threadId={threadId} onChanged={reload} />
        </Suspense>
      ) : (
        <div className="room-empty empty">Pick a room or start a conversation.</div>
      )}
      {roomId && threadId && (
        <Suspense fallback={null}>
          <ThreadPanel key={threadId} roomId={roomId} rootId={threadId} />
        </Suspense>
      )}
    </div>
  );
}
