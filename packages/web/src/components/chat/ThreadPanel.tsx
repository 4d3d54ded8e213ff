import { useRef, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { useHighlightMessage } from "../../lib/highlight.ts";
import { useMarkRead, useThread } from "../../lib/messages.ts";
import { linkClick } from "../../lib/router.ts";
import { useMe } from "../../lib/session.tsx";
import { Composer } from "./Composer.tsx";
import { MessageItem } from "./MessageItem.tsx";

/** A thread beside the room: replies, follow / unfollow, its own read position. */
export function ThreadPanel({ roomId, rootId }: { roomId: string; rootId: string }) {
  const { root, replies, following, setFollowing, error } = useThread(rootId);
  const [hints, setHints] = useState<string[]>([]);
  const me = useMe();
  const [editing, setEditing] = useState<{ id: string; n: number }>();
  function editLast() {
    const mine = [root, ...replies].findLast((m) => m?.senderId === me.id);
    if (mine) setEditing((e) => ({ id: mine.id, n: (e?.n ?? 0) + 1 }));
  }
  const signal = (id: string) => (editing?.id === id ? editing.n : undefined);
  const [err, setErr] = useState("");
  const last = replies.length ? Math.max(...replies.map((r) => r.threadSeq ?? 0)) : undefined;
  const listRef = useRef<HTMLOListElement>(null);
  useHighlightMessage(listRef, root !== null, replies.length); // ?message= of a reply (email, push)
  useMarkRead(`/threads/${rootId}/read`, last);

  async function toggleFollow() {
    try {
      if (following) await api.del(`/messages/${rootId}/follow`);
      else await api.post(`/messages/${rootId}/follow`);
      await setFollowing(!following);
    } catch (e) {
      setErr(errorText(e));
    }
  }

  return (
    <aside className="thread" aria-label="Thread">
      <header className="thread-head">
        <h2>Thread</h2>
        {/* Until the thread is read, whether I follow it is unknown: a toggle then would guess. */}
        <button
          type="button"
          onClick={toggleFollow}
          aria-pressed={Boolean(following)}
          disabled={following === null}
        >
          {following ? "Unfollow" : "Follow"}
        </button>
        <a
          href={`/chat/${roomId}`}
          onClick={linkClick(`/chat/${roomId}`)}
          aria-label="Close thread"
          className="icon"
        >
          ×
        </a>
      </header>
      {(error || err) && <p className="error">{error || err}</p>}
      <ol className="messages" aria-label="Thread replies" ref={listRef}>
        {root && <MessageItem message={root} roomId={roomId} inThread editSignal={signal(root.id)} />}
        {replies.map((m) => (
          <MessageItem key={m.id} message={m} roomId={roomId} inThread editSignal={signal(m.id)} />
        ))}
      </ol>
      {hints.map((h) => (
        <p key={h} className="hint">
          {h}
        </p>
      ))}
      <Composer
        roomId={roomId}
        threadRootId={rootId}
        label="Reply in thread"
        onHints={setHints}
        onSent={() => setFollowing(true)}
        onEditLast={editLast}
      />
    </aside>
  );
}
