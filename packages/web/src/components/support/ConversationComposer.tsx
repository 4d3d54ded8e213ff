import { type KeyboardEvent, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import type { User } from "../../lib/types.ts";

/** Reply to the contact, or write a private note where `@agent` notifies that agent (SUP-6). */
export function ConversationComposer({
  conversationId,
  agents,
  onSent,
}: {
  conversationId: string;
  agents: User[];
  onSent(): void;
}) {
  const [text, setText] = useState("");
  const [note, setNote] = useState(false);
  const [error, setError] = useState("");
  const query = /(^|\s)@([A-Za-z0-9._-]*)$/.exec(text)?.[2]?.toLowerCase();
  const suggestions =
    note && query !== undefined
      ? agents.filter((a) => a.username.toLowerCase().startsWith(query)).slice(0, 5)
      : [];

  async function send() {
    if (!text.trim()) return;
    setError("");
    try {
      await api.post(`/conversations/${conversationId}/messages`, { text: text.trim(), private: note });
      setText("");
      onSent();
    } catch (e) {
      setError(errorText(e));
    }
  }
  function onKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      if (suggestions.length > 0)
        setText(text.replace(/@([A-Za-z0-9._-]*)$/, `@${suggestions[0].username} `));
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
          <input type="radio" name="kind" checked={note} onChange={() => setNote(true)} />
          Private note
        </label>
      </div>
      {suggestions.length > 0 && (
        <ul className="autocomplete" aria-label="Agents">
          {suggestions.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                onClick={() => setText(text.replace(/@([A-Za-z0-9._-]*)$/, `@${a.username} `))}
              >
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
        placeholder={note ? "Private note — @agent to notify a colleague" : "Reply to the contact"}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
      />
      <button type="submit" className="primary">
        {note ? "Add note" : "Send"}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
