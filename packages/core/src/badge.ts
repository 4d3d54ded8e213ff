// Unread and badge math (BDG-1 … BDG-3, PRF-37, PRF-38) on the O(1)-per-message model: room and thread
// sequence numbers, read positions, group-mention sequences on the room, per-user mention rows.
import type { RoomKind } from "./model.ts";

export interface FollowedThreadState {
  rootId: string;
  /** Sequence of the newest reply in the thread. */
  lastSeq: number;
  /** The user's read position in the thread. */
  lastReadSeq: number;
  /** Thread sequences of replies that personally mention the user (mention / keyword rows). */
  mentionThreadSeqs?: readonly number[];
  /** Thread sequences of deleted replies (deletions are rare: only those above the read position matter). */
  deletedThreadSeqs?: readonly number[];
}

export interface RoomReadState {
  roomId: string;
  kind: RoomKind;
  /** Newest room sequence; thread-only replies do not take one. Posting moves the sender's read position. */
  lastSeq: number;
  lastReadSeq: number;
  /** Room sequences of this user's personal and keyword mention rows. */
  mentionSeqs: readonly number[];
  /** Room sequences of this user's `@here` rows (written only for members online at send time). */
  hereSeqs?: readonly number[];
  /** The room's `@all`/`@channel` sequences, ascending (one row per message, not per member). */
  groupMentionSeqs: readonly number[];
  muteGroupMentions: boolean; // PRF-31
  markUnread: boolean; // PRF-32
  /** A support conversation assigned to this user (BDG-2). */
  assignedToMe?: boolean;
  /** Room sequences of deleted messages (BDG-1: a deleted message is not unread). Only those above the read
   *  position matter, so a loader may pass just those; deletions are rare, the list stays small. */
  deletedSeqs?: readonly number[];
  threads?: readonly FollowedThreadState[];
}

export interface RoomCounts {
  unread: number;
  mentions: number;
  /** Followed threads with unread replies. */
  threads: number;
  /** PRF-38: the room shows as unread (and feeds the dot). */
  showsUnread: boolean;
}

/** Index of the first element > x in an ascending array. */
function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** BDG-1 for one room. Cost: O(log G) for group mentions plus the user's own (few) mention rows. */
/** How many of `seqs` lie above `read`. */
function above(seqs: readonly number[] | undefined, read: number): number {
  let n = 0;
  for (const s of seqs ?? []) if (s > read) n++;
  return n;
}

export function roomCounts(r: RoomReadState): RoomCounts {
  const unread = Math.max(0, r.lastSeq - r.lastReadSeq - above(r.deletedSeqs, r.lastReadSeq));
  // A message that is both a personal mention and a group mention counts once.
  const personal = new Set<number>();
  for (const s of r.mentionSeqs) if (s > r.lastReadSeq) personal.add(s);
  let mentions = personal.size;
  if (!r.muteGroupMentions) {
    // PRF-37: muted group mentions do not count; @here rows are group mentions too.
    for (const s of r.hereSeqs ?? [])
      if (s > r.lastReadSeq && !personal.has(s)) {
        personal.add(s);
        mentions++;
      }
    const from = upperBound(r.groupMentionSeqs, r.lastReadSeq);
    mentions += r.groupMentionSeqs.length - from;
    for (let k = from; k < r.groupMentionSeqs.length; k++)
      if (personal.has(r.groupMentionSeqs[k])) mentions--;
  }
  let threads = 0;
  for (const t of r.threads ?? []) {
    const c = threadCounts(t);
    if (c.unread > 0) threads++;
    mentions += c.mentions;
  }
  return { unread, mentions, threads, showsUnread: r.markUnread && unread > 0 };
}

export interface ThreadCounts {
  /** Replies after the thread's own read position, deleted ones not counted. */
  unread: number;
  /** Of those, the replies that mention the user personally (they count in the room's mentions). */
  mentions: number;
}

/** BDG-1 for one followed thread: what the Threads list shows and what the thread adds to its room. */
export function threadCounts(t: FollowedThreadState): ThreadCounts {
  const unread = Math.max(0, t.lastSeq - t.lastReadSeq - above(t.deletedThreadSeqs, t.lastReadSeq));
  let mentions = 0;
  for (const s of t.mentionThreadSeqs ?? []) if (s > t.lastReadSeq) mentions++;
  return { unread, mentions };
}

export interface Badge {
  /** BDG-2 numbered badge. */
  total: number;
  /** BDG-3 dot badge. */
  dot: boolean;
  rooms: Record<string, { unread: number; mentions: number; threads: number }>;
}

/** What one room adds to the numbered badge (BDG-2). */
export function badgeContribution(kind: RoomKind, c: RoomCounts, assignedToMe = false): number {
  if (kind === "dm" || kind === "gdm") return c.unread;
  if (kind === "conversation" && assignedToMe) return c.unread;
  return c.mentions;
}

/** BDG-2 and BDG-3 over all of a user's rooms. */
export function computeBadge(rooms: readonly RoomReadState[]): Badge {
  const badge: Badge = { total: 0, dot: false, rooms: {} };
  for (const r of rooms) {
    const c = roomCounts(r);
    badge.total += badgeContribution(r.kind, c, r.assignedToMe);
    if (c.showsUnread) badge.dot = true;
    badge.rooms[r.roomId] = { unread: c.unread, mentions: c.mentions, threads: c.threads };
  }
  return badge;
}
