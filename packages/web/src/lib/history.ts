// How a room's history is laid out: day lines, the "new messages" line and author groups. Pure, so the
// list only draws what this decides.
import type { Message } from "./types.ts";

/** Messages by one author closer than this run together under one name and avatar (as in Slack). */
const GROUP_MS = 5 * 60_000;

export type Row =
  | { kind: "day"; key: string; label: string }
  | { kind: "unread"; key: string }
  | { kind: "message"; key: string; message: Message; continued: boolean };

function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** "Today", "Yesterday", "Monday, December 1" (with the year when it is not this year). */
export function dayLabel(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const today = new Date(now);
  if (dayKey(ms) === dayKey(now)) return "Today";
  const y = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1).getTime();
  if (dayKey(ms) === dayKey(y)) return "Yesterday";
  return d.toLocaleDateString([], {
    weekday: "long",
    month: "long",
    day: "numeric",
    ...(d.getFullYear() === today.getFullYear() ? {} : { year: "numeric" }),
  });
}

/**
 * The first message after my read position written by someone else: where the "new messages" line goes.
 * `heldFromSeq` is the oldest seq the loaded pages reach (0 once the room's first message is held): while it
 * is past the message right after the read position, the first unread may sit on a page not loaded yet, and
 * the oldest message held is no unread line — none is drawn until its page lands.
 */
export function firstUnread(
  messages: Message[],
  readSeq: number | null,
  meId: string,
  heldFromSeq: number,
): Message | undefined {
  if (readSeq === null || heldFromSeq > readSeq + 1) return undefined;
  return messages.find((m) => m.seq > readSeq && m.senderId !== meId);
}

export function historyRows(messages: Message[], unreadId: string | undefined, now = Date.now()): Row[] {
  const rows: Row[] = [];
  let prev: Message | undefined;
  for (const m of messages) {
    const newDay = !prev || dayKey(prev.createdAt) !== dayKey(m.createdAt);
    if (newDay)
      rows.push({ kind: "day", key: `day-${dayKey(m.createdAt)}`, label: dayLabel(m.createdAt, now) });
    const unread = m.id === unreadId;
    if (unread) rows.push({ kind: "unread", key: "unread" });
    const continued =
      !newDay &&
      !unread &&
      prev !== undefined &&
      m.kind !== "system" &&
      prev.kind !== "system" &&
      prev.senderId === m.senderId &&
      m.createdAt - prev.createdAt < GROUP_MS;
    rows.push({ kind: "message", key: m.id, message: m, continued });
    prev = m;
  }
  return rows;
}
