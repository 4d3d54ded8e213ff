import { useMe } from "../../lib/session.tsx";
import type { Message } from "../../lib/types.ts";
import { displayName, useUser } from "../../lib/users.ts";
import { formatTime } from "../../lib/when.ts";
import { MessageBody } from "../chat/MessageBody.tsx";

/** A message in a conversation: from the contact (no sender user), an agent reply, or a private note. */
export function SupportMessage({ message: m, contact }: { message: Message; contact?: string }) {
  const me = useMe();
  const sender = useUser(m.senderId);
  const fromContact = m.author ? m.author === "contact" : !m.senderId;
  const note = m.private === true || (m as { isPrivate?: boolean }).isPrivate === true;
  const who = fromContact ? (contact ?? "Contact") : (m.senderName ?? displayName(sender, "Agent"));
  return (
    <li className={`support-msg${fromContact ? " contact" : " agent"}${note ? " note" : ""}`}>
      <div className="message-head">
        <strong>{who}</strong>
        {note && <span className="tag">Private note</span>}
        <time className="muted">{formatTime(m.createdAt)}</time>
      </div>
      <MessageBody text={m.text} mentions={m.mentions} me={me.username} />
    </li>
  );
}
