import { lazy, Suspense, useEffect, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { startCall, useCurrentCall } from "../../lib/calls.ts";
import { useLive } from "../../lib/live.tsx";
import { roomLabel } from "../../lib/rooms.ts";
import { linkClick, navigate, useLocation } from "../../lib/router.ts";
import { useMe } from "../../lib/session.tsx";
import type { Room } from "../../lib/types.ts";
import { PresenceLabel } from "../Avatar.tsx";
import { Icon, RoomKindIcon } from "../Icon.tsx";
import { usePopup } from "../popup.ts";

// Dialogs load when first opened, not with the room (docs/BENCHMARKS.md, "Web app").
const AddMembersDialog = lazy(() =>
  import("./AddMembersDialog.tsx").then((m) => ({ default: m.AddMembersDialog })),
);
const RoomPrefsDialog = lazy(() =>
  import("./RoomPrefsDialog.tsx").then((m) => ({ default: m.RoomPrefsDialog })),
);

export function RoomHeader({ roomId, room, onChanged }: { roomId: string; room?: Room; onChanged(): void }) {
  const me = useMe();
  const { presence, watchPresence } = useLive();
  const menu = usePopup();
  // "?prefs=notifications" opens the room's preferences (the explain page links a reason here).
  const loc = useLocation();
  const linked = loc.query.get("prefs") === "notifications";
  const [prefs, setPrefs] = useState(linked);
  useEffect(() => {
    if (linked) setPrefs(true);
  }, [linked]);
  const closePrefs = () => {
    setPrefs(false);
    if (linked) navigate(loc.path, true);
  };
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState("");
  const isDirect = room?.kind === "dm" || room?.kind === "gdm";
  const others = (room?.members ?? []).filter((m) => m.id !== me.id);
  const otherIds = others.map((m) => m.id).join(",");
  const current = useCurrentCall();
  const inCall = current?.roomId === roomId && current.phase !== "ended";

  // PRS-6: only the users shown here (DM partner) are subscribed, never the whole room.
  useEffect(() => {
    if (isDirect && otherIds) return watchPresence(otherIds.split(","));
  }, [isDirect, otherIds, watchPresence]);

  async function call() {
    setStatus("");
    try {
      await startCall(roomId, others.length === 1 ? others[0].id : undefined); // the call bar takes over
    } catch (e) {
      setStatus(errorText(e));
    }
  }

  async function leave() {
    menu.close(false);
    try {
      await api.post(`/rooms/${roomId}/leave`);
      onChanged();
      navigate("/chat");
    } catch (e) {
      setStatus(errorText(e));
    }
  }

  return (
    <header className="room-header">
      <a className="back" href="/chat" onClick={linkClick("/chat")} aria-label="Back to rooms">
        ‹
      </a>
      <div className="room-title">
        <h1>
          {room && <RoomKindIcon kind={room.kind} />}
          {roomLabel(room, me) || "Room"}
        </h1>
        {isDirect && others.length === 1 && <PresenceLabel status={presence[others[0].id]} />}
        {room?.topic && <span className="muted small">{room.topic}</span>}
      </div>
      {status && <output className="muted small">{status}</output>}
      {isDirect && (
        <button type="button" onClick={call} aria-label="Start a call" disabled={inCall}>
          <Icon name="phone" /> Call
        </button>
      )}
      <div className="kebab">
        <button
          ref={menu.trigger}
          type="button"
          className="icon"
          aria-label="Room menu"
          aria-haspopup="menu"
          aria-expanded={menu.open}
          onClick={() => menu.setOpen(!menu.open)}
        >
          ⋮
        </button>
        {menu.open && (
          <div className="menu" role="menu" aria-label="Room menu" ref={menu.panel} onKeyDown={menu.menuKeys}>
            <button type="button" role="menuitem" onClick={() => menu.pick(() => setPrefs(true))}>
              Notification Preferences
            </button>
            {(room?.kind === "channel" || room?.kind === "group") && (
              <button type="button" role="menuitem" onClick={() => menu.pick(() => setAdding(true))}>
                Add members
              </button>
            )}
            {!isDirect && (
              <button type="button" role="menuitem" onClick={leave}>
                Leave room
              </button>
            )}
          </div>
        )}
      </div>
      {adding && (
        <Suspense fallback={null}>
          <AddMembersDialog
            roomId={roomId}
            roomName={roomLabel(room, me)}
            onClose={() => setAdding(false)}
            onAdded={() => {
              setAdding(false);
              setStatus("Members added");
              onChanged();
            }}
          />
        </Suspense>
      )}
      {prefs && (
        <Suspense fallback={null}>
          <RoomPrefsDialog
            roomId={roomId}
            onClose={closePrefs}
            onSaved={() => {
              closePrefs();
              onChanged();
            }}
          />
        </Suspense>
      )}
    </header>
  );
}
