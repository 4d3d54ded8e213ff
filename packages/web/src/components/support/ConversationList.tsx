import { keepPreviousData } from "@tanstack/react-query";
import { useEffect } from "react";
import { conversationStatusWords } from "../../lib/explainWords.ts";
import { useFrames } from "../../lib/live.tsx";
import { queryErrorText, useApiQuery } from "../../lib/query.ts";
import { linkClick } from "../../lib/router.ts";
import { contactName, listConversations, onConversationChanged } from "../../lib/support.ts";
import { revealTab } from "../../lib/tabs.ts";
import type { Conversation } from "../../lib/types.ts";
import { agoWords } from "../../lib/when.ts";
import { useNow } from "./waiting.ts";

const FILTERS: [string, string][] = [
  ["mine", "Mine"],
  ["unassigned", "Unassigned"],
  ["all", "All"],
];

/** "You: Thanks!", "Note: ask Ben", or the contact's line as written. */
function preview(c: Conversation): string {
  const m = c.lastMessage;
  if (!m) return "";
  if (m.private) return `Note: ${m.text}`;
  return m.author === "agent" ? `${m.senderName ?? "Agent"}: ${m.text}` : m.text;
}

export function ConversationList({ filter, activeId }: { filter: string; activeId?: string }) {
  // The query cache answers only the newest load: an older, slower refetch never brings back a stale list.
  // Another filter's list stays until this one's lands, as before (no "No conversations." flash).
  const lists = useApiQuery(["conversations", "list", filter], () => listConversations(filter), {
    placeholderData: keepPreviousData,
  });
  const list: Conversation[] = lists.data ?? [];
  const error = queryErrorText(lists);
  const now = useNow(30_000);
  const { refetch: reload } = lists;
  const refetch = () => void reload();
  // New conversations, pickups, assignments, resolves and messages in a listed conversation's room change the
  // lists: pending.start/stop, support notifies, PRF-50's assigned.unread, `conversation.updated` (sent to
  // every agent of the inbox on a pick-up, reassignment or resolve, wherever it was made), and `ready` after
  // a reconnect (frames missed meanwhile are not replayed for lists).
  useFrames((f) => {
    if (
      f.t === "pending.start" ||
      f.t === "pending.stop" ||
      f.t === "notify" ||
      f.t === "assigned.unread" ||
      f.t === "conversation.updated" ||
      f.t === "ready"
    )
      refetch();
    // A message or a read (on any of my devices) in a listed conversation changes its preview or my count.
    else if ((f.t === "message" || f.t === "read") && list.some((c) => c.roomId === f.roomId)) refetch();
  });
  // Changes made in this tab (ConversationView), and coming back to the tab, refetch too.
  useEffect(() => onConversationChanged(() => void reload()), [reload]);
  useEffect(() => {
    const again = () => document.visibilityState === "visible" && reload();
    window.addEventListener("focus", again);
    document.addEventListener("visibilitychange", again);
    return () => {
      window.removeEventListener("focus", again);
      document.removeEventListener("visibilitychange", again);
    };
  }, [reload]);
  return (
    <section aria-labelledby="conv-h">
      <h2 id="conv-h">Conversations</h2>
      <nav className="tabs" aria-label="Conversation filter">
        {FILTERS.map(([id, label]) => (
          <a
            key={id}
            className="tab"
            href={`/support/list/${id}`}
            onClick={(e) => {
              linkClick(`/support/list/${id}`)(e);
              refetch(); // a click on the tab in view is "show me the current list"
            }}
            aria-current={filter === id ? "page" : undefined}
            ref={filter === id ? revealTab : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      {error && <p className="error">{error}</p>}
      {list.length === 0 && !error && <p className="muted small">No conversations.</p>}
      <ul className="conv-list">
        {list.map((c) => (
          <li key={c.id}>
            <a
              href={`/support/c/${c.id}`}
              onClick={linkClick(`/support/c/${c.id}`)}
              aria-current={c.id === activeId ? "page" : undefined}
              className={(c.unread ?? 0) > 0 ? "unread" : ""}
            >
              <span className="conv-row">
                <span className="conv-name">{contactName(c)}</span>
                {c.lastMessage && (
                  <time className="muted small">{agoWords(c.lastMessage.createdAt, now)}</time>
                )}
              </span>
              <span className="conv-row">
                <span className="conv-preview muted small">{preview(c)}</span>
                {(c.unread ?? 0) > 0 && (
                  <span className="conv-unread" title={`${c.unread} unread`}>
                    {c.unread}
                  </span>
                )}
                <span className={`status ${c.status}`}>{conversationStatusWords(c.status)}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
