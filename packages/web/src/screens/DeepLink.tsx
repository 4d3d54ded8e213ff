import { useEffect } from "react";
import { queryErrorText, useApiQuery } from "../lib/query.ts";
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
  // Only a message without a thread in the link needs asking which thread (if any) it is in.
  const ask = messageId && !thread ? messageId : null;
  const found = useApiQuery<{ message: Message }>(
    ["messages", ask ?? ""],
    ask && `/messages/${encodeURIComponent(ask)}`,
  );
  const error = queryErrorText(found);
  const root = found.data?.message.threadRootId;
  const known = !ask || found.isSuccess;
  useEffect(() => {
    const room = `/chat/${encodeURIComponent(roomId)}`;
    const q = messageId ? `?message=${encodeURIComponent(messageId)}` : "";
    const inThread = thread ?? root;
    if (known) {
      navigate(`${room}${inThread ? `/thread/${encodeURIComponent(inThread)}` : ""}${q}`, true);
      return;
    }
    if (!error) return;
    // Deleted or not visible (GEN-5): still open the room, and say why nothing is highlighted.
    const t = setTimeout(() => navigate(room, true), 1500);
    return () => clearTimeout(t);
  }, [roomId, messageId, thread, root, known, error]);
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
