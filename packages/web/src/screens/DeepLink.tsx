import { useEffect, useState } from "react";
import { api, errorText } from "../lib/api.ts";
import { asItem } from "../lib/data.ts";
import { navigate, useLocation } from "../lib/router.ts";
import type { Message } from "../lib/types.ts";

/**
 * Links from emails (EML-4: `/rooms/<room>?message=<id>[&thread=<root>]`) and other apps: open the room —
 * or, for a thread reply, its thread — with that message scrolled to and highlighted. `/conversations/<id>`
 * opens the support conversation. Push and banner clicks (DSK-6) land on the same `?message=` handling.
 */
export function RoomDeepLink({ roomId }: { roomId: string }) {
  const { query } = useLocation();
  const messageId = query.get("message");
  const thread = query.get("thread");
  const [error, setError] = useState("");
  useEffect(() => {
    const room = `/chat/${encodeURIComponent(roomId)}`;
    const q = messageId ? `?message=${encodeURIComponent(messageId)}` : "";
    if (!messageId || thread) {
      navigate(`${room}${thread ? `/thread/${encodeURIComponent(thread)}` : ""}${q}`, true);
      return;
    }
    let live = true;
    api.get<unknown>(`/messages/${encodeURIComponent(messageId)}`).then(
      (raw) => {
        if (!live) return;
        const m = asItem<Message>(raw, "message");
        const root = m.threadRootId;
        navigate(`${room}${root ? `/thread/${encodeURIComponent(root)}` : ""}${q}`, true);
      },
      (e) => {
        // Deleted or not visible (GEN-5): still open the room, and say why nothing is highlighted.
        if (live) setError(errorText(e));
        if (live) setTimeout(() => navigate(room, true), 1500);
      },
    );
    return () => {
      live = false;
    };
  }, [roomId, messageId, thread]);
  return (
    <p className="empty">{error ? `That message is not available: ${error}` : "Opening the message…"}</p>
  );
}

export function ConversationDeepLink({ id }: { id: string }) {
  useEffect(() => {
    navigate(`/support/c/${encodeURIComponent(id)}`, true);
  }, [id]);
  return <p className="empty">Opening the conversation…</p>;
}
