import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { composing, sendsOnEnter } from "../../lib/enterKey.ts";
import { useKeywordHit } from "../../lib/keywordHit.ts";
import { linkClick, navigate } from "../../lib/router.ts";
import { useMe } from "../../lib/session.tsx";
import type { Message } from "../../lib/types.ts";
import { displayName, useUser } from "../../lib/users.ts";
import { formatTime } from "../../lib/when.ts";
import { Avatar } from "../Avatar.tsx";
import { ActionSheet, type MessageAction, useActionSheet } from "./ActionSheet.tsx";
import { MessageBody } from "./MessageBody.tsx";

// Opens on a click on a name; not part of the first load.
const ProfileCard = lazy(() => import("./ProfileCard.tsx").then((m) => ({ default: m.ProfileCard })));

/** One message. Its text is Markdown rendered into React elements (MEN-3), never HTML. */
export function MessageItem({
  message: m,
  roomId,
  inThread,
  continued,
  editSignal,
  onMarkUnread,
}: {
  message: Message;
  roomId: string;
  inThread?: boolean;
  /** Same author as the message above, moments later: drawn under that one's name and avatar. */
  continued?: boolean;
  /** Changes when the composer asks to edit this message (↑ in an empty box). */
  editSignal?: number;
  /** "Mark unread": this message and those after it count as unread again. */
  onMarkUnread?(m: Message): void;
}) {
  const me = useMe();
  const sender = useUser(m.senderId);
  const name = m.sender?.displayName ?? displayName(sender, m.kind === "system" ? "System" : "Someone");
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(m.text);
  const [error, setError] = useState("");
  const [card, setCard] = useState(false);
  const [sheet, setSheet] = useState(false);
  const sheetProps = useActionSheet(() => setSheet(true), editing);
  const mine = m.senderId === me.id;
  const keyword = useKeywordHit(m.kind === "system" ? "" : m.text, mine);

  const item = useRef<HTMLLIElement>(null);
  const fromComposer = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new signal opens the editor
  useEffect(() => {
    if (!editSignal) return;
    fromComposer.current = true;
    setDraft(m.text);
    setEditing(true);
  }, [editSignal]);

  function endEdit() {
    setEditing(false);
    // Opened by ↑ from the message box: typing goes on there.
    if (fromComposer.current)
      item.current?.closest("section, aside")?.querySelector<HTMLElement>(".composer textarea")?.focus();
    fromComposer.current = false;
  }

  function cancelEdit() {
    setDraft(m.text);
    setError("");
    endEdit();
  }

  async function saveEdit() {
    if (draft.trim() === m.text.trim()) return cancelEdit();
    try {
      await api.patch(`/messages/${m.id}`, { text: draft });
      setError("");
      endEdit();
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
  // One list for the hover bar (desktop) and the action sheet (phone), so both offer the same things.
  const actions: MessageAction[] = [];
  if (!inThread) actions.push({ label: "Reply in thread", run: () => navigate(threadUrl) });
  if (mine)
    actions.push({
      label: "Edit",
      run: () => {
        setDraft(m.text);
        setEditing(true);
      },
    });
  if (mine || me.role === "admin") actions.push({ label: "Delete", run: remove });
  if (!mine && onMarkUnread) actions.push({ label: "Mark unread", run: () => onMarkUnread(m) });
  if (!mine) actions.push({ label: "Why was I notified — or not?", href: `/explain/${m.id}` });
  return (
    <li
      ref={item}
      className={continued ? "message continued" : "message"}
      data-message-id={m.id}
      {...sheetProps}
    >
      {continued ? (
        <time className="gutter-time muted" dateTime={new Date(m.createdAt).toISOString()}>
          {formatTime(m.createdAt)}
        </time>
      ) : (
        <Avatar name={name} />
      )}
      <div className="message-main">
        {!continued && (
          <div className="message-head">
            <button type="button" className="sender" onClick={() => setCard(true)} aria-haspopup="dialog">
              {name}
            </button>
            <time className="muted" dateTime={new Date(m.createdAt).toISOString()}>
              {formatTime(m.createdAt)}
            </time>
            {m.editedAt && <span className="muted small">(edited)</span>}
            {keyword && <span className="keyword-hit small">your keyword “{keyword}”</span>}
          </div>
        )}
        {editing ? (
          <div className="edit">
            <textarea
              aria-label="Edit message"
              value={draft}
              // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this message
              autoFocus
              onFocus={(e) => e.currentTarget.setSelectionRange(draft.length, draft.length)}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                // As in the composer: Enter saves, Shift+Enter breaks the line, Escape leaves it as it was;
                // while an IME composes, its keys are its own.
                if (composing(e)) return;
                if (sendsOnEnter(e)) {
                  e.preventDefault();
                  saveEdit();
                } else if (e.key === "Escape") {
                  e.preventDefault();
                  cancelEdit();
                }
              }}
            />
            <p className="muted small">Enter to save · Escape to cancel</p>
            <div className="actions">
              <button type="button" className="primary" onClick={saveEdit}>
                Save
              </button>
              <button type="button" onClick={cancelEdit}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <MessageBody text={m.text} mentions={m.mentions} me={me.username} files={m.files} />
        )}
        {continued && (m.editedAt || keyword) && (
          <div className="muted small">
            {m.editedAt && "(edited) "}
            {keyword && <span className="keyword-hit">your keyword “{keyword}”</span>}
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
          {actions.map((a) =>
            a.href ? (
              <a key={a.label} href={a.href} onClick={linkClick(a.href)}>
                {a.label}
              </a>
            ) : (
              <button key={a.label} type="button" onClick={a.run}>
                {a.label}
              </button>
            ),
          )}
        </div>
      </div>
      {sheet && (
        <ActionSheet
          title={`Message from ${name}`}
          // A long press is how a phone selects text: the sheet offers the copy instead.
          actions={m.text ? [...actions, { label: "Copy text", run: () => copyText(m.text) }] : actions}
          onClose={() => setSheet(false)}
        />
      )}
      {card && m.senderId && (
        <Suspense fallback={null}>
          <ProfileCard userId={m.senderId} onClose={() => setCard(false)} />
        </Suspense>
      )}
    </li>
  );
}

function copyText(text: string): void {
  navigator.clipboard?.writeText(text).catch(() => undefined);
}
