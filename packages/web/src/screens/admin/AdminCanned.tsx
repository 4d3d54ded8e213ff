import { type FormEvent, useState } from "react";
import { cannedKey, useCannedReplies } from "../../components/support/queries.ts";
import { api, errorText } from "../../lib/api.ts";
import type { CannedReply } from "../../lib/conversation-details.ts";
import { queryErrorText, useApiMutation } from "../../lib/query.ts";
import "../../styles/conversation-details.css";

/** Canned replies: admins keep the texts agents insert with `/shortcut` in the console composer. */
export function AdminCanned() {
  const list = useCannedReplies();
  const items = list.data?.cannedReplies ?? null;
  const status = queryErrorText(list);
  // Each form says its own failure; a saved change makes the list (and every composer's copy) load again.
  const add = useApiMutation((v: Omit<CannedReply, "id">) => api.post("/canned-replies", v), [cannedKey]);
  const save = useApiMutation(
    ({ id, ...v }: CannedReply) => api.patch(`/canned-replies/${id}`, v),
    [cannedKey],
  );
  const remove = useApiMutation((id: string) => api.del(`/canned-replies/${id}`), [cannedKey]);
  return (
    <div className="admin-grid canned-admin">
      <CannedForm submitLabel="Add canned reply" onSave={(v) => add.mutateAsync(v)} />
      {status && <p className="error">{status}</p>}
      {(items ?? []).length === 0 && <p className="muted">No canned replies yet.</p>}
      <ul className="canned-list" aria-label="Canned replies">
        {(items ?? []).map((c) => (
          <li key={c.id} className="card">
            <CannedForm
              initial={c}
              submitLabel="Save"
              onSave={(v) => save.mutateAsync({ ...v, id: c.id })}
              onDelete={() => remove.mutateAsync(c.id)}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

function CannedForm({
  initial,
  submitLabel,
  onSave,
  onDelete,
}: {
  initial?: CannedReply;
  submitLabel: string;
  onSave(v: { shortcut: string; text: string }): Promise<unknown>;
  onDelete?(): Promise<unknown>;
}) {
  const [shortcut, setShortcut] = useState(initial?.shortcut ?? "");
  const [text, setText] = useState(initial?.text ?? "");
  const [error, setError] = useState("");
  const [saved, setSaved] = useState("");
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError("");
    setSaved("");
    try {
      await onSave({ shortcut: shortcut.trim(), text });
      if (!initial) {
        setShortcut("");
        setText("");
      }
      setSaved("Saved.");
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form
      className={initial ? "stack" : "card stack"}
      onSubmit={submit}
      aria-label={initial ? `/${initial.shortcut}` : "New canned reply"}
    >
      {initial && <strong>/{initial.shortcut}</strong>}
      <label>
        Shortcut (typed after /)
        <input
          value={shortcut}
          onChange={(e) => {
            setShortcut(e.target.value);
            setError("");
          }}
          required
          placeholder="e.g. thanks"
        />
      </label>
      <label>
        Text
        <textarea rows={3} value={text} onChange={(e) => setText(e.target.value)} required />
      </label>
      <div className="row">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        {onDelete && (
          <button type="button" onClick={() => onDelete().catch((err) => setError(errorText(err)))}>
            Delete
          </button>
        )}
        {saved && <span className="muted small">{saved}</span>}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
