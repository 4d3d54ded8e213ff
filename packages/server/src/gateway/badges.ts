// A connected user's badge (BDG-1 … BDG-4): the user's read state per room, loaded once from the store, then
// moved by the stored facts each message event carries (its seq, the mention rows it wrote). Every count is
// core's (`roomCounts`, `badgeContribution`): the gateway applies facts, never its own math. A room's state
// remembers the sequence it includes, so an event the load already included is never applied twice (BDG-6).
import {
  badgeContribution,
  type FollowedThreadState,
  type RoomCounts,
  type RoomReadState,
  roomCounts,
} from "@herald/core";
import type { MessageView } from "./ports.ts";

export interface BadgeRooms {
  [roomId: string]: { unread: number; mentions: number; threads: number };
}

export interface BadgeView {
  total: number;
  dot: boolean;
  rooms: BadgeRooms;
}

/** What the post transaction stored for one member about one message (the rows the recount reads). */
export interface MessageFacts {
  /** A `mention` or `keyword` row for the member (MEN-1, MEN-4). */
  personal: boolean;
  /** A `here` row: the member was online for `@here` at send time (MEN-2). */
  here: boolean;
  /** The message has an `@all` / `@channel` group-mention row. */
  all: boolean;
  /** The member follows the thread the reply is in. */
  follows: boolean;
}

interface Room {
  state: RoomReadState;
  counts: RoomCounts;
}

export class UserBadge {
  readonly #rooms = new Map<string, Room>();
  #total = 0;
  #dots = 0;

  constructor(states: readonly RoomReadState[]) {
    for (const s of states) {
      const room = { state: s, counts: roomCounts(s) };
      this.#rooms.set(s.roomId, room);
      this.#add(room, 1);
    }
  }

  #add(r: Room, sign: 1 | -1): void {
    this.#total += sign * badgeContribution(r.state.kind, r.counts, r.state.assignedToMe);
    if (r.counts.showsUnread) this.#dots += sign;
  }

  /** Applies one new message's stored facts for this member; returns whether the badge moved. */
  applyMessage(userId: string, m: MessageView, facts: MessageFacts): boolean {
    const r = this.#rooms.get(m.roomId);
    if (!r) return false;
    const threadOnly = !!m.threadRootId && !m.alsoInRoom;
    const s = r.state;
    if (threadOnly) {
      const moved = applyThreadReply(s, userId, m, facts);
      // TRG-2: `@all` in a thread reaches the whole room; its row carries the room's current seq.
      const all = facts.all && m.senderId !== userId && !s.groupMentionSeqs.includes(m.seq);
      if (all) (s.groupMentionSeqs as number[]).push(m.seq);
      if (!moved && !all) return false;
    } else {
      if (m.seq <= s.lastSeq) return false;
      s.lastSeq = m.seq;
      // Posting reads the room up to the message for its sender (the post transaction sets last-read).
      if (m.senderId === userId) s.lastReadSeq = m.seq;
      else {
        // The loaded arrays are this badge's own copies (a fresh load per recount): appended in place.
        if (facts.personal) (s.mentionSeqs as number[]).push(m.seq);
        if (facts.here) s.hereSeqs = [...(s.hereSeqs ?? []), m.seq];
        if (facts.all) (s.groupMentionSeqs as number[]).push(m.seq);
      }
    }
    const before = r.counts;
    this.#add(r, -1);
    r.counts = roomCounts(s);
    this.#add(r, 1);
    return (
      before.unread !== r.counts.unread ||
      before.mentions !== r.counts.mentions ||
      before.threads !== r.counts.threads
    );
  }

  get total(): number {
    return this.#total;
  }

  get dot(): boolean {
    return this.#dots > 0;
  }

  /** `{"unread":…,"mentions":…,"threads":…}` of one room, built without an intermediate object. */
  roomJson(roomId: string): string {
    const c = this.#rooms.get(roomId)?.counts;
    return c
      ? `{"unread":${c.unread},"mentions":${c.mentions},"threads":${c.threads}}`
      : '{"unread":0,"mentions":0,"threads":0}';
  }

  /** Core's counts of one room (undefined when the user is no member). */
  counts(roomId: string): RoomCounts | undefined {
    return this.#rooms.get(roomId)?.counts;
  }

  /** The read state of one room as loaded and moved since (its group-mention muting, its read position). */
  state(roomId: string): RoomReadState | undefined {
    return this.#rooms.get(roomId)?.state;
  }

  /** Unread messages of one room (0 when unknown). */
  unread(roomId: string): number {
    return this.#rooms.get(roomId)?.counts.unread ?? 0;
  }

  /** Whether a followed thread of the room has unread replies. */
  threadUnread(roomId: string, rootId: string): boolean {
    const t = this.#rooms.get(roomId)?.state.threads?.find((x) => x.rootId === rootId);
    return t !== undefined && t.lastSeq > t.lastReadSeq;
  }

  /** Mentions counted in one room (0 when unknown). */
  mentions(roomId: string): number {
    return this.#rooms.get(roomId)?.counts.mentions ?? 0;
  }

  has(roomId: string): boolean {
    return this.#rooms.has(roomId);
  }

  view(onlyRooms?: readonly string[]): BadgeView {
    const rooms: BadgeRooms = {};
    for (const id of onlyRooms ?? this.#rooms.keys()) {
      const c = this.#rooms.get(id)?.counts;
      rooms[id] = c
        ? { unread: c.unread, mentions: c.mentions, threads: c.threads }
        : { unread: 0, mentions: 0, threads: 0 };
    }
    return { total: this.#total, dot: this.#dots > 0, rooms };
  }
}

/**
 * A thread-only reply takes no room seq (BDG-1): it moves only a followed thread's state — its last seq, and
 * the member's mention row in it. A thread the state does not hold had no unread replies when loaded, so the
 * member had read it up to the previous reply. Returns false when the state already includes the reply.
 */
function applyThreadReply(s: RoomReadState, userId: string, m: MessageView, facts: MessageFacts): boolean {
  const rootId = m.threadRootId;
  const tseq = m.threadSeq;
  if (!rootId || tseq == null || !facts.follows) return false;
  const threads = [...(s.threads ?? [])];
  const k = threads.findIndex((t) => t.rootId === rootId);
  const old: FollowedThreadState = k >= 0 ? threads[k] : { rootId, lastSeq: tseq - 1, lastReadSeq: tseq - 1 };
  if (tseq <= old.lastSeq) return false;
  const t: FollowedThreadState = { ...old, lastSeq: tseq };
  if (m.senderId === userId) t.lastReadSeq = tseq;
  else if (facts.personal || facts.here) t.mentionThreadSeqs = [...(t.mentionThreadSeqs ?? []), tseq];
  if (k >= 0) threads[k] = t;
  else threads.push(t);
  s.threads = threads;
  return true;
}
