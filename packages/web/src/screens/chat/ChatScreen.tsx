import { useEffect, useRef } from "react";
import { RoomView } from "../../components/chat/RoomView.tsx";
import { Sidebar } from "../../components/chat/Sidebar.tsx";
import { ThreadPanel } from "../../components/chat/ThreadPanel.tsx";
import { useRooms } from "../../lib/rooms.ts";

export function ChatScreen({ roomId, threadId }: { roomId?: string; threadId?: string }) {
  const rooms = useRooms();
  const room = rooms.data?.find((r) => r.id === roomId);
  // A room opened by link or just created elsewhere (a DM from a profile card, a joined channel) is not in
  // the list yet: fetch the list again once for it.
  const missing = Boolean(roomId && rooms.data && !room);
  const reload = rooms.reload;
  const asked = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (missing && asked.current !== roomId) {
      asked.current = roomId;
      reload();
    }
  }, [missing, roomId, reload]);
  return (
    <div className={`chat${roomId ? " has-room" : ""}${threadId ? " has-thread" : ""}`}>
      <Sidebar rooms={rooms.data ?? []} activeId={roomId} onCreated={rooms.reload} />
      {rooms.error && <p className="error">{rooms.error}</p>}
      {roomId ? (
        <RoomView
          key={roomId}
          roomId={roomId}
          room={room}
          threadId={threadId}
          onChanged={() => {
            rooms.reload();
            rooms.prefsChanged();
          }}
        />
      ) : (
        <div className="room-empty empty">Pick a room or start a conversation.</div>
      )}
      {roomId && threadId && <ThreadPanel key={threadId} roomId={roomId} rootId={threadId} />}
    </div>
  );
}
