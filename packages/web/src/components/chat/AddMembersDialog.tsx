import { useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import type { User } from "../../lib/types.ts";
import { Dialog } from "../Dialog.tsx";
import { UserPicker } from "../UserPicker.tsx";

/** Room menu › Add members (channels and private groups; POST /rooms/:id/members). */
export function AddMembersDialog({
  roomId,
  roomName,
  onClose,
  onAdded,
}: {
  roomId: string;
  roomName: string;
  onClose(): void;
  onAdded(): void;
}) {
  const [people, setPeople] = useState<User[]>([]);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  async function add() {
    setError("");
    setBusy(true);
    try {
      await api.post(`/rooms/${roomId}/members`, { userIds: people.map((p) => p.id) });
      onAdded();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog title={`Add members to ${roomName}`} onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <UserPicker label="People to add" value={people} onChange={setPeople} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || people.length === 0}>
            Add {people.length > 0 ? people.length : ""}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
