import { useState } from "react";
import { errorText } from "../../lib/api.ts";
import { useCreateRoom, useOpenDirect } from "../../lib/rooms.ts";
import { navigate } from "../../lib/router.ts";
import type { User } from "../../lib/types.ts";
import { Dialog } from "../Dialog.tsx";
import { UserPicker } from "../UserPicker.tsx";

type Kind = "channel" | "group" | "direct";

/** Create a channel or private group, or open a DM / group DM (3–8 people) with the people picked. */
export function NewRoomDialog({ onClose, onCreated }: { onClose(): void; onCreated(): void }) {
  const [kind, setKind] = useState<Kind>("channel");
  const [name, setName] = useState("");
  const [people, setPeople] = useState<User[]>([]);
  const openDirect = useOpenDirect();
  const createRoom = useCreateRoom();
  const error = errorText(openDirect.error ?? createRoom.error ?? "");

  async function create() {
    openDirect.reset();
    createRoom.reset();
    const ids = people.map((p) => p.id);
    const room =
      kind === "direct"
        ? await openDirect.mutateAsync(ids)
        : await createRoom.mutateAsync({ kind, name: name.trim(), memberIds: ids });
    onCreated();
    navigate(`/chat/${room.id}`);
  }

  return (
    <Dialog title="New conversation" onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          // A failure shows from the mutation's state.
          create().catch(() => undefined);
        }}
      >
        <fieldset>
          <legend>Kind</legend>
          {(
            [
              ["channel", "Public channel"],
              ["group", "Private group"],
              ["direct", "Direct message"],
            ] as const
          ).map(([k, label]) => (
            <label key={k}>
              <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />
              {label}
            </label>
          ))}
        </fieldset>
        {kind !== "direct" && (
          <label>
            Name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              placeholder="e.g. general"
            />
          </label>
        )}
        <UserPicker
          label={kind === "direct" ? "People (1 for a DM, up to 7 for a group DM)" : "Invite people"}
          value={people}
          onChange={setPeople}
        />
        {error && <p className="error">{error}</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={kind === "direct" && people.length === 0}>
            Create
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
