import { useCallback, useEffect, useState } from "react";
import { api, errorText } from "../lib/api.ts";
import { asList, formatTime } from "../lib/data.ts";
import { useFrames } from "../lib/live.tsx";
import { linkClick, navigate } from "../lib/router.ts";
import type { NotificationItem } from "../lib/types.ts";
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

/** In-app notification inbox (GEN-1): newest first, cursor paging, read / all read, snooze. */
export function NotificationsScreen() {
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState("");
  const load = useCallback(async (from: string | null) => {
    try {
      const raw = await api.get<Record<string, unknown>>(
        `/notifications?limit=30${from ? `&cursor=${encodeURIComponent(from)}` : ""}`,
      );
      const list = asList<NotificationItem>(raw, "notifications");
      setItems((cur) => (from ? [...cur, ...list] : list));
      setCursor(typeof raw.nextCursor === "string" ? raw.nextCursor : null);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => {
    load(null);
  }, [load]);
  useFrames((f) => f.t === "notify" && load(null));

  const markRead = (id: string) =>
    api
      .post(`/notifications/${id}/read`)
      .then(() => setItems((cur) => cur.map((n) => (n.id === id ? { ...n, read: true } : n))));
  const allRead = () =>
    api.post("/notifications/read-all").then(() => setItems((cur) => cur.map((n) => ({ ...n, read: true }))));
  const snooze = (id: string, until: number) =>
    api
      .post(`/notifications/${id}/snooze`, { until })
      .then(() => setItems((cur) => cur.filter((n) => n.id !== id)));

  return (
    <div className="page">
      <div className="page-head">
        <h1>Notifications</h1>
        <button type="button" onClick={() => allRead().catch((e) => setError(errorText(e)))}>
          Mark all as read
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {items.length === 0 && !error && <p className="empty">No notifications yet.</p>}
      <ul className="notif-list">
        {items.map((n) => (
          <Item key={n.id} n={n} onRead={() => markRead(n.id)} onSnooze={(until) => snooze(n.id, until)} />
        ))}
      </ul>
      {cursor && (
        <button type="button" onClick={() => load(cursor)}>
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

function Item({
  n,
  onRead,
  onSnooze,
}: {
  n: NotificationItem;
  onRead(): void;
  onSnooze(until: number): void;
}) {
  const actor = useUser(n.actorId ?? n.actor?.id);
  const kind = n.event ?? n.trigger ?? n.type;
  const unread = !(n.read || n.readAt);
  const target = n.conversationId
    ? `/support/c/${n.conversationId}`
    : n.roomId && n.threadId
      ? `/chat/${n.roomId}/thread/${n.threadId}`
      : n.roomId
        ? `/chat/${n.roomId}`
        : null;
  return (
    <li className={`notif${unread ? " unread" : ""}`}>
      <button
        type="button"
        className="notif-main"
        onClick={() => {
          onRead();
          if (target) navigate(target);
        }}
      >
        <span>
          <strong>{n.actor?.displayName ?? displayName(actor)}</strong> {TRIGGER_TEXT[kind] ?? kind}
        </span>
        {(n.preview ?? n.text) && <span className="text muted">{n.preview ?? n.text}</span>}
        <time className="muted small">{formatTime(n.createdAt)}</time>
      </button>
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
