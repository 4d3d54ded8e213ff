import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { MessageBody } from "../components/chat/MessageBody.tsx";
import { type Answer, noAnswerText } from "../lib/api.ts";
import { typingSignals } from "../lib/conversation-details.ts";
import { sendsOnEnter } from "../lib/enterKey.ts";
import { formatTime } from "../lib/when.ts";

// The contact side ("website widget", /widget?key=…): talks to the widget API with the inbox key only, so
// a person can play the contact. No user session, no realtime socket: it polls its own conversation.
const POLL_MS = 2000;
const STATUS_MS = 60_000;

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
  // An answer without the API's error body (a proxy's page) is said in words too, never as "HTTP 502".
  if (!res.ok)
    throw new WidgetError(res.status, data.error?.message ?? "the server could not answer, try again");
  return data;
}

// The contact's session (token, conversation, name) is kept in localStorage per inbox key, so the conversation
// resumes after a reload or on another page of the site (the widget always runs on Herald's origin). The token
// is the contact's only credential and names no user; "End chat" keeps it (a returning contact, GEN-6 caps)
// but forgets the conversation.
interface Session {
  token: string;
  conversationId: string | null;
  name: string;
}
const storageKey = (key: string) => `herald.widget.${key.slice(0, 24)}`;

function loadSession(key: string): Session | null {
  try {
    const raw = localStorage.getItem(storageKey(key));
    const v = raw ? (JSON.parse(raw) as Partial<Session>) : null;
    if (!v || typeof v.token !== "string" || !v.token) return null;
    return {
      token: v.token,
      conversationId: typeof v.conversationId === "string" ? v.conversationId : null,
      name: typeof v.name === "string" ? v.name : "",
    };
  } catch {
    return null; // storage blocked (private mode, sandboxed frame): the chat works, without resuming
  }
}

function saveSession(key: string, s: Session | null): void {
  // Framed on another site, this frame's storage is third-party (blocked or partitioned by browsers): the
  // embedding page keeps the session in its own storage for us (widget.js), as Chatwoot's and Intercom's do.
  const host = hostOrigin();
  if (host) window.parent.postMessage({ herald: "widget", type: "session", session: s }, host);
  try {
    if (s) localStorage.setItem(storageKey(key), JSON.stringify(s));
    else localStorage.removeItem(storageKey(key));
  } catch {
    // as above: no storage, no resume
  }
}

/** The embedding page's origin, when framed by widget.js: where the session may be sent, and nowhere else. */
function hostOrigin(): string | null {
  if (window.parent === window || new URLSearchParams(window.location.search).get("embed") !== "1")
    return null;
  const ancestors = window.location.ancestorOrigins;
  if (ancestors?.length) return ancestors[0];
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}

/** A session as widget.js hands it back from the embedding page's storage, checked like a stored one. */
function sessionOf(v: unknown): Session | null {
  const s = v as Partial<Session> | null;
  if (!s || typeof s.token !== "string" || !s.token) return null;
  return {
    token: s.token,
    conversationId: typeof s.conversationId === "string" ? s.conversationId : null,
    name: typeof s.name === "string" ? s.name : "",
  };
}

class WidgetError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** The conversation as the widget polls it: messages (no private notes), its state, who is typing. */
type Thread = Answer<"/api/v1/widget/conversations/{id}/messages", "get">;
type Started = { contactToken: string; conversation: { id: string } };
type Reply = Answer<"/api/v1/widget/status", "get">;

// The widget's server state, per inbox key (a page may hold widgets of two inboxes).
const widgetKeys = {
  status: (key: string) => ["widget", key, "status"] as const,
  thread: (key: string, id: string) => ["widget", key, "conversation", id] as const,
};

const isContact = (m: Thread["messages"][number]) => m.author === "contact";

// Embedded by widget.js (…&embed=1): the host page's launcher opens and closes this frame and shows the
// unread count the frame reports; only messages from the parent window are listened to, only the count and
// "close" are sent up (never text: the host page is another site).
const params = () => new URLSearchParams(window.location.search);
const embedded = () => params().get("embed") === "1" && window.parent !== window;
const tellHost = (type: "unread" | "close", count = 0) => {
  if (embedded()) window.parent.postMessage({ herald: "widget", type, count }, "*");
};

/** A short two-note chime through Web Audio (no file to fetch); silent when the browser blocks audio. */
function chime(): void {
  try {
    const ctx = new AudioContext();
    const t = ctx.currentTime;
    for (const [i, f] of [660, 880].entries()) {
      const o = ctx.createOscillator();
      const g = ctx.createGain();
      o.frequency.value = f;
      g.gain.setValueAtTime(0.0001, t + i * 0.15);
      g.gain.exponentialRampToValueAtTime(0.2, t + i * 0.15 + 0.02);
      g.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.15 + 0.14);
      o.connect(g).connect(ctx.destination);
      o.start(t + i * 0.15);
      o.stop(t + i * 0.15 + 0.15);
    }
    setTimeout(() => void ctx.close(), 600);
  } catch {
    // no audio here: the unread count still shows
  }
}

/** An offline email's link (?conversation=…&resume=…) carries a signed token: the widget resumes with it. */
function sessionFromLink(key: string): Session | null {
  const p = params();
  const resume = p.get("resume");
  const conversationId = p.get("conversation");
  if (!key || !resume || !conversationId) return null;
  const s = { token: resume, conversationId, name: loadSession(key)?.name ?? "" };
  saveSession(key, s);
  p.delete("resume");
  p.delete("conversation");
  // The token leaves the address bar (and the history) once stored.
  window.history.replaceState(null, "", `${window.location.pathname}?${p}`);
  return s;
}

/** The page the contact writes from, for the agents' contact panel: the host page the embed passes (?page=,
 *  ?ref=), else the framing page (document.referrer), else this page; http(s) only. */
function pageFact(): { url: string; referrer?: string } | undefined {
  const q = new URLSearchParams(window.location.search);
  const framed = window.parent !== window;
  const web = (v: string | null | undefined) => (v && /^https?:\/\//i.test(v) ? v.slice(0, 2000) : undefined);
  const url = web(q.get("page")) ?? (framed ? web(document.referrer) : web(window.location.href));
  const referrer = web(q.get("ref")) ?? (framed ? undefined : web(document.referrer));
  return url ? { url, ...(referrer ? { referrer } : {}) } : undefined;
}

export function Widget() {
  const key = new URLSearchParams(window.location.search).get("key") ?? "";
  const [saved] = useState(() => sessionFromLink(key) ?? (key ? loadSession(key) : null));
  const [name, setName] = useState(saved?.name ?? "");
  const [text, setText] = useState("");
  /** The box as last shown, for a send that finishes after the contact went on typing. */
  const shown = useRef(text);
  shown.current = text;
  const [token, setToken] = useState(saved?.token ?? "");
  const [conv, setConv] = useState<{ id: string; token: string } | null>(
    saved?.conversationId ? { id: saved.conversationId, token: saved.token } : null,
  );
  const [error, setError] = useState("");
  /** A send on its way: the box keeps its words until the answer, so a second click meanwhile would send them
   *  again (the first message twice would start two conversations). The ref stops it at once; the state shows
   *  it (Send disabled, "Sending…"). */
  const flying = useRef(false);
  const [inFlight, setInFlight] = useState(false);
  const [left, setLeft] = useState(false);
  const [email, setEmail] = useState("");
  const [emailSet, setEmailSet] = useState(false);
  const [emailError, setEmailError] = useState("");
  // Standalone the chat is always open; embedded it is open only while the host's launcher says so.
  const [open, setOpen] = useState(() => !embedded());
  const [visible, setVisible] = useState(() => document.visibilityState === "visible");
  const heard = useRef<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  // The token now, for the embedding page's session message (handled once, outside React's render).
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const client = useQueryClient();

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const m = e.data as { herald?: string; type?: string } | null;
      if (e.source !== window.parent || m?.herald !== "host") return;
      if (m.type === "open") setOpen(true);
      if (m.type === "closed") setOpen(false);
      // The session the embedding page kept: resume it unless this frame already has one.
      const s = m.type === "session" ? sessionOf((m as { session?: unknown }).session) : null;
      if (s && !tokenRef.current) {
        tokenRef.current = s.token;
        setToken(s.token);
        if (s.conversationId) setConv({ id: s.conversationId, token: s.token });
        if (s.name) setName(s.name);
      }
    };
    const onVisibility = () => setVisible(document.visibilityState === "visible");
    window.addEventListener("message", onMessage);
    document.addEventListener("visibilitychange", onVisibility);
    // Listening now: the embedding page answers with the session it keeps and whether the chat is open.
    if (embedded()) window.parent.postMessage({ herald: "widget", type: "ready" }, "*");
    return () => {
      window.removeEventListener("message", onMessage);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, []);

  // Whether agents are online and what the contact is told; a failed check keeps the last answer.
  const reply =
    useQuery({
      queryKey: widgetKeys.status(key),
      queryFn: () => widgetCall<Reply>(key, "", "GET", "/status"),
      enabled: key !== "",
      refetchInterval: STATUS_MS,
      refetchIntervalInBackground: true,
    }).data ?? null;

  // No realtime socket here: the conversation is polled, in a background tab too (the unread count and
  // chime are for when the contact looks elsewhere).
  const threadKey = widgetKeys.thread(key, conv?.id ?? "");
  const thread = useQuery({
    queryKey: threadKey,
    queryFn: () => widgetCall<Thread>(key, conv?.token ?? "", "GET", `/conversations/${conv?.id}/messages`),
    enabled: conv !== null && !left,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: true,
  });
  const messages = conv ? (thread.data?.messages ?? []) : [];
  const status = conv && thread.data ? thread.data.conversation : null;
  const agentTyping = thread.data?.agentTyping ?? null;
  const emailSaved = emailSet || status?.emailReplies === true;
  useEffect(() => {
    document.title = "Chat with us";
  }, []);
  useEffect(() => {
    // A stored session the server no longer knows (key rotated, data reset): start afresh.
    const e = thread.error;
    if (e instanceof WidgetError && (e.status === 401 || e.status === 404)) {
      saveSession(key, null);
      setToken("");
      setConv(null);
    }
  }, [thread.error, key]);

  // Agent replies after what the open widget has shown: the unread count (and a chime when it grows while
  // closed); shown while open and visible, they are reported seen, which also keeps them out of the email.
  const agentReplies = messages.filter((m) => !isContact(m));
  const lastSeq = Math.max(0, ...messages.map((m) => Number(m.seq ?? 0)));
  const unread = status ? agentReplies.filter((m) => Number(m.seq ?? 0) > status.seenSeq).length : 0;
  const showing = open && visible;
  const seenSeq = status?.seenSeq ?? null;
  useEffect(() => {
    if (!conv || seenSeq === null || !showing || lastSeq <= seenSeq) return;
    widgetCall<{ seenSeq: number }>(key, conv.token, "POST", `/conversations/${conv.id}/seen`, {
      through: lastSeq,
    }).then(
      (r) =>
        client.setQueryData<Thread>(widgetKeys.thread(key, conv.id), (t) =>
          t
            ? {
                ...t,
                conversation: { ...t.conversation, seenSeq: Math.max(t.conversation.seenSeq, r.seenSeq) },
              }
            : t,
        ),
      () => undefined,
    );
  }, [conv, key, seenSeq, showing, lastSeq, client]);
  useEffect(() => {
    tellHost("unread", showing ? 0 : unread);
    // Standalone in a background tab, the tab's title counts them too.
    if (!embedded()) document.title = unread && !showing ? `(${unread}) Chat with us` : "Chat with us";
    if (heard.current !== null && unread > heard.current && !showing) chime();
    heard.current = status ? unread : null;
  }, [unread, showing, status]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll on new messages
  useEffect(() => {
    listRef.current?.scrollTo(0, listRef.current.scrollHeight);
  }, [messages.length]);

  // Typing signals to the agents (at most every 3 s, one stop); the poll says which agent types.
  const signals = useMemo(
    () =>
      conv
        ? typingSignals((typing) =>
            widgetCall(key, conv.token, "POST", `/conversations/${conv.id}/typing`, { typing }),
          )
        : null,
    [conv, key],
  );

  /** The first message starts the conversation (and the contact, when new); later ones add to it. */
  const sending = useMutation({
    mutationFn: async (body: string) => {
      const page = pageFact();
      if (conv) {
        await widgetCall(key, conv.token, "POST", `/conversations/${conv.id}/messages`, {
          text: body,
          ...(page ? { page } : {}),
        });
        return conv;
      }
      const who = name.trim() || "Visitor";
      const address = email.trim();
      const start = {
        name: who,
        text: body,
        ...(address ? { email: address } : {}),
        ...(page ? { page } : {}),
      };
      const raw = await widgetCall<Started>(key, token, "POST", "/conversations", start).catch(
        (e: unknown) => {
          // A kept token the server no longer knows: start as a new contact.
          if (token && e instanceof WidgetError && e.status === 401)
            return widgetCall<Started>(key, "", "POST", "/conversations", start);
          throw e;
        },
      );
      const started = { id: raw.conversation.id, token: raw.contactToken };
      setToken(started.token);
      setConv(started);
      saveSession(key, { token: started.token, conversationId: started.id, name: who });
      if (address) setEmailSet(true);
      return started;
    },
    // The message shows now, not at the next poll.
    onSuccess: (c) => client.invalidateQueries({ queryKey: widgetKeys.thread(key, c.id) }),
  });

  async function send(e: FormEvent) {
    e.preventDefault();
    const words = text.trim();
    if (!words || flying.current) return;
    flying.current = true;
    setInFlight(true);
    setError("");
    try {
      await sending.mutateAsync(words);
      // The contact may have typed on while it was on its way: only the words it carried leave the box.
      if (shown.current.trim() === words) {
        setText("");
        signals?.stop();
      }
    } catch (err) {
      // The words stay in the box, to send again.
      setError(`Could not send your message: ${err instanceof WidgetError ? err.message : noAnswerText()}`);
    } finally {
      flying.current = false;
      setInFlight(false);
    }
  }

  const savingEmail = useMutation({
    mutationFn: (c: { id: string; token: string }) =>
      widgetCall(key, c.token, "PUT", `/conversations/${c.id}/email`, { email: email.trim() }),
    onSuccess: () => setEmailSet(true),
    // Said by the field, in words (never "Failed to fetch"); the address stays in it, to save again.
    onError: (err) =>
      setEmailError(
        `Could not save your email: ${err instanceof WidgetError ? err.message : noAnswerText()}`,
      ),
  });
  function saveEmail(e: FormEvent) {
    e.preventDefault();
    if (!conv || !email.trim()) return;
    setEmailError("");
    savingEmail.mutate(conv);
  }

  const leaving = useMutation({
    mutationFn: (c: { id: string; token: string } | null) =>
      c
        ? widgetCall(key, c.token, "POST", `/conversations/${c.id}/leave`).catch(() => undefined)
        : Promise.resolve(undefined),
    onSuccess: () => {
      // The next visit starts a new conversation as the same contact.
      if (token) saveSession(key, { token, conversationId: null, name: name.trim() });
      setLeft(true);
    },
  });
  const leave = () => leaving.mutate(conv);

  if (!key) return <p className="empty">This chat needs an inbox key in the address (?key=…).</p>;
  return (
    <main className="widget">
      <header className="widget-head">
        <div className="widget-title">
          <h1>Chat with us</h1>
          {reply && <p className={`widget-status small${reply.online ? " online" : ""}`}>{reply.text}</p>}
        </div>
        {conv && !left && (
          <button type="button" onClick={leave}>
            End chat
          </button>
        )}
        {embedded() && (
          <button type="button" aria-label="Close chat" onClick={() => tellHost("close")}>
            ×
          </button>
        )}
      </header>
      <ol className="messages" ref={listRef} aria-label="Conversation" aria-live="polite">
        {!conv && <li className="muted">Ask us anything — an agent will answer shortly.</li>}
        {messages.map((m) => (
          <li key={m.id} className={`bubble ${isContact(m) ? "me" : "agent"}`}>
            {!isContact(m) && <strong className="small">{m.senderName ?? "Agent"}</strong>}
            <MessageBody text={m.text} />
            <time className="muted small">{formatTime(m.createdAt)}</time>
          </li>
        ))}
        {status?.status === "resolved" && !left && (
          <li className="widget-notice">
            This conversation was marked resolved. Write again if you need more help.
          </li>
        )}
        {left && <li className="muted">You left the chat.</li>}
      </ol>
      {conv && !left && !emailSaved && agentReplies.length > 0 && (
        <form className="widget-email" onSubmit={saveEmail}>
          <label className="grow">
            Get replies by email
            <input
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="email"
              placeholder="you@example.com"
            />
          </label>
          <button type="submit">Save</button>
          {emailError && (
            <p className="error" role="alert">
              {emailError}
            </p>
          )}
        </form>
      )}
      {emailSaved && conv && !left && (
        <p className="muted small widget-email-note">We'll email you replies you miss here.</p>
      )}
      {agentTyping && !left && <p className="typing-line">{agentTyping} is typing…</p>}
      {!left && (
        <form className="composer" onSubmit={send}>
          {!conv && (
            <label className="grow">
              Your name
              <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
            </label>
          )}
          {!conv && (
            <label className="grow">
              Email for replies (optional)
              <input
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                autoComplete="email"
              />
            </label>
          )}
          <textarea
            rows={2}
            aria-label="Your message"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              signals?.typed(e.target.value.trim() !== "");
            }}
            onKeyDown={(e) => {
              // Enter sends as a click on Send does (the fields above checked, a repeat stopped, alike);
              // Shift+Enter and an input method's Enter stay the box's.
              if (!sendsOnEnter(e)) return;
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }}
          />
          {/* Off while there is nothing to send, as in the agents' reply box and the chat composer. */}
          <button type="submit" className="primary" disabled={inFlight || !text.trim()}>
            {inFlight ? "Sending…" : "Send"}
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
