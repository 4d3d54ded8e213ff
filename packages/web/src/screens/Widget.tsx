import { type FormEvent, useEffect, useRef, useState } from "react";
import { asItem, asList, formatTime } from "../lib/data.ts";
import type { Message } from "../lib/types.ts";

// The contact side ("website widget", /widget?key=…): talks to the widget API with the inbox key only, so
// a person can play the contact. No user session, no realtime socket: it polls its own conversation.
const POLL_MS = 2000;

async function widgetCall<T>(
  key: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`/api/v1/widget${path}`, {
    method,
    headers: {
      "x-inbox-key": key,
      ...(token ? { "x-contact-token": token } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!res.ok) throw new Error(data.error?.message ?? `HTTP ${res.status}`);
  return data;
}

const isContact = (m: Message) => m.author === "contact" || (m.author === undefined && !m.senderId);

export function Widget() {
  const key = new URLSearchParams(window.location.search).get("key") ?? "";
  const [name, setName] = useState("");
  const [text, setText] = useState("");
  const [conv, setConv] = useState<{ id: string; token: string } | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [error, setError] = useState("");
  const [left, setLeft] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    document.title = "Chat with us";
    if (!conv || left) return;
    const poll = () =>
      widgetCall<unknown>(key, conv.token, "GET", `/conversations/${conv.id}/messages`).then(
        (raw) => setMessages(asList<Message>(raw, "messages").filter((m) => !m.private)),
        () => undefined,
      );
    poll();
    const t = setInterval(poll, POLL_MS);
    return () => clearInterval(t);
  }, [conv, key, left]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll on new messages
  useEffect(() => {
    listRef.current?.scrollTo(0, listRef.current.scrollHeight);
  }, [messages.length]);

  async function send(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    setError("");
    try {
      if (!conv) {
        const raw = await widgetCall<Record<string, unknown>>(key, "", "POST", "/conversations", {
          name: name.trim() || "Visitor",
          text: text.trim(),
        });
        const c = asItem<{ id: string }>(raw, "conversation");
        setConv({ id: c.id, token: String(raw.contactToken ?? raw.token ?? "") });
      } else {
        await widgetCall(key, conv.token, "POST", `/conversations/${conv.id}/messages`, {
          text: text.trim(),
        });
      }
      setText("");
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  async function leave() {
    if (conv)
      await widgetCall(key, conv.token, "POST", `/conversations/${conv.id}/leave`).catch(() => undefined);
    setLeft(true);
  }

  if (!key) return <p className="empty">This chat needs an inbox key in the address (?key=…).</p>;
  return (
    <main className="widget">
      <header className="widget-head">
        <h1>Chat with us</h1>
        {conv && !left && (
          <button type="button" onClick={leave}>
            End chat
          </button>
        )}
      </header>
      <ol className="messages" ref={listRef} aria-label="Conversation" aria-live="polite">
        {!conv && <li className="muted">Ask us anything — an agent will answer shortly.</li>}
        {messages.map((m) => (
          <li key={m.id} className={`bubble ${isContact(m) ? "me" : "agent"}`}>
            {!isContact(m) && <strong className="small">{m.senderName ?? "Agent"}</strong>}
            <div className="text">{m.text}</div>
            <time className="muted small">{formatTime(m.createdAt)}</time>
          </li>
        ))}
        {left && <li className="muted">You left the chat.</li>}
      </ol>
      {!left && (
        <form className="composer" onSubmit={send}>
          {!conv && (
            <label className="grow">
              Your name
              <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
            </label>
          )}
          <textarea
            rows={2}
            aria-label="Your message"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="primary">
            Send
          </button>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </main>
  );
}
