import { useEffect, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { asList } from "../../lib/data.ts";
import { useFrames, useLive } from "../../lib/live.tsx";
import { useMarkRead } from "../../lib/messages.ts";
import { linkClick } from "../../lib/router.ts";
import { useMe } from "../../lib/session.tsx";
import { contactName, conversationChanged, getConversation } from "../../lib/support.ts";
import type { Conversation, Message, User } from "../../lib/types.ts";
import { ConversationComposer } from "./ConversationComposer.tsx";
import { SupportMessage } from "./SupportMessage.tsx";

/** One support conversation: contact messages, replies, private notes; pick up, assign, resolve. */
export function ConversationView({ id }: { id: string }) {
  const me = useMe();
  const { setView } = useLive();
  const [conv, setConv] = useState<Conversation | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [agents, setAgents] = useState<User[]>([]);
  const [status, setStatus] = useState("");

  const load = () =>
    getConversation(id).then(
      (r) => {
        setConv(r.conversation);
        setMessages(r.messages);
      },
      (e) => setStatus(errorText(e)),
    );
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per conversation
  useEffect(() => {
    load();
    api.get<unknown>("/users?limit=200").then(
      (raw) => setAgents(asList<User>(raw, "users").filter((u) => u.role !== "member")),
      () => undefined,
    );
  }, [id]);
  // PRF-51 / DSK-2: the conversation in view with focus gets no alert.
  useEffect(() => {
    if (!conv) return;
    setView({ roomId: conv.roomId, conversationId: id });
    return () => setView({});
  }, [conv, id, setView]);
  useFrames((f) => {
    if (!conv) return;
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

  async function act(path: string, body?: unknown) {
    setStatus("");
    try {
      await api.post(`/conversations/${id}/${path}`, body);
      await load();
      conversationChanged(null); // the lists (Mine / Unassigned / All) refetch
    } catch (e) {
      setStatus(errorText(e));
    }
  }

  if (!conv) return <p className="empty">{status || "Loading…"}</p>;
  return (
    <section className="room conversation" aria-label={`Conversation with ${contactName(conv)}`}>
      <header className="room-header">
        <a className="back" href="/support" onClick={linkClick("/support")} aria-label="Back to the queue">
          ‹
        </a>
        <div className="room-title">
          <h1>{contactName(conv)}</h1>
          <span className={`status ${conv.status}`}>{conv.status}</span>
        </div>
        {conv.status === "pending" && (
          <button type="button" className="primary" onClick={() => act("pickup")}>
            Pick up
          </button>
        )}
        <label className="inline">
          Assignee
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
        {conv.status !== "resolved" && (
          <button type="button" onClick={() => act("resolve")}>
            Resolve
          </button>
        )}
      </header>
      {status && (
        <p className="error" role="alert">
          {status}
        </p>
      )}
      <ol className="messages" aria-label="Messages">
        {messages.map((m) => (
          <SupportMessage key={m.id} message={m} contact={contactName(conv)} />
        ))}
      </ol>
      <ConversationComposer conversationId={id} agents={agents} onSent={load} />
    </section>
  );
}
