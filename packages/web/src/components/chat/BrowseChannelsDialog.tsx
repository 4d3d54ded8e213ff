import { useEffect, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { asList } from "../../lib/data.ts";
import { navigate } from "../../lib/router.ts";
import type { Room } from "../../lib/types.ts";
import { Dialog } from "../Dialog.tsx";

type Listed = Room & { member?: boolean };

/**
 * Public channels with their member counts, and Join (POST /rooms/:id/join). The list comes from
 * `GET /rooms?scope=public` — each channel with `member` (am I in it). A server that does not know `scope`
 * answers my own rooms without `member`; then the dialog says the server cannot list channels yet.
 */
export function BrowseChannelsDialog({ onClose, onJoined }: { onClose(): void; onJoined(): void }) {
  const [rooms, setRooms] = useState<Listed[] | null>(null);
  const [supported, setSupported] = useState(true);
  const [q, setQ] = useState("");
  const [error, setError] = useState("");
  useEffect(() => {
    api.get<unknown>("/rooms?scope=public").then(
      (raw) => {
        const list = asList<Listed>(raw, "rooms").filter((r) => r.kind === "channel");
        setSupported(list.every((r) => typeof r.member === "boolean"));
        setRooms(list);
      },
      (e) => setError(errorText(e)),
    );
  }, []);

  async function join(r: Listed) {
    setError("");
    try {
      await api.post(`/rooms/${r.id}/join`);
      onJoined();
      navigate(`/chat/${r.id}`);
    } catch (e) {
      setError(errorText(e));
    }
  }

  const needle = q.trim().toLowerCase();
  const shown = (rooms ?? []).filter((r) => !needle || (r.name ?? "").toLowerCase().includes(needle));
  return (
    <Dialog title="Browse channels" onClose={onClose}>
      <label className="setting">
        <span>Find a channel</span>
        <input value={q} onChange={(e) => setQ(e.target.value)} placeholder="channel name" />
      </label>
      {!supported && (
        <output className="notice">
          This server lists only the channels you are in; it cannot show other public channels yet.
        </output>
      )}
      {rooms === null && !error && <p className="muted">Loading…</p>}
      {rooms && shown.length === 0 && <p className="muted">No channels found.</p>}
      <ul className="browse-list" aria-label="Public channels">
        {shown.map((r) => (
          <li key={r.id}>
            <span className="grow">
              <strong>#{r.name}</strong>
              {r.topic && <span className="muted small"> — {r.topic}</span>}
              <span className="muted small">
                {" "}
                · {r.memberCount ?? "?"} {r.memberCount === 1 ? "member" : "members"}
              </span>
            </span>
            {r.member === false ? (
              <button type="button" className="primary" onClick={() => join(r)}>
                Join
              </button>
            ) : (
              <button
                type="button"
                onClick={() => {
                  onClose();
                  navigate(`/chat/${r.id}`);
                }}
              >
                Open
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
