// A connected user's badge (BDG-1 … BDG-4), loaded once from the store's recount and then moved
// incrementally by message events. Each room remembers the sequence it has counted up to, so an event that
// the recount already included is never counted twice (BDG-6: counts never drift).
import type { MessageView, RoomBadge } from "./ports.ts";

export interface BadgeRooms {
  [roomId: string]: { unread: number; mentions: number; threads: number };
}

export interface BadgeView {
  total: number;
  dot: boolean;
  rooms: BadgeRooms;
}

/** BDG-2: a room adds its unread count (dm/gdm, assigned conversations) or else its mentions. */
function contribution(r: RoomBadge): number {
  return r.countsUnread ? r.unread : r.mentions;
}

/** BDG-3 / PRF-38: only rooms that show unread state feed the dot. */
function dotted(r: RoomBadge): boolean {
  return r.showUnread && r.unread > 0;
}

export class UserBadge {
  readonly #rooms: Map<string, RoomBadge>;
  #total = 0;
  #dots = 0;

  constructor(rooms: Map<string, RoomBadge>) {
    this.#rooms = rooms;
    for (const r of rooms.values()) {
      this.#total += contribution(r);
      if (dotted(r)) this.#dots++;
    }
  }

  #change(roomId: string, r: RoomBadge, mutate: (r: RoomBadge) => void): void {
    this.#total -= contribution(r);
    if (dotted(r)) this.#dots--;
    mutate(r);
    this.#total += contribution(r);
    if (dotted(r)) this.#dots++;
    this.#rooms.set(roomId, r);
  }

  /** Applies one new message for this member; returns whether the badge moved. Mirrors core's roomCounts:
   *  unread = room seq − read seq (system messages included), a mention counts once, and a thread-only
   *  reply (which takes no room seq) only marks a followed thread unread and counts its mention there. */
  applyMessage(userId: string, m: MessageView, mentioned: boolean, followsThread: boolean): boolean {
    const r = this.#rooms.get(m.roomId);
    if (!r) return false;
    const threadOnly = !!m.threadRootId && !m.alsoInRoom;
    if (!threadOnly && m.seq <= r.lastSeq) return false;
    const [u0, m0, t0] = [r.unread, r.mentions, r.threadIds.length];
    this.#change(m.roomId, r, (x) => {
      if (!threadOnly) x.lastSeq = m.seq;
      if (m.senderId === userId) {
        // Posting reads the room up to the message for its sender (the post transaction sets last-read).
        if (!threadOnly) {
          x.unread = 0;
          x.mentions = 0;
        }
        return;
      }
      if (threadOnly) {
        if (!followsThread || !m.threadRootId) return;
        if (!x.threadIds.includes(m.threadRootId)) x.threadIds = [...x.threadIds, m.threadRootId];
        if (mentioned) x.mentions++;
        return;
      }
      x.unread++;
      if (mentioned && m.kind !== "system") x.mentions++;
    });
    return u0 !== r.unread || m0 !== r.mentions || t0 !== r.threadIds.length;
  }

  get total(): number {
    return this.#total;
  }

  get dot(): boolean {
    return this.#dots > 0;
  }

  /** `{"unread":…,"mentions":…,"threads":…}` of one room, built without an intermediate object. */
  roomJson(roomId: string): string {
    const r = this.#rooms.get(roomId);
    return r
      ? `{"unread":${r.unread},"mentions":${r.mentions},"threads":${r.threadIds.length}}`
      : '{"unread":0,"mentions":0,"threads":0}';
  }

  /** Unread messages of one room (0 when unknown). */
  unread(roomId: string): number {
    return this.#rooms.get(roomId)?.unread ?? 0;
  }

  /** Whether a followed thread of the room counts as unread. */
  threadUnread(roomId: string, rootId: string): boolean {
    return this.#rooms.get(roomId)?.threadIds.includes(rootId) ?? false;
  }

  /** Mentions counted in one room (0 when unknown). */
  mentions(roomId: string): number {
    return this.#rooms.get(roomId)?.mentions ?? 0;
  }

  has(roomId: string): boolean {
    return this.#rooms.has(roomId);
  }

  view(onlyRooms?: readonly string[]): BadgeView {
    const rooms: BadgeRooms = {};
    for (const id of onlyRooms ?? this.#rooms.keys()) {
      const r = this.#rooms.get(id);
      rooms[id] = r
        ? { unread: r.unread, mentions: r.mentions, threads: r.threadIds.length }
        : { unread: 0, mentions: 0, threads: 0 };
    }
    return { total: this.#total, dot: this.#dots > 0, rooms };
  }
}
