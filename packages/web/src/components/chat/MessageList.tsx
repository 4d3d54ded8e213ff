import { type RefObject, useLayoutEffect, useRef, useState } from "react";
import { firstUnread, historyRows } from "../../lib/history.ts";
import { useMe } from "../../lib/session.tsx";
import type { Message } from "../../lib/types.ts";
import { MessageItem } from "./MessageItem.tsx";

/** Within this many pixels of an edge counts as there: older pages load, new messages keep the list pinned. */
const NEAR_TOP = 300;
const NEAR_BOTTOM = 60;

interface Props {
  roomId: string;
  listRef: RefObject<HTMLOListElement | null>;
  messages: Message[];
  loaded: boolean;
  error: string;
  atStart: boolean;
  loadingOlder: boolean;
  readSeq: number | null;
  /** The oldest seq the loaded pages reach; null before the first page. */
  heldFromSeq: number | null;
  loadOlder(): Promise<boolean>;
  loadUpTo(seq: number): Promise<void>;
  /** The message the composer asked to edit, and a counter that changes with each ask. */
  editing?: { id: string; n: number };
  onMarkUnread?(m: Message): void;
}

/**
 * A room's history: day lines, author groups, the "new messages" line, paging back on scroll (the message in
 * view stays put while an older page lands above it) and the two jump controls.
 */
export function MessageList(p: Props) {
  const me = useMe();
  const { listRef, messages } = p;
  const heldFrom = p.atStart ? 0 : (p.heldFromSeq ?? Number.POSITIVE_INFINITY);
  const unread = firstUnread(messages, p.readSeq, me.id, heldFrom);
  const lastSeq = messages.reduce((n, m) => Math.max(n, m.seq || 0), 0);
  // Unread may begin before the oldest page held: the line is not drawn yet, but the jump still leads there.
  const hasUnread =
    p.readSeq !== null && lastSeq > p.readSeq && (unread !== undefined || heldFrom > p.readSeq + 1);
  const rows = historyRows(messages, unread?.id);
  const [away, setAway] = useState({ fromBottom: false, unreadHidden: false });
  const prev = useRef({ first: "", last: "", pinned: true, opened: false });
  // The message at the top of the view and how far below the top it sits: after an older page lands above,
  // it is put back exactly there (its own header may shrink once it joins the group above, so the total
  // height is no guide).
  const anchor = useRef<{ id: string; delta: number } | null>(null);
  // A jump to the first unread waits for its pages: the commit that draws the line puts it in view, so keeping
  // the old view in place for the page that landed above never undoes the jump.
  const jumping = useRef(false);
  // Counts finished jumps: its own commit comes after the loaded rows' (React renders updates in order), where
  // a frame callback may run before React has drawn them.
  const [jumped, setJumped] = useState(0);

  /** Scrolls the "new messages" line into view; false while it is not rendered yet. */
  function showUnreadLine(el: HTMLElement): boolean {
    const line = el.querySelector<HTMLElement>(".unread-line");
    if (!line) return false;
    el.scrollTop = Math.max(0, line.offsetTop - 40);
    return true;
  }

  function measure() {
    const el = listRef.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight > NEAR_BOTTOM;
    prev.current.pinned = !fromBottom;
    anchor.current = topMessage(el);
    const line = el.querySelector<HTMLElement>(".unread-line");
    const unreadHidden =
      hasUnread &&
      (!line || line.offsetTop < el.scrollTop || line.offsetTop > el.scrollTop + el.clientHeight);
    setAway((a) =>
      a.fromBottom === fromBottom && a.unreadHidden === unreadHidden ? a : { fromBottom, unreadHidden },
    );
    if (el.scrollTop < NEAR_TOP && p.loaded && !p.atStart && !p.loadingOlder) p.loadOlder();
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after every change of the rows
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el || !p.loaded) return;
    const first = messages[0]?.id ?? "";
    const last = messages[messages.length - 1]?.id ?? "";
    const was = prev.current;
    if (!was.opened) {
      // Open at the "new messages" line when it is held, else at the newest message.
      if (!showUnreadLine(el)) el.scrollTop = el.scrollHeight;
      was.opened = true;
    } else if (jumping.current && showUnreadLine(el)) {
      jumping.current = false;
    } else if (first !== was.first && last === was.last && anchor.current) {
      // An older page landed above: keep what was in view where it was.
      const a = el.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(anchor.current.id)}"]`);
      if (a) el.scrollTop = a.offsetTop - anchor.current.delta;
    } else if (last !== was.last && (was.pinned || messages[messages.length - 1]?.senderId === me.id)) {
      el.scrollTop = el.scrollHeight;
    }
    was.first = first;
    was.last = last;
    measure();
  }, [messages, p.loaded, p.atStart, p.readSeq, p.heldFromSeq]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per finished jump
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!jumped || !el) return;
    // The rows were already there (nothing left to load), or the line is not drawn at all (no unread from
    // others after all): the jump ends here either way.
    if (jumping.current) showUnreadLine(el);
    jumping.current = false;
    measure();
  }, [jumped]);

  async function jumpToUnread() {
    if (p.readSeq === null) return;
    jumping.current = true;
    await p.loadUpTo(p.readSeq + 1);
    setJumped((n) => n + 1);
  }

  function jumpToLatest() {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
    measure();
  }

  return (
    <div className="history">
      <ol className="messages" ref={listRef} aria-label="Messages" aria-live="polite" onScroll={measure}>
        {p.error && <li className="error">{p.error}</li>}
        {p.loaded && p.atStart && messages.length > 0 && (
          <li className="history-start muted small">This is the very beginning of the conversation.</li>
        )}
        {p.loaded && messages.length === 0 && <li className="empty">No messages yet. Say hello!</li>}
        {rows.map((r) =>
          r.kind === "day" ? (
            <li key={r.key} className="day-line">
              <span>{r.label}</span>
            </li>
          ) : r.kind === "unread" ? (
            <li key={r.key} className="unread-line">
              <span>New messages</span>
            </li>
          ) : (
            <MessageItem
              key={r.key}
              message={r.message}
              roomId={p.roomId}
              continued={r.continued}
              editSignal={p.editing?.id === r.key ? p.editing.n : undefined}
              onMarkUnread={p.onMarkUnread}
            />
          ),
        )}
      </ol>
      {p.loadingOlder && <output className="history-loading muted small">Loading earlier messages…</output>}
      <div className="jumps">
        {away.unreadHidden && (
          <button type="button" className="jump" onClick={jumpToUnread}>
            ↑ Jump to first unread
          </button>
        )}
        {away.fromBottom && (
          <button type="button" className="jump" onClick={jumpToLatest}>
            ↓ Jump to latest
          </button>
        )}
      </div>
    </div>
  );
}

function topMessage(list: HTMLElement): { id: string; delta: number } | null {
  for (const li of list.querySelectorAll<HTMLElement>("li[data-message-id]")) {
    if (li.offsetTop + li.offsetHeight > list.scrollTop)
      return { id: li.dataset.messageId ?? "", delta: li.offsetTop - list.scrollTop };
  }
  return null;
}
