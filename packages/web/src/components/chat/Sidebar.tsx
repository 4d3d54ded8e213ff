import { lazy, Suspense, useEffect, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { useLive } from "../../lib/live.tsx";
import { isSilenced, roomLabel, roomStateWords } from "../../lib/rooms.ts";
import { linkClick } from "../../lib/router.ts";
import { useMe } from "../../lib/session.tsx";
import type { PresenceStatus, Room } from "../../lib/types.ts";
import { Icon, RoomKindIcon } from "../Icon.tsx";

// Dialogs load when first opened: the first load carries only the room list (docs/BENCHMARKS.md, "Web app").
const BrowseChannelsDialog = lazy(() =>
  import("./BrowseChannelsDialog.tsx").then((m) => ({ default: m.BrowseChannelsDialog })),
);
const NewRoomDialog = lazy(() => import("./NewRoomDialog.tsx").then((m) => ({ default: m.NewRoomDialog })));

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

function ThreadsLink({ active, count }: { active: boolean; count: number }) {
  return (
    <a
      href="/chat/threads"
      className={`room-link threads-link${count > 0 ? " unread" : ""}`}
      onClick={linkClick("/chat/threads")}
      aria-current={active ? "page" : undefined}
    >
      <span className="room-name">
        <Icon name="thread" size={14} /> Threads
      </span>
      {count > 0 && (
        <span className="pill unread-count">
          {count}
          <span className="sr-only">
            {count === 1 ? " thread with new replies" : " threads with new replies"}
          </span>
        </span>
      )}
    </a>
  );
}

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
  const [error, setError] = useState("");
  // The badge and the sidebar follow from the server's read frames: these only ask.
  const ask = (path: string, body: object = {}) =>
    api.post(path, body).then(
      () => setError(""),
      (e) => setError(errorText(e)),
    );
  const anyUnread = rooms.some((r) => (badge.rooms[r.id]?.unread ?? r.unread ?? 0) > 0);
  // BDG-1: core counts, per room, the followed threads with unread replies; the Threads row adds them up.
  const threadsUnread = Object.values(badge.rooms).reduce((n, c) => n + (c.threads ?? 0), 0);
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
      <div className="sidebar-tools">
        <button
          type="button"
          className="link small"
          disabled={!anyUnread && threadsUnread === 0}
          // Everything: the rooms and the threads I follow, or a mention in a thread would stay in the title.
          onClick={() => Promise.all([ask("/rooms/read-all"), ask("/threads/read-all")])}
        >
          Mark all as read
        </button>
      </div>
      {error && <p className="error small">{error}</p>}
      <ThreadsLink active={activeId === "threads"} count={threadsUnread} />
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
                // Every message of a DM is for me: its row counts them all, as a channel's counts mentions.
                const direct = r.kind === "dm" || r.kind === "gdm";
                const count = direct
                  ? Math.max(markUnread ? counts.unread : 0, counts.mentions)
                  : counts.mentions;
                const state = roomStateWords(r);
                return (
                  <li key={r.id} className="room-row">
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
                        {state.length > 0 && <span className="room-state">{state.join(" · ")}</span>}
                      </span>
                      {isSilenced(r) && <span className="sr-only"> (muted)</span>}
                      {unread && <span className="sr-only"> (unread)</span>}
                      {count > 0 && (
                        <span className={`pill ${direct ? "unread-count" : "mention-count"}`}>
                          {count}
                          <span className="sr-only">{direct ? " unread" : " mentions"}</span>
                        </span>
                      )}
                    </a>
                    <button
                      type="button"
                      className="row-action"
                      aria-label={`${unread ? "Mark as read" : "Mark as unread"}: ${label}`}
                      title={unread ? "Mark as read" : "Mark as unread"}
                      onClick={() => ask(unread ? `/rooms/${r.id}/read` : `/rooms/${r.id}/unread`)}
                    >
                      {unread ? "✓" : "●"}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      <Suspense fallback={null}>
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
      </Suspense>
    </nav>
  );
}
