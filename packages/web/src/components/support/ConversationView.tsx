import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { api } from "../../lib/api.ts";
import { conversationStatusWords } from "../../lib/explainWords.ts";
import { useFrames, useLive } from "../../lib/live.tsx";
import { useMarkRead } from "../../lib/messages.ts";
import { queryErrorText, useApiMutation, useApiQuery } from "../../lib/query.ts";
import { linkClick } from "../../lib/router.ts";
import { useMe } from "../../lib/session.tsx";
import { contactName, conversationChanged } from "../../lib/support.ts";
import type { User } from "../../lib/types.ts";
import { ContactPanel } from "./ContactPanel.tsx";
import { ConversationComposer } from "./ConversationComposer.tsx";
import { waitWords } from "./PendingQueue.tsx";
import { conversationKey, useConversation } from "./queries.ts";
import { SupportMessage } from "./SupportMessage.tsx";
import { useNow } from "./waiting.ts";

/** One support conversation: contact messages, replies, private notes; pick up, assign, resolve. */
export function ConversationView({ id }: { id: string }) {
  const me = useMe();
  const { setView, pending } = useLive();
  const now = useNow();
  const client = useQueryClient();
  const loaded = useConversation(id);
  const conv = loaded.data?.conversation ?? null;
  const messages = loaded.data?.messages ?? [];
  // The agents a private note can @mention (SUP-6).
  const people = useApiQuery<{ users: User[] }>(["users", "list", "limit=200"], "/users?limit=200");
  const agents = useMemo(() => (people.data?.users ?? []).filter((u) => u.role !== "member"), [people.data]);
  // The contact panel sits beside the messages on a wide screen, and opens on demand on a phone.
  const [details, setDetails] = useState(() => window.matchMedia("(min-width: 1100px)").matches);
  // Who types here now (the contact, or another agent), from conversation.typing frames; a signal lapses
  // after 6 s without another, and a message from them ends it.
  const [typing, setTyping] = useState<{ who: string; name: string } | null>(null);
  useEffect(() => {
    if (!typing) return;
    const t = setTimeout(() => setTyping(null), 6000);
    return () => clearTimeout(t);
  }, [typing]);

  const load = () => client.invalidateQueries({ queryKey: conversationKey(id) });
  // PRF-51 / DSK-2: the conversation in view with focus gets no alert.
  useEffect(() => {
    if (!conv) return;
    setView({ roomId: conv.roomId, conversationId: id });
    return () => setView({});
  }, [conv, id, setView]);
  useFrames((f) => {
    if (!conv) return;
    if (f.t === "conversation.typing" && f.conversationId === id) {
      setTyping(f.typing ? { who: f.who, name: f.name } : null);
      return;
    }
    if (f.t === "message" && f.roomId === conv.roomId) setTyping(null);
    // Room frames do not say whether a message is a private note: refetch the conversation's own view.
    if ((f.t === "message" || f.t === "message.updated") && f.roomId === conv.roomId) load();
    if (
      (f.t === "pending.stop" || f.t === "notify" || f.t === "conversation.updated") &&
      (f as { conversationId?: string }).conversationId === id
    )
      load();
  });
  const lastSeq = messages.length ? Math.max(...messages.map((m) => m.seq || 0)) : undefined;
  useMarkRead(conv?.roomId ? `/rooms/${conv.roomId}/read` : "/noop", conv?.roomId ? lastSeq : undefined);

  // Pick up, assign, resolve, reopen: the conversation loads again, and the lists (Mine / Unassigned / All).
  const acting = useApiMutation(
    ({ path, body }: { path: string; body?: unknown }) => api.post(`/conversations/${id}/${path}`, body),
    [conversationKey(id)],
  );
  const act = (path: string, body?: unknown) =>
    acting.mutate({ path, body }, { onSuccess: () => conversationChanged(null) });
  const status = queryErrorText(acting) || queryErrorText(loaded);

  const ringing = pending.some((p) => p.conversationId === id);
  if (!conv) return <p className="empty">{status || "Loading…"}</p>;
  return (
    <section className="room conversation" aria-label={`Conversation with ${contactName(conv)}`}>
      <header className="room-header">
        <a className="back" href="/support" onClick={linkClick("/support")} aria-label="Back to the queue">
          ‹
        </a>
        <div className="room-title">
          <h1 title={contactName(conv)}>{contactName(conv)}</h1>
          <span className={`status ${conv.status}`}>{conversationStatusWords(conv.status)}</span>
        </div>
        <div className="conv-actions">
          {conv.status === "pending" && (
            <button type="button" className="primary" onClick={() => act("pickup")}>
              Pick up
            </button>
          )}
          <label className="inline">
            <span className="assignee-word">Assignee</span>
            <select
              value={conv.assigneeId ?? ""}
              onChange={(e) => e.target.value && act("assign", { userId: e.target.value })}
            >
              <option value="">Unassigned</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.id === me.id ? `${a.displayName} (me)` : a.displayName}
                </option>
              ))}
            </select>
          </label>
          {conv.status !== "resolved" ? (
            <button type="button" onClick={() => act("resolve")}>
              Resolve
            </button>
          ) : (
            <button type="button" className="primary" onClick={() => act("reopen")}>
              Reopen
            </button>
          )}
          <button type="button" aria-expanded={details} onClick={() => setDetails((d) => !d)}>
            Contact details
          </button>
        </div>
      </header>
      {conv.status === "pending" && (
        <output
          className={`pending-banner${ringing ? " ringing" : ""}`}
          data-state={ringing ? "ringing" : "waiting"}
        >
          <strong>{contactName(conv)}</strong> is waiting for an agent
          {conv.waitingSince ? ` · ${waitWords(conv.waitingSince, now)}` : ""}
          {ringing ? " · ringing" : ""}
        </output>
      )}
      {status && (
        <p className="error" role="alert">
          {status}
        </p>
      )}
      <div className="conv-body">
        <ol className="messages" aria-label="Messages">
          {messages.map((m) => (
            <SupportMessage key={m.id} message={m} contact={contactName(conv)} />
          ))}
        </ol>
        {details && (
          <aside className="contact-panel" aria-label="Contact details">
            <ContactPanel conversationId={id} />
          </aside>
        )}
      </div>
      <p className="typing-line" aria-live="polite">
        {typing ? `${typing.name} is typing…` : ""}
      </p>
      <ConversationComposer conversationId={id} agents={agents} />
    </section>
  );
}
