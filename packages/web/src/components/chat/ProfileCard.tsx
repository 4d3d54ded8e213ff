import { useEffect } from "react";
import { errorText, http, ok } from "../../lib/api.ts";
import { useLive } from "../../lib/live.tsx";
import { keys, useApiMutation, useApiQuery } from "../../lib/query.ts";
import { useOpenDirect } from "../../lib/rooms.ts";
import { navigate } from "../../lib/router.ts";
import { useMe } from "../../lib/session.tsx";
import { displayName, useUser } from "../../lib/users.ts";
import { Avatar, PresenceLabel } from "../Avatar.tsx";
import { Dialog } from "../Dialog.tsx";

/** A user's card: presence, direct message, and ignore (MEN-6). */
export function ProfileCard({ userId, onClose }: { userId: string; onClose(): void }) {
  const me = useMe();
  const user = useUser(userId);
  const { presence, watchPresence } = useLive();
  const name = displayName(user);

  // PRS-6: subscribe to the presence of the users this tab shows. Block body: the effect must return the
  // unsubscribe function itself (React calls whatever an effect returns as its cleanup).
  useEffect(() => {
    const unwatch = watchPresence([userId]);
    return unwatch;
  }, [userId, watchPresence]);

  // MEN-6: the card shows whether I already ignore this user.
  const ignores = useApiQuery(keys.ignores(), () => ok(http.GET("/api/v1/me/ignores")));
  const ignored = Boolean(ignores.data?.userIds.includes(userId));
  const toggle = useApiMutation(
    (on: boolean) => {
      const at = { params: { path: { userId } } };
      return on
        ? ok(http.PUT("/api/v1/me/ignores/{userId}", at))
        : ok(http.DELETE("/api/v1/me/ignores/{userId}", at));
    },
    [keys.ignores()],
  );
  const openDirect = useOpenDirect();
  const error = errorText(toggle.error ?? openDirect.error ?? "");

  const toggleIgnore = () => toggle.mutate(!ignored);

  const message = () =>
    openDirect.mutate([userId], {
      onSuccess: (room) => {
        onClose();
        navigate(`/chat/${room.id}`);
      },
    });

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
