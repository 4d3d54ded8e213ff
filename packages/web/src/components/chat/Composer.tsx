import { type KeyboardEvent, useId, useRef, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import type { Message } from "../../lib/types.ts";
import { hintTexts } from "./hints.ts";
import { type Candidate, useMentionCandidates } from "./mentionCandidates.ts";

interface Props {
  roomId: string;
  threadRootId?: string;
  label: string;
  onHints(h: string[]): void;
  onSent?(m: Message): void;
}

/** Message box with `@` autocomplete (users of the room, `@all`, `@here`). Enter sends, Shift+Enter breaks. */
export function Composer({ roomId, threadRootId, label, onHints, onSent }: Props) {
  const [text, setText] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const candidates = useMentionCandidates(roomId, query);

  function updateQuery(value: string, caret: number) {
    const m = /(^|\s)@([A-Za-z0-9._-]*)$/.exec(value.slice(0, caret));
    setQuery(m ? m[2].toLowerCase() : null);
    setActive(0);
  }

  function pick(c: Candidate) {
    const el = ref.current;
    const caret = el?.selectionStart ?? text.length;
    const before = text.slice(0, caret).replace(/@([A-Za-z0-9._-]*)$/, `@${c.handle} `);
    const next = before + text.slice(caret);
    setText(next);
    setQuery(null);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(before.length, before.length);
    });
  }

  async function send() {
    const body = text.trim();
    if (!body || busy) return;
    setBusy(true);
    setError("");
    try {
      const res = await api.post<{ message?: Message; hints?: unknown }>(`/rooms/${roomId}/messages`, {
        text: body,
        ...(threadRootId ? { threadRootId } : {}),
      });
      setText("");
      onHints(hintTexts(res?.hints));
      if (res?.message) onSent?.(res.message);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    const open = query !== null && candidates.length > 0;
    if (open && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      const d = e.key === "ArrowDown" ? 1 : -1;
      setActive((a) => (a + d + candidates.length) % candidates.length);
    } else if (open && (e.key === "Enter" || e.key === "Tab")) {
      e.preventDefault();
      pick(candidates[active]);
    } else if (open && e.key === "Escape") {
      setQuery(null);
    } else if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      send();
    }
  }

  const open = query !== null && candidates.length > 0;
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {open && (
        <div className="autocomplete" id={listId} role="listbox" aria-label="Mention suggestions">
          {candidates.map((c, i) => (
            <div
              key={c.handle}
              tabIndex={-1}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(c);
              }}
            >
              <strong>@{c.handle}</strong> <span className="muted">{c.label}</span>
            </div>
          ))}
        </div>
      )}
      <textarea
        ref={ref}
        rows={2}
        value={text}
        aria-label={label || "Message"}
        placeholder="Write a message… (@ to mention)"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          updateQuery(e.target.value, e.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="primary" disabled={busy || !text.trim()}>
        Send
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
