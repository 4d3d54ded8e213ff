import { useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { formatTime } from "../../lib/data.ts";
import { linkClick, navigate } from "../../lib/router.ts";
import { useMe } from "../../lib/session.tsx";
import type { Message } from "../../lib/types.ts";
import { displayName, useUser } from "../../lib/users.ts";
import { Avatar } from "../Avatar.tsx";
import { MessageText } from "./MessageText.tsx";
import { ProfileCard } from "./ProfileCard.tsx";

/** One message. Its text is a React text node (white-space: pre-wrap), never HTML. */
export function MessageItem({
  message: m,
  roomId,
  inThread,
}: {
  message: Message;
  roomId: string;
  inThread?: boolean;
}) {
  const me = useMe();
  const sender = useUser(m.senderId);
  const name = m.sender?.displayName ?? displayName(sender, m.kind === "system" ? "System" : "Someone");
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(m.text);
  const [error, setError] = useState("");
  const [card, setCard] = useState(false);
  const mine = m.senderId === me.id;

  async function saveEdit() {
    try {
      await api.patch(`/messages/${m.id}`, { text: draft });
      setEditing(false);
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function remove() {
    if (!window.confirm("Delete this message?")) return;
    try {
      await api.del(`/messages/${m.id}`);
    } catch (e) {
      setError(errorText(e));
    }
  }

  if (m.kind === "system") {
    return (
      <li className="message system">
        <span>{m.text}</span> <time className="muted">{formatTime(m.createdAt)}</time>
      </li>
    );
  }
  const threadUrl = `/chat/${roomId}/thread/${m.threadRootId ?? m.id}`;
  return (
    <li className="message" data-message-id={m.id}>
      <Avatar name={name} />
      <div className="message-main">
        <div className="message-head">
          <button type="button" className="sender" onClick={() => setCard(true)} aria-haspopup="dialog">
            {name}
          </button>
          <time className="muted" dateTime={new Date(m.createdAt).toISOString()}>
            {formatTime(m.createdAt)}
          </time>
          {m.editedAt && <span className="muted small">(edited)</span>}
        </div>
        {editing ? (
          <div className="edit">
            <textarea aria-label="Edit message" value={draft} onChange={(e) => setDraft(e.target.value)} />
            <div className="actions">
              <button type="button" className="primary" onClick={saveEdit}>
                Save
              </button>
              <button type="button" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <div className="text">
            <MessageText text={m.text} me={me.username} />
          </div>
        )}
        {!inThread && (m.replyCount ?? 0) > 0 && (
          <div className="replies-line">
            <a className="replies" href={threadUrl} onClick={linkClick(threadUrl)}>
              {m.replyCount} {m.replyCount === 1 ? "reply" : "replies"}
            </a>
            {m.lastReplyAt ? <span className="muted small"> · last {formatTime(m.lastReplyAt)}</span> : null}
          </div>
        )}
        {error && <p className="error">{error}</p>}
        <div className="message-actions">
          {!inThread && (
            <button type="button" onClick={() => navigate(threadUrl)}>
              Reply in thread
            </button>
          )}
          {mine && (
            <button type="button" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {(mine || me.role === "admin") && (
            <button type="button" onClick={remove}>
              Delete
            </button>
          )}
          {!mine && (
            <a href={`/explain/${m.id}`} onClick={linkClick(`/explain/${m.id}`)}>
              Why was I notified — or not?
            </a>
          )}
        </div>
      </div>
      {card && m.senderId && <ProfileCard userId={m.senderId} onClose={() => setCard(false)} />}
    </li>
  );
}
