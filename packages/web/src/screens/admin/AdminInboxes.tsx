import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { UserPicker } from "../../components/UserPicker.tsx";
import { api, errorText } from "../../lib/api.ts";
import { queryErrorText, useApiMutation, useApiQuery } from "../../lib/query.ts";
import type { Inbox, User } from "../../lib/types.ts";
import { displayName, useUser } from "../../lib/users.ts";
import { InboxWidget } from "./InboxWidget.tsx";

const isAgent = (u: User) => u.role === "agent" || u.role === "admin";

/** GET /inboxes; every write to an inbox (agents, key, widget) makes it load again. */
export const inboxesKey = ["inboxes"] as const;

/** Support inboxes (SUP-1): create, add agents, and the widget link with the inbox key. The key is public by
 *  design (the widget puts it in the customer's page), so it stays visible here; it can be rotated. */
export function AdminInboxes() {
  const inboxes = useApiQuery<{ inboxes: Inbox[] }>(inboxesKey, "/inboxes");
  const add = useApiMutation((v: { name: string }) => api.post("/inboxes", v), [inboxesKey]);
  const client = useQueryClient();
  const reload = () => client.invalidateQueries({ queryKey: inboxesKey });
  const [name, setName] = useState("");
  const [status, setStatus] = useState("");
  async function create(e: FormEvent) {
    e.preventDefault();
    try {
      await add.mutateAsync({ name: name.trim() });
      setName("");
      setStatus("");
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
      {status && <p className="error">{status}</p>}
      {inboxes.error && <p className="error">{queryErrorText(inboxes)}</p>}
      {(inboxes.data?.inboxes ?? []).map((i) => (
        <InboxCard key={i.id} inbox={i} onChanged={reload} />
      ))}
    </div>
  );
}

function AgentRow({ inbox, id, onRemoved }: { inbox: Inbox; id: string; onRemoved(text: string): void }) {
  const u = useUser(id);
  const name = displayName(u, "A former user");
  const drop = useApiMutation(() => api.del(`/inboxes/${inbox.id}/agents/${id}`), [inboxesKey]);
  async function remove() {
    if (!window.confirm(`Remove ${name} from ${inbox.name}? They stop getting its conversations.`)) return;
    try {
      await drop.mutateAsync(undefined);
      onRemoved(`${name} was removed from ${inbox.name}.`);
    } catch (err) {
      onRemoved(errorText(err));
    }
  }
  return (
    <li className="agent-row">
      <span>{name}</span>
      <button type="button" className="link" onClick={remove} aria-label={`Remove ${name}`}>
        Remove
      </button>
    </li>
  );
}

function InboxCard({ inbox, onChanged }: { inbox: Inbox; onChanged(): void }) {
  const [people, setPeople] = useState<User[]>([]);
  const [status, setStatus] = useState("");
  const [keyStatus, setKeyStatus] = useState("");
  const key = inbox.key ?? inbox.apiKey;
  const widget = key ? `${location.origin}/widget?key=${encodeURIComponent(key)}` : null;
  const addAgents = useApiMutation(
    (userIds: string[]) => api.post<{ added?: string[] }>(`/inboxes/${inbox.id}/agents`, { userIds }),
    [inboxesKey],
  );
  const newKey = useApiMutation(() => api.post(`/inboxes/${inbox.id}/key`), [inboxesKey]);
  async function add() {
    try {
      const r = await addAgents.mutateAsync(people.map((p) => p.id));
      setStatus(r.added?.length === 0 ? "Already agents of this inbox." : "Agents added.");
    } catch (err) {
      // The server adds whoever it can and names the others in words; the list below shows who is in.
      setStatus(errorText(err));
      onChanged();
    }
    setPeople([]);
  }
  async function rotate() {
    if (!window.confirm(`Make a new key for ${inbox.name}? Pages embedding the old key stop working.`))
      return;
    try {
      await newKey.mutateAsync(undefined);
      setKeyStatus("New key made: update the pages that embed the widget.");
    } catch (err) {
      setKeyStatus(errorText(err));
    }
  }
  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setKeyStatus("Copied.");
    } catch {
      setKeyStatus("Copy did not work here: select the text and copy it by hand.");
    }
  }
  return (
    <section className="card form" aria-label={`Inbox ${inbox.name}`}>
      <h2 className="small">{inbox.name}</h2>
      {key && widget ? (
        <div className="inbox-key">
          <label>
            Inbox key (public: it sits in your web pages)
            <input readOnly value={key} className="mono" onFocus={(e) => e.target.select()} />
          </label>
          <p className="small">
            Website widget: <a href={widget}>{widget}</a>
          </p>
          <div className="row">
            <button type="button" onClick={() => copy(key)}>
              Copy key
            </button>
            <button type="button" onClick={() => copy(widget)}>
              Copy widget link
            </button>
            <button type="button" onClick={rotate}>
              Regenerate key
            </button>
          </div>
        </div>
      ) : (
        <div className="inbox-key">
          <p className="muted small">
            This inbox's key (starts with {inbox.keyPrefix ?? "…"}) was made before keys could be shown again.
          </p>
          <button type="button" onClick={rotate}>
            Regenerate key
          </button>
        </div>
      )}
      <output aria-live="polite" className="small">
        {keyStatus}
      </output>
      {key && <InboxWidget inboxId={inbox.id} inboxKey={key} />}
      <h3 className="small">Agents</h3>
      {(inbox.agentIds ?? []).length === 0 ? (
        <p className="muted small">No agents yet.</p>
      ) : (
        <ul className="small" aria-label={`Agents of ${inbox.name}`}>
          {(inbox.agentIds ?? []).map((id) => (
            <AgentRow key={id} inbox={inbox} id={id} onRemoved={setStatus} />
          ))}
        </ul>
      )}
      <UserPicker label="Add agents" value={people} onChange={setPeople} only={isAgent} includeMe />
      <button type="button" onClick={add} disabled={people.length === 0}>
        Add to inbox
      </button>
      <output aria-live="polite">{status}</output>
    </section>
  );
}
