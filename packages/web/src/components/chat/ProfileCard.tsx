import { useEffect, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { asItem } from "../../lib/data.ts";
import { useLive } from "../../lib/live.tsx";
import { navigate } from "../../lib/router.ts";
import { useMe } from "../../lib/session.tsx";
import type { Room } from "../../lib/types.ts";
import { displayName, useUser } from "../../lib/users.ts";
import { Avatar, PresenceLabel } from "../Avatar.tsx";
import { Dialog } from "../Dialog.tsx";

/** A user's card: presence, direct message, and ignore (MEN-6). */
export function ProfileCard({ userId, onClose }: { userId: string; onClose(): void }) {
  const me = useMe();
  const user = useUser(userId);
  const { presence, watchPresence } = useLive();
  const [ignored, setIgnored] = useState(false);
  const [error, setError] = useState("");
  const name = displayName(user);

  // PRS-6: subscribe to the presence of the users this tab shows. Block body: the effect must return the
  // unsubscribe function itself (React calls whatever an effect returns as its cleanup).
  useEffect(() => {
    const unwatch = watchPresence([userId]);
    return unwatch;
  }, [userId, watchPresence]);

  // MEN-6: the card shows whether I already ignore this user.
  useEffect(() => {
    let live = true;
    api.get<{ userIds?: string[] }>("/me/ignores").then(
      (r) => {
        if (live) setIgnored(Boolean(r.userIds?.includes(userId)));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [userId]);

  async function toggleIgnore() {
    try {
      if (ignored) await api.del(`/me/ignores/${userId}`);
      else await api.put(`/me/ignores/${userId}`, {});
      setIgnored(!ignored);
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function message() {
    try {
      const room = asItem<Room>(await api.post("/dms", { userIds: [userId] }), "room");
      onClose();
      navigate(`/chat/${room.id}`);
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <Dialog title={name} onClose={onClose}>
      <div className="profile">
        <Avatar name={name} size={56} status={presence[userId]} />
        <div>
          <div className="muted">@{user?.username}</div>
          <PresenceLabel status={presence[userId]} />
        </div>
      </div>
      {userId !== me.id && (
        <div className="actions">
          <button type="button" onClick={message}>
            Message
          </button>
          <button type="button" onClick={toggleIgnore} aria-pressed={ignored}>
            {ignored ? "Stop ignoring" : "Ignore"}
          </button>
        </div>
      )}
      {ignored && (
        <p className="muted small">You get no notifications from {name}; unread counts still move.</p>
      )}
      {error && <p className="error">{error}</p>}
    </Dialog>
  );
}
