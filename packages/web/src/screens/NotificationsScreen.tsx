import { useState } from "react";
import { Avatar } from "../components/Avatar.tsx";
import { RoomKindIcon } from "../components/Icon.tsx";
import { errorText } from "../lib/api.ts";
import { dayLabel } from "../lib/history.ts";
import { useInboxActions, useNotifications } from "../lib/notifications.ts";
import { queryErrorText } from "../lib/query.ts";
import { useRoomList } from "../lib/rooms.ts";
import { linkClick, navigate } from "../lib/router.ts";
import { useMe } from "../lib/session.tsx";
import type { NotificationItem, Room } from "../lib/types.ts";
import { displayName, useUser } from "../lib/users.ts";

const TRIGGER_TEXT: Record<string, string> = {
  dm: "sent you a direct message",
  mention: "mentioned you",
  keyword: "used one of your keywords",
  thread: "replied in a thread you follow",
  group: "notified the whole room",
  pending_contact: "is waiting for an agent",
  conversation_created: "started a conversation",
  conversation_assigned: "assigned you a conversation",
  conversation_mention: "mentioned you in a private note",
  assigned_conversation_message: "wrote in a conversation assigned to you",
  participating_conversation_message: "wrote in a conversation you take part in",
  missed_call: "called you",
};

// Support items whose actor is an agent also say whose conversation it is ("… with Bob").
const WITH_CONTACT: Record<string, (c: string) => string> = {
  conversation_assigned: (c) => `assigned you the conversation with ${c}`,
  conversation_mention: (c) => `mentioned you in a private note on the conversation with ${c}`,
  assigned_conversation_message: (c) => `wrote in the conversation with ${c}, assigned to you`,
  participating_conversation_message: (c) => `wrote in the conversation with ${c}`,
};

/** Who and what an item says: a support item without an agent actor is the contact's doing. */
function itemWords(n: NotificationItem, actorName: string): { who: string; what: string } {
  const kind = n.event ?? n.trigger ?? n.type;
  const what = TRIGGER_TEXT[kind] ?? "notified you";
  if (!n.conversationId) return { who: actorName, what };
  const contact = n.contactName || "A visitor";
  if (!(n.actorId ?? n.actor?.id)) return { who: contact, what };
  return { who: actorName, what: WITH_CONTACT[kind]?.(contact) ?? what };
}

/** The inbox's filters: each asks the server for one kind of item. Support is shown to agents and admins. */
const FILTERS: { value: string; label: string; agentsOnly?: boolean }[] = [
  { value: "", label: "All" },
  { value: "mentions", label: "Mentions" },
  { value: "threads", label: "Threads" },
  { value: "support", label: "Support", agentsOnly: true },
  { value: "calls", label: "Calls" },
];

/** Items in day groups, newest first: "Today", "Yesterday", "Monday, December 1". */
function byDay(items: NotificationItem[], now: number): { label: string; items: NotificationItem[] }[] {
  const groups: { label: string; items: NotificationItem[] }[] = [];
  for (const n of items) {
    const label = dayLabel(n.createdAt, now);
    const last = groups[groups.length - 1];
    if (last?.label === label) last.items.push(n);
    else groups.push({ label, items: [n] });
  }
  return groups;
}

/** In-app notification inbox (GEN-1): newest first in day groups, filters, cursor paging, read / all read, snooze. */
export function NotificationsScreen() {
  const me = useMe();
  const [filter, setFilter] = useState("");
  const [actionError, setActionError] = useState("");
  const rooms = useRoomList();
  const inbox = useNotifications(filter);
  const { markRead, readAll, snooze } = useInboxActions();
  const { items } = inbox;
  const failed = (e: unknown) => setActionError(errorText(e));
  const error = actionError || queryErrorText(inbox);
  const loaded = inbox.isSuccess;

  const now = Date.now();
  const roomOf = (id?: string | null) => (id ? rooms.data?.rooms.find((r) => r.id === id) : undefined);
  const filters = FILTERS.filter((f) => !f.agentsOnly || me.role !== "member");
  const empty = filter ? "Nothing of this kind yet." : "No notifications yet.";
  return (
    <div className="page">
      <div className="page-head">
        <h1>Notifications</h1>
        {/* Always offered: unread items may be on a later page or under another filter. */}
        <button type="button" onClick={() => readAll.mutateAsync().catch(failed)}>
          Mark all as read
        </button>
      </div>
      <fieldset className="notif-filters">
        <legend className="sr-only">Show</legend>
        {filters.map((f) => (
          <button
            key={f.value}
            type="button"
            aria-pressed={filter === f.value}
            onClick={() => setFilter(f.value)}
          >
            {f.label}
          </button>
        ))}
      </fieldset>
      {error && <p className="error">{error}</p>}
      {loaded && items.length === 0 && !error && <p className="empty">{empty}</p>}
      {byDay(items, now).map((g) => (
        <section key={g.label} className="notif-day" aria-label={g.label}>
          <h2 className="day-line">{g.label}</h2>
          <ul className="notif-list">
            {g.items.map((n) => (
              <Item
                key={n.id}
                n={n}
                room={roomOf(n.roomId)}
                onRead={() => markRead.mutateAsync(n.id).catch(failed)}
                onSnooze={(until) => snooze.mutateAsync({ id: n.id, until }).catch(failed)}
              />
            ))}
          </ul>
        </section>
      ))}
      {inbox.hasNextPage && (
        <button type="button" disabled={inbox.isFetchingNextPage} onClick={() => inbox.fetchNextPage()}>
          Load older
        </button>
      )}
    </div>
  );
}

/** GEN-1 "snooze until a time": the choices chat apps offer, computed in the browser's local time. */
const SNOOZE_CHOICES: { value: string; label: string; until: (now: Date) => number }[] = [
  { value: "1h", label: "for 1 hour", until: (now) => now.getTime() + 3_600_000 },
  { value: "3h", label: "for 3 hours", until: (now) => now.getTime() + 3 * 3_600_000 },
  { value: "tomorrow", label: "until tomorrow 9:00", until: (now) => atNine(now, 1) },
  { value: "week", label: "until next week", until: (now) => atNine(now, 7) },
];

function atNine(now: Date, days: number): number {
  const d = new Date(now);
  d.setDate(d.getDate() + days);
  d.setHours(9, 0, 0, 0);
  return d.getTime();
}

/** Where an item happened, in words: a room's name, "a group message"; nothing for a DM (the words say it). */
function whereWords(n: NotificationItem, room: Room | undefined): string | null {
  if (n.conversationId || !room || room.kind === "dm") return null;
  if (room.kind === "gdm") return room.name || "a group message";
  return room.name || null;
}

function Item({
  n,
  room,
  onRead,
  onSnooze,
}: {
  n: NotificationItem;
  room?: Room;
  onRead(): void;
  onSnooze(until: number): void;
}) {
  const actor = useUser(n.actorId ?? n.actor?.id);
  const actorName = n.actor?.displayName ?? displayName(actor);
  const words = itemWords(n, actorName);
  const unread = !(n.read || n.readAt);
  const where = whereWords(n, room);
  const target = n.conversationId
    ? `/support/c/${n.conversationId}`
    : n.roomId && n.threadId
      ? `/chat/${n.roomId}/thread/${n.threadId}`
      : n.roomId
        ? `/chat/${n.roomId}`
        : null;
  return (
    <li className={`notif${unread ? " unread" : ""}`} data-type={n.type}>
      <button
        type="button"
        className="notif-main"
        onClick={() => {
          onRead();
          if (target) navigate(target);
        }}
      >
        <span>
          <strong>{words.who}</strong> {words.what}
          {where && (
            <span className="notif-room muted">
              {" "}
              in{" "}
              <span className="nowrap">
                {room && room.kind !== "gdm" && <RoomKindIcon kind={room.kind} />}
                {where}
              </span>
            </span>
          )}
        </span>
        {(n.preview ?? n.text) && <span className="text muted">{n.preview ?? n.text}</span>}
        <time className="muted small">{timeOfDay(n.createdAt)}</time>
      </button>
      {/* Drawn first (CSS order), after the words in the page's text: an item reads "Bob mentioned you". */}
      <Avatar name={words.who} />
      <div className="actions">
        {n.messageId && (
          <a
            href={`/explain/${n.messageId}`}
            onClick={linkClick(`/explain/${n.messageId}`)}
            className="small"
          >
            Why?
          </a>
        )}
        {unread && (
          <button type="button" className="link small" onClick={onRead}>
            Mark read
          </button>
        )}
        <select
          className="small"
          aria-label="Snooze"
          value=""
          onChange={(e) => {
            const choice = SNOOZE_CHOICES.find((c) => c.value === e.target.value);
            if (choice) onSnooze(choice.until(new Date()));
          }}
        >
          <option value="">Snooze…</option>
          {SNOOZE_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
    </li>
  );
}

/** The time of day; the day is the group's heading. */
function timeOfDay(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
}
