import { useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { dayLabel } from "../../lib/history.ts";
import { queryErrorText } from "../../lib/query.ts";
import { roomLabel } from "../../lib/rooms.ts";
import { linkClick } from "../../lib/router.ts";
import { useMe } from "../../lib/session.tsx";
import { type FollowedThread, useFollowedThreads } from "../../lib/threads.ts";
import type { Room } from "../../lib/types.ts";
import { displayName, useUser } from "../../lib/users.ts";
import { clockText } from "../../lib/when.ts";
import { Avatar } from "../Avatar.tsx";
import { RoomKindIcon } from "../Icon.tsx";

/** Every thread I follow, the most recently active first, with its unread replies; a row opens the thread. */
export function ThreadsView({ rooms }: { rooms: Room[] }) {
  const threads = useFollowedThreads();
  const list = threads.data?.threads ?? [];
  const [error, setError] = useState("");
  // The list, the sidebar row and the badge follow from the server's read frames: this only asks.
  const readAll = () =>
    api.post("/threads/read-all").then(
      () => setError(""),
      (e) => setError(errorText(e)),
    );
  return (
    <section className="room threads-view" aria-label="Threads">
      <header className="room-header">
        <a href="/chat" onClick={linkClick("/chat")} className="back" aria-label="Back to rooms">
          ‹
        </a>
        <h1>Threads</h1>
        <button
          type="button"
          className="threads-read-all"
          disabled={!list.some((t) => t.unread > 0)}
          onClick={readAll}
        >
          Mark all as read
        </button>
      </header>
      {(threads.error || error) && <p className="error">{queryErrorText(threads) || error}</p>}
      {threads.data && list.length === 0 && (
        <p className="empty">
          No threads yet. Reply in a thread, or open one and choose Follow, and its new replies show here.
        </p>
      )}
      <ul className="thread-list">
        {list.map((t) => (
          <ThreadRow key={t.rootId} t={t} room={rooms.find((r) => r.id === t.roomId)} />
        ))}
      </ul>
    </section>
  );
}

function ThreadRow({ t, room }: { t: FollowedThread; room?: Room }) {
  const me = useMe();
  const sender = useUser(t.rootSenderId ?? undefined);
  const name = displayName(sender, "Someone");
  const where = room ? roomLabel(room, me) : t.roomName || "Direct message";
  const url = `/chat/${t.roomId}/thread/${t.rootId}`;
  const now = Date.now();
  const when =
    dayLabel(t.lastReplyAt, now) === "Today" ? clockText(t.lastReplyAt, now) : dayLabel(t.lastReplyAt, now);
  return (
    <li>
      <a
        href={url}
        onClick={linkClick(url)}
        className={`thread-row${t.unread > 0 ? " unread" : ""}`}
        data-thread={t.rootId}
      >
        <Avatar name={name} />
        <span className="thread-row-main">
          <span className="thread-row-room">
            <RoomKindIcon kind={room?.kind ?? t.roomKind} />
            {where}
          </span>
          <span className="thread-row-text">
            <strong>{name}</strong> {t.rootText ?? <em className="muted">This message was deleted.</em>}
          </span>
          <span className="muted small">
            {t.replyCount} {t.replyCount === 1 ? "reply" : "replies"} · last reply {when}
          </span>
        </span>
        {t.unread > 0 && (
          <span className={`pill${t.mentions > 0 ? " mention-count" : " unread-count"}`}>
            {t.unread}
            <span className="sr-only">{t.unread === 1 ? " unread reply" : " unread replies"}</span>
          </span>
        )}
      </a>
    </li>
  );
}
