import { useEffect, useState } from "react";
import { errorText } from "../../lib/api.ts";
import { conversationStatusWords } from "../../lib/explainWords.ts";
import { useFrames } from "../../lib/live.tsx";
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
  const [list, setList] = useState<Conversation[]>([]);
  const [error, setError] = useState("");
  const [tick, setTick] = useState(0);
  const now = useNow(30_000);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload
  useEffect(() => {
    let live = true;
    // Only the newest answer counts: an older, slower refetch must not bring back a stale list.
    listConversations(filter).then(
      (l) => live && setList(l),
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [filter, tick]);
  const refetch = () => setTick((t) => t + 1);
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
  useEffect(() => onConversationChanged(() => setTick((t) => t + 1)), []);
  useEffect(() => {
    const again = () => document.visibilityState === "visible" && setTick((t) => t + 1);
    window.addEventListener("focus", again);
    document.addEventListener("visibilitychange", again);
    return () => {
      window.removeEventListener("focus", again);
      document.removeEventListener("visibilitychange", again);
    };
  }, []);
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
