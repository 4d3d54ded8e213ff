import { parseMessage } from "@herald/core";
import { keys, useApiQuery } from "../lib/query.ts";
import { linkClick } from "../lib/router.ts";
import type { Message, Room } from "../lib/types.ts";
import { displayName, useUser } from "../lib/users.ts";
import { formatTime } from "../lib/when.ts";

/** What the explain answer says it is about (EXP-1): room, sender, first line. */
export interface Subject {
  roomId?: string | null;
  roomName?: string | null;
  roomKind?: string | null;
  conversationId?: string | null;
  senderId?: string | null;
  senderName?: string | null;
  firstLine?: string;
  createdAt?: number | null;
}

/**
 * Which message the explanation is about. Uses the answer's `subject` when the server sends one, else reads
 * the message and its room itself (GET /messages/:id, /rooms/:id).
 */
export function ExplainSubject({ messageId, subject }: { messageId: string; subject?: Subject | null }) {
  const mine = !subject && Boolean(messageId);
  const m = useApiQuery<{ message: Message }>(
    keys.message(messageId),
    mine ? `/messages/${encodeURIComponent(messageId)}` : null,
  ).data?.message;
  const room = useApiQuery<{ room: Room }>(keys.room(m?.roomId ?? ""), m ? `/rooms/${m.roomId}` : null).data
    ?.room;
  const own: Subject | null = m
    ? {
        roomId: m.roomId,
        roomName: room?.name ?? null,
        roomKind: room?.kind ?? null,
        senderId: m.senderId,
        // DSK-4's first line, Markdown removed — from the same parser the server uses.
        firstLine: parseMessage(m.text ?? "").firstLine.slice(0, 200),
        createdAt: m.createdAt,
      }
    : null;
  const s = subject ?? own;
  const sender = useUser(s?.senderName ? null : s?.senderId);
  if (!s) return null;
  const who = s.senderName || displayName(sender, s.senderId ? "Someone" : "The contact");
  const where =
    s.roomKind === "dm" || s.roomKind === "gdm"
      ? "a direct message"
      : s.roomKind === "conversation"
        ? "a support conversation"
        : s.roomName
          ? `#${s.roomName}`
          : "a room";
  const href = s.conversationId
    ? `/support/c/${s.conversationId}`
    : s.roomId
      ? `/chat/${s.roomId}?message=${encodeURIComponent(messageId)}`
      : null;
  return (
    <section className="card explain-subject" aria-label="The message">
      <div className="muted small">
        <strong className="sender-name">{who}</strong> in {where}
        {s.createdAt ? ` · ${formatTime(s.createdAt)}` : ""}
      </div>
      <blockquote className="text">
        {s.firstLine || <em className="muted">(no text — deleted?)</em>}
      </blockquote>
      {href && (
        <a href={href} onClick={linkClick(href)} className="small">
          Open the message
        </a>
      )}
    </section>
  );
}
