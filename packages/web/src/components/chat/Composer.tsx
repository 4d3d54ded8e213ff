import { useQueryClient } from "@tanstack/react-query";
import { type DragEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { ApiError, api, errorText, noAnswerText } from "../../lib/api.ts";
import { draftKey, loadDraft, saveDraft } from "../../lib/drafts.ts";
import { composing, sendsOnEnter } from "../../lib/enterKey.ts";
import { discard, enqueue, retry, useOutbox } from "../../lib/outbox.ts";
import { keys } from "../../lib/query.ts";
import { type History, historyAfter } from "../../lib/room-history.ts";
import { useMe } from "../../lib/session.tsx";
import { completeMention, typedMention } from "../../lib/typedMention.ts";
import type { Message } from "../../lib/types.ts";
import { hintTexts } from "./hints.ts";
import { Clip, sizeText } from "./MessageFiles.tsx";
import { type Candidate, useMentionCandidates } from "./mentionCandidates.ts";

interface Props {
  roomId: string;
  threadRootId?: string;
  label: string;
  onHints(h: string[]): void;
  onSent?(m: Message): void;
  /** ↑ in an empty box: edit my last message here. */
  onEditLast?(): void;
}

/**
 * Message box with `@` autocomplete (users of the room, `@all`, `@here`). Enter sends, Shift+Enter breaks,
 * ↑ in an empty box edits my last message. What is typed is kept as this room's (or thread's) draft; a sent
 * message waits in the outbox until the server has it. A file joins the message by the Attach button, by
 * dropping it on the box or by pasting it; it is sent with the words as one message.
 */
export function Composer({ roomId, threadRootId, label, onHints, onSent, onEditLast }: Props) {
  const me = useMe();
  const client = useQueryClient();
  const key = draftKey(me.id, roomId, threadRootId);
  /** The accepted message goes into the room's cached history at once; its frame, when it comes, changes nothing. */
  function sent(m: Message) {
    client.setQueryData<History>(keys.history(roomId), (h) => (h ? historyAfter(h, "message", m) : h));
    onSent?.(m);
  }
  const [text, setTextState] = useState(() => loadDraft(key));
  /** The box as last shown, for a file send that finishes after the user went on typing. */
  const shown = useRef(text);
  shown.current = text;
  const outbox = useOutbox(roomId, threadRootId);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const candidates = useMentionCandidates(roomId, query);
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [fileError, setFileError] = useState("");
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const attach = (f: File | undefined) => {
    if (!f) return;
    setFile(f);
    setFileError("");
    ref.current?.focus();
  };
  const setText = (v: string) => {
    setTextState(v);
    saveDraft(key, v);
  };
  // Another tab of mine (or a reload) may have changed this draft: pick it up when this box is not in use.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === key && document.activeElement !== ref.current) setTextState(e.newValue ?? "");
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [key]);

  function updateQuery(value: string, caret: number) {
    setQuery(typedMention(value.slice(0, caret)));
    setActive(0);
  }

  function pick(c: Candidate) {
    const el = ref.current;
    const caret = el?.selectionStart ?? text.length;
    const before = completeMention(text.slice(0, caret), c.handle);
    const next = before + text.slice(caret);
    setText(next);
    setQuery(null);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(before.length, before.length);
    });
  }

  async function sendFile(f: File) {
    const words = text.trim();
    const form = new FormData();
    form.append("text", words);
    if (threadRootId) form.append("threadRootId", threadRootId);
    form.append("file", f, f.name);
    setUploading(true);
    setFileError("");
    try {
      const res = await api.upload<{ message: Message; hints: unknown }>(
        `/rooms/${encodeURIComponent(roomId)}/files`,
        form,
      );
      // Its message may already be on screen (its frame can come before this answer), so the user may have
      // attached the next file or typed on meanwhile: only what this send carried leaves the box.
      setFile((cur) => (cur === f ? null : cur));
      if (shown.current.trim() === words) setText("");
      onHints(hintTexts(res.hints));
      sent(res.message);
    } catch (e) {
      // A network failure is said in words, never as the browser's "Failed to fetch"; the file stays to retry.
      const why = e instanceof ApiError ? errorText(e) : noAnswerText();
      setFileError(`Could not send ${f.name}: ${why}`);
    } finally {
      setUploading(false);
    }
  }

  function send() {
    if (uploading) return;
    if (file) {
      void sendFile(file);
      return;
    }
    const body = text.trim();
    if (!body) return;
    setText("");
    enqueue(roomId, threadRootId, body, (res) => {
      onHints(hintTexts(res.hints));
      if (res.message) sent(res.message);
    });
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    // While an IME composes, Enter, the arrows, Tab and Escape are its own: no send, pick or edit here.
    if (composing(e)) return;
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
    } else if (sendsOnEnter(e)) {
      e.preventDefault();
      send();
    } else if (e.key === "ArrowUp" && !text && onEditLast) {
      e.preventDefault();
      onEditLast();
    }
  }

  const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes("Files");
  const open = query !== null && candidates.length > 0;
  return (
    <form
      className={dragging ? "composer dragging" : "composer"}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        attach(e.dataTransfer.files[0]);
      }}
    >
      {outbox.length > 0 && (
        <ul className="outbox" aria-label="Unsent messages">
          {outbox.map((o) => (
            <li key={o.localId} className={`outgoing ${o.state}`}>
              <span className="text">{o.text}</span>
              {o.state === "sending" ? (
                <span className="muted small">
                  {navigator.onLine ? "Sending…" : "Sending… (waiting for a connection)"}
                </span>
              ) : (
                <span className="small">
                  <span className="error-text">Failed — {o.reason}</span>{" "}
                  <button type="button" className="link" onClick={() => retry(o.localId)}>
                    Retry
                  </button>{" "}
                  <button type="button" className="link" onClick={() => discard(o.localId)}>
                    Discard
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
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
        onPaste={(e) => {
          const pasted = e.clipboardData.files[0];
          if (!pasted) return;
          e.preventDefault();
          attach(pasted);
        }}
      />
      <input
        ref={picker}
        type="file"
        hidden
        aria-hidden="true"
        tabIndex={-1}
        onChange={(e) => {
          attach(e.target.files?.[0]);
          e.target.value = "";
        }}
      />
      <button
        type="button"
        className="attach"
        aria-label="Attach a file"
        title="Attach a file (or drop or paste one here)"
        onClick={() => picker.current?.click()}
      >
        <Clip size={20} />
      </button>
      <button type="submit" className="primary" disabled={uploading || (!text.trim() && !file)}>
        {uploading ? "Sending…" : "Send"}
      </button>
      {file && (
        <output className="attachment" aria-label="Attached file">
          <Clip /> {file.name} <span className="muted small">{sizeText(file.size)}</span>
          <button
            type="button"
            className="link"
            aria-label={`Remove ${file.name}`}
            disabled={uploading}
            onClick={() => setFile(null)}
          >
            Remove
          </button>
        </output>
      )}
      {fileError && (
        <p className="error-text small attachment-error" role="alert">
          {fileError}
        </p>
      )}
    </form>
  );
}
