import { type FormEvent, useState } from "react";
import { UserPicker } from "../../components/UserPicker.tsx";
import { api, errorText } from "../../lib/api.ts";
import { asList, useGet } from "../../lib/data.ts";
import type { Inbox, User } from "../../lib/types.ts";

/** Support inboxes (SUP-1): create, add agents, and the widget link with the inbox key. */
export function AdminInboxes() {
  const inboxes = useGet<Inbox[]>("/inboxes", (raw) => asList<Inbox>(raw, "inboxes"));
  const [name, setName] = useState("");
  const [status, setStatus] = useState("");
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  async function create(e: FormEvent) {
    e.preventDefault();
    try {
      // The inbox key is returned once (stored as a hash): show it and the widget link now.
      const r = await api.post<{ key?: string }>("/inboxes", { name: name.trim() });
      if (r.key) setCreated({ name: name.trim(), key: r.key });
      setName("");
      inboxes.reload();
    } catch (err) {
      setStatus(errorText(err));
    }
  }
  return (
    <div className="admin-grid">
      <form className="card row" onSubmit={create}>
        <label className="grow">
          New inbox name
          <input value={name} onChange={(e) => setName(e.target.value)} required placeholder="e.g. Website" />
        </label>
        <button type="submit" className="primary">
          Create inbox
        </button>
      </form>
      {created && (
        <div className="token-box" data-testid="inbox-key">
          <p>
            <strong>{created.name}</strong>: copy the inbox key now, it will not be shown again.
          </p>
          <code className="mono">{created.key}</code>
          <p className="small">
            Website widget:{" "}
            <a
              href={`/widget?key=${encodeURIComponent(created.key)}`}
            >{`${location.origin}/widget?key=${created.key}`}</a>
          </p>
        </div>
      )}
      {status && <p className="error">{status}</p>}
      {inboxes.error && <p className="error">{inboxes.error}</p>}
      {(inboxes.data ?? []).map((i) => (
        <InboxCard key={i.id} inbox={i} onChanged={inboxes.reload} />
      ))}
    </div>
  );
}

function InboxCard({ inbox, onChanged }: { inbox: Inbox; onChanged(): void }) {
  const [people, setPeople] = useState<User[]>([]);
  const [status, setStatus] = useState("");
  const key = inbox.apiKey ?? inbox.key;
  const widget = key ? `${location.origin}/widget?key=${encodeURIComponent(key)}` : null;
  async function add() {
    try {
      await api.post(`/inboxes/${inbox.id}/agents`, { userIds: people.map((p) => p.id) });
      setPeople([]);
      setStatus("Agents added.");
      onChanged();
    } catch (err) {
      setStatus(errorText(err));
    }
  }
  return (
    <section className="card form" aria-label={`Inbox ${inbox.name}`}>
      <h2 className="small">{inbox.name}</h2>
      {widget ? (
        <p className="small">
          Website widget: <a href={widget}>{widget}</a>
        </p>
      ) : (
        <p className="muted small">
          Key starts with {inbox.keyPrefix ?? "…"} (shown only when the inbox was created).
        </p>
      )}
      <p className="muted small">{(inbox.agentIds ?? []).length} agent(s)</p>
      <UserPicker label="Add agents" value={people} onChange={setPeople} />
      <button type="button" onClick={add} disabled={people.length === 0}>
        Add to inbox
      </button>
      <output aria-live="polite">{status}</output>
    </section>
  );
}
