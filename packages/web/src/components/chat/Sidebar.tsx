import { useEffect, useState } from "react";
import { useLive } from "../../lib/live.tsx";
import { isSilenced, roomLabel } from "../../lib/rooms.ts";
import { linkClick } from "../../lib/router.ts";
import { useMe } from "../../lib/session.tsx";
import type { PresenceStatus, Room } from "../../lib/types.ts";
import { RoomKindIcon } from "../Icon.tsx";
import { BrowseChannelsDialog } from "./BrowseChannelsDialog.tsx";
import { NewRoomDialog } from "./NewRoomDialog.tsx";

function dmPartner(r: Room, meId: string): string | undefined {
  return r.members?.find((m) => m.id !== meId)?.id;
}

function PresenceDot({ status }: { status?: PresenceStatus }) {
  const s = status ?? "offline";
  return <span className={`dot ${s}`} title={s} />;
}

const SECTIONS: [string, Room["kind"][]][] = [
  ["Channels", ["channel"]],
  ["Private groups", ["group"]],
  ["Direct messages", ["dm", "gdm"]],
];

export function Sidebar({
  rooms,
  activeId,
  onCreated,
}: {
  rooms: Room[];
  activeId?: string;
  onCreated(): void;
}) {
  const me = useMe();
  const { badge, presence, watchPresence } = useLive();
  // PRS-6: the DM list shows its partners' presence, so it subscribes to exactly those users.
  const partners = [
    ...new Set(rooms.filter((r) => r.kind === "dm").flatMap((r) => (r.members ?? []).map((m) => m.id))),
  ]
    .filter((id) => id !== me.id)
    .sort()
    .join(",");
  useEffect(() => {
    if (!partners) return;
    const unwatch = watchPresence(partners.split(","));
    return unwatch;
  }, [partners, watchPresence]);
  const [creating, setCreating] = useState(false);
  const [browsing, setBrowsing] = useState(false);
  return (
    <nav className="sidebar" aria-label="Rooms">
      <div className="sidebar-head">
        <h2>Rooms</h2>
        <button type="button" onClick={() => setBrowsing(true)}>
          Browse
        </button>
        <button type="button" onClick={() => setCreating(true)}>
          + New
        </button>
      </div>
      {SECTIONS.map(([title, kinds]) => {
        const list = rooms.filter((r) => kinds.includes(r.kind));
        return (
          <section key={title} aria-label={title}>
            <h3>{title}</h3>
            {list.length === 0 && <p className="muted small">None yet</p>}
            <ul>
              {list.map((r) => {
                const counts = badge.rooms[r.id] ?? { unread: r.unread ?? 0, mentions: r.mentions ?? 0 };
                const markUnread = r.preferences?.markUnread !== false; // PRF-32 / PRF-38
                const unread = markUnread && counts.unread > 0;
                const cls = ["room-link", unread ? "unread" : "", isSilenced(r) ? "silenced" : ""].join(" ");
                const label = roomLabel(r, me);
                return (
                  <li key={r.id}>
                    <a
                      href={`/chat/${r.id}`}
                      className={cls}
                      onClick={linkClick(`/chat/${r.id}`)}
                      aria-current={r.id === activeId ? "page" : undefined}
                      data-room={label}
                    >
                      {r.kind === "dm" && <PresenceDot status={presence[dmPartner(r, me.id) ?? ""]} />}
                      <span className="room-name">
                        <RoomKindIcon kind={r.kind} />
                        {label}
                      </span>
                      {isSilenced(r) && <span className="sr-only"> (muted)</span>}
                      {unread && <span className="sr-only"> (unread)</span>}
                      {counts.mentions > 0 && (
                        <span className="pill mention-count">
                          {counts.mentions}
                          <span className="sr-only"> mentions</span>
                        </span>
                      )}
                    </a>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {browsing && (
        <BrowseChannelsDialog
          onClose={() => setBrowsing(false)}
          onJoined={() => {
            setBrowsing(false);
            onCreated();
          }}
        />
      )}
      {creating && (
        <NewRoomDialog
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            onCreated();
          }}
        />
      )}
    </nav>
  );
}
