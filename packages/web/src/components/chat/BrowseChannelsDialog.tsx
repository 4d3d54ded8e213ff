import { useState } from "react";
import { errorText } from "../../lib/api.ts";
import { keys, queryErrorText, useApiQuery } from "../../lib/query.ts";
import { useJoinRoom } from "../../lib/rooms.ts";
import { navigate } from "../../lib/router.ts";
import type { Room } from "../../lib/types.ts";
import { Dialog } from "../Dialog.tsx";

type Listed = Room & { member?: boolean };

/** Public channels with their member counts (`GET /rooms?scope=public`, each with `member`), and Join. */
export function BrowseChannelsDialog({ onClose, onJoined }: { onClose(): void; onJoined(): void }) {
  const [q, setQ] = useState("");
  const list = useApiQuery<{ rooms: Listed[] }>(keys.publicChannels(), "/rooms?scope=public");
  const joinRoom = useJoinRoom();
  const rooms = list.data?.rooms ?? null;
  const error = queryErrorText(list) || errorText(joinRoom.error ?? "");

  const join = (r: Listed) =>
    joinRoom.mutate(r.id, {
      onSuccess: () => {
        onJoined();
        navigate(`/chat/${r.id}`);
      },
    });

  const needle = q.trim().toLowerCase();
  const shown = (rooms ?? []).filter((r) => !needle || (r.name ?? "").toLowerCase().includes(needle));
  return (
    <Dialog title="Browse channels" onClose={onClose}>
      <label className="setting">
        <span>Find a channel</span>
        <input value={q} onChange={(e) => setQ(e.target.value)} placeholder="channel name" />
      </label>
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
