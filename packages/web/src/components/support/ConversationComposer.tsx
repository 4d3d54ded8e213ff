import { foldName } from "@herald/core";
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, api, errorText, noAnswerText } from "../../lib/api.ts";
import { type CannedReply, matchCanned, typedCanned, typingSignals } from "../../lib/conversation-details.ts";
import { composing, sendsOnEnter } from "../../lib/enterKey.ts";
import { useApiMutation } from "../../lib/query.ts";
import { completeMention, typedMention } from "../../lib/typedMention.ts";
import type { User } from "../../lib/types.ts";
import { conversationKey, useCannedReplies } from "./queries.ts";

const NO_CANNED: CannedReply[] = [];

/** Reply to the contact, or write a private note where `@agent` notifies that agent (SUP-6). Enter sends,
 *  Shift+Enter breaks the line. `/` at the start offers the canned replies matching what follows (↑/↓ choose,
 *  Enter or a click inserts, Escape closes). Typing a reply (never a note) tells the contact and the other
 *  agents, at most every 3 s. */
export function ConversationComposer({ conversationId, agents }: { conversationId: string; agents: User[] }) {
  const [text, setText] = useState("");
  /** The box as last shown, for a send that finishes after the agent went on typing. */
  const shown = useRef(text);
  shown.current = text;
  const [note, setNote] = useState(false);
  const [error, setError] = useState("");
  /** A send on its way: the box keeps its words until the answer, so a second click or Enter meanwhile would
   *  send them again. The ref stops it at once; the state shows it (Send disabled, "Sending…"). */
  const flying = useRef(false);
  const [inFlight, setInFlight] = useState(false);
  // The conversation loads again once sent, so the reply shows without waiting for its frame.
  const sending = useApiMutation(
    (body: { text: string; private: boolean }) => api.post(`/conversations/${conversationId}/messages`, body),
    [conversationKey(conversationId)],
  );
  const canned = useCannedReplies().data?.cannedReplies ?? NO_CANNED;
  const [pick, setPick] = useState(0);
  const [closed, setClosed] = useState(false);
  const signals = useMemo(
    () => typingSignals((typing) => api.post(`/conversations/${conversationId}/typing`, { typing })),
    [conversationId],
  );
  useEffect(() => () => signals.stop(), [signals]);
  const cannedQuery = closed ? null : typedCanned(text);
  const cannedList = cannedQuery === null ? [] : matchCanned(canned, cannedQuery);
  const chosen = cannedList[Math.min(pick, cannedList.length - 1)];
  function edit(next: string) {
    setText(next);
    setPick(0);
    setClosed(false);
    if (!note) signals.typed(next.trim() !== "");
  }
  const typed = typedMention(text);
  const query = typed === null ? null : foldName(typed);
  const suggestions =
    note && query !== null ? agents.filter((a) => foldName(a.username).startsWith(query)).slice(0, 5) : [];

  async function send() {
    const words = text.trim();
    if (!words || flying.current) return;
    flying.current = true;
    setInFlight(true);
    setError("");
    try {
      await sending.mutateAsync({ text: words, private: note });
      // The agent may have typed on while it was on its way: only the words it carried leave the box.
      if (shown.current.trim() === words) {
        setText("");
        signals.stop();
      }
    } catch (e) {
      // The words stay in the box, to send again.
      const why = e instanceof ApiError ? errorText(e) : noAnswerText();
      setError(`Could not send your ${note ? "note" : "reply"}: ${why}`);
    } finally {
      flying.current = false;
      setInFlight(false);
    }
  }
  function onKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    // While an IME composes, Enter, the arrows, Tab and Escape are its own: no send, pick or close here.
    if (composing(e)) return;
    if (chosen) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const n = cannedList.length;
        setPick((p) => (Math.min(p, n - 1) + (e.key === "ArrowDown" ? 1 : n - 1)) % n);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        setClosed(true);
        return;
      }
      if ((e.key === "Enter" && !e.shiftKey) || e.key === "Tab") {
        e.preventDefault();
        edit(chosen.text);
        setClosed(true);
        return;
      }
    }
    if (sendsOnEnter(e)) {
      e.preventDefault();
      if (suggestions.length > 0) setText(completeMention(text, suggestions[0].username));
      else send();
    }
  }
  return (
    <form
      className={`composer${note ? " note" : ""}`}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <div className="mode" role="radiogroup" aria-label="Message kind">
        <label>
          <input type="radio" name="kind" checked={!note} onChange={() => setNote(false)} />
          Reply
        </label>
        <label>
          <input
            type="radio"
            name="kind"
            checked={note}
            onChange={() => {
              setNote(true);
              signals.stop(); // a note is never shown to the contact, nor its typing
            }}
          />
          Private note
        </label>
      </div>
      {chosen && (
        <ul className="autocomplete" aria-label="Canned replies">
          {cannedList.map((c) => (
            <li key={c.id} className={c === chosen ? "active" : ""}>
              <button
                type="button"
                aria-current={c === chosen ? "true" : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  edit(c.text);
                  setClosed(true);
                }}
              >
                /{c.shortcut} <span className="canned-text">{c.text}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {suggestions.length > 0 && (
        <ul className="autocomplete" aria-label="Agents">
          {suggestions.map((a) => (
            <li key={a.id}>
              <button type="button" onClick={() => setText(completeMention(text, a.username))}>
                @{a.username} <span className="muted">{a.displayName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <textarea
        rows={2}
        value={text}
        aria-label={note ? "Private note" : "Reply to the contact"}
        placeholder={
          note ? "Private note — @agent to notify a colleague" : "Reply to the contact — / for canned replies"
        }
        onChange={(e) => edit(e.target.value)}
        onKeyDown={onKey}
      />
      {/* As in the chat composer, Send is off while there is nothing to send. */}
      <button type="submit" className="primary" disabled={inFlight || !text.trim()}>
        {inFlight ? "Sending…" : note ? "Add note" : "Send"}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
