// Column-oriented per-room snapshot the gateway keeps and updates incrementally ("Why it scales").
import { staticBits, TS } from "./allow.ts";
import { F, writePresence } from "./columns.ts";
import { compileKeywords, type KeywordMatcher } from "./keywords.ts";
import type { QuietWindow, Role, RoomKind, UserStatus } from "./model.ts";
import { foldName } from "./names.ts";
import { type EffectiveRoomPreferences, effectiveRoomPreferences, silencedUntil } from "./preferences.ts";
import type { ActivityFacts } from "./presence.ts";
import { quietSpanAround } from "./quiet.ts";
import {
  type AccountPreferences,
  type AdminSettings,
  LEVEL_CODES,
  type RoomPreferences,
} from "./settings.ts";

/** Everything decide needs to know about one member; preferences already resolved (PRF-21). */
export interface MemberFacts {
  userId: string;
  username: string;
  role: Role;
  account: AccountPreferences;
  room: RoomPreferences;
  activity: ActivityFacts;
  status: UserStatus;
  timezone: string;
  hasEmail: boolean;
  emailVerified: boolean;
  /** User ids this member ignores (MEN-6). */
  ignores?: readonly string[];
  /** DSK-2: a connection whose window is focused shows this room / this thread. */
  view?: { focusedRoom: boolean; focusedThreadId: string | null };
}

export { F } from "./columns.ts";

export interface RoomSnapshot {
  roomId: string;
  kind: RoomKind;
  admin: AdminSettings;
  /** Room size for MEN-7 (PRV-9); may exceed `size` when the snapshot holds only some members. */
  memberCount: number | null;
  size: number;
  capacity: number;
  userIds: string[];
  members: MemberFacts[];
  effective: EffectiveRoomPreferences[];
  indexByUserId: Map<string, number>;
  /** foldName(username) → member index (MEN-1). */
  indexByUsername: Map<string, number>;
  desktop: Uint8Array;
  push: Uint8Array;
  email: Uint8Array;
  flags: Uint32Array;
  /** desktop | push << 2 | email << 4 | PRF-6 thread toggles desktop << 6, push << 7, email << 8 | in a gdm,
   * PRF-33 overridden to mentions desktop << 9, push << 10, email << 11 (one load; see allow.ts). */
  levelBits: Uint16Array;
  /** staticBits for the set {group, all}: what an unconnected, unblocked member gets from @all (dense fast
   * path). */
  groupBits: Uint8Array;
  /** 0 = not silenced (PRF-36); Infinity = until turned back on. Same convention for busyUntil. */
  silencedUntil: Float64Array;
  busyUntil: Float64Array;
  /** Current-or-next quiet window [start, end); NaN = none. Recomputed lazily once `end` has passed. */
  quietStart: Float64Array;
  quietEnd: Float64Array;
  /** The time the cached window was computed at. */
  quietAt: Float64Array;
  lastActivity: Float64Array;
  /** NaN = null (see ActivityFacts). */
  desktopGoneAt: Float64Array;
  lockedSince: Float64Array;
  anyGoneAt: Float64Array;
  idleMs: Float64Array;
  /** Instants computed by presence.ts (PRS-2 … PRS-7), so the loops only compare: inactivity counts from
   *  inactiveBase (+ the threshold), or from noDesktopFrom, whichever is first; online while now < onlineUntil. */
  inactiveBase: Float64Array;
  noDesktopFrom: Float64Array;
  onlineUntil: Float64Array;
  /** Small index lists: the only members a plain message needs to look at. */
  allLevel: Set<number>;
  anyConnected: Set<number>;
  /** Members' keyword lists (MEN-4), compiled only when a message is matched against them (keywordMembers):
   *  deciding a post's recipients, whose mentions were resolved at post time, never matches. */
  keywords: Map<number, readonly string[]>;
  /** The members with their matchers for resolveMentions, built on first use after a change (null = stale). */
  keywordList: { userId: string; matcher: KeywordMatcher }[] | null;
  /** One compiled matcher per distinct keyword list, shared by the members who have that list. */
  matchers: Map<string, KeywordMatcher>;
  ignoredBy: Map<string, Set<number>>;
  viewThread: Map<number, string>;
  /** Scratch bitmap for decide's candidate set (always left all-zero). */
  bits: Uint32Array;
}

/** Builds the snapshot of a room. `now` places quiet windows; later calls may pass any later time. */
export function buildRoomSnapshot(
  room: { id: string; kind: RoomKind; memberCount?: number },
  members: readonly MemberFacts[],
  admin: AdminSettings,
  now: number,
): RoomSnapshot {
  const cap = Math.max(8, members.length);
  const snap: RoomSnapshot = {
    roomId: room.id,
    kind: room.kind,
    admin,
    memberCount: room.memberCount ?? null,
    size: 0,
    capacity: cap,
    userIds: [],
    members: [],
    effective: [],
    indexByUserId: new Map(),
    indexByUsername: new Map(),
    desktop: new Uint8Array(cap),
    push: new Uint8Array(cap),
    email: new Uint8Array(cap),
    flags: new Uint32Array(cap),
    levelBits: new Uint16Array(cap),
    groupBits: new Uint8Array(cap),
    silencedUntil: new Float64Array(cap),
    busyUntil: new Float64Array(cap),
    quietStart: new Float64Array(cap),
    quietEnd: new Float64Array(cap),
    quietAt: new Float64Array(cap),
    lastActivity: new Float64Array(cap),
    desktopGoneAt: new Float64Array(cap),
    lockedSince: new Float64Array(cap),
    anyGoneAt: new Float64Array(cap),
    idleMs: new Float64Array(cap),
    inactiveBase: new Float64Array(cap),
    noDesktopFrom: new Float64Array(cap),
    onlineUntil: new Float64Array(cap),
    allLevel: new Set(),
    anyConnected: new Set(),
    keywords: new Map(),
    keywordList: null,
    matchers: new Map(),
    ignoredBy: new Map(),
    viewThread: new Map(),
    bits: new Uint32Array((cap + 31) >>> 5),
  };
  for (const m of members) upsertMember(snap, m, now);
  return snap;
}

/** Adds or replaces one member (incremental update: O(1) apart from their ignore list). */
export function upsertMember(snap: RoomSnapshot, m: MemberFacts, now: number): number {
  let i = snap.indexByUserId.get(m.userId);
  if (i === undefined) {
    if (snap.size === snap.capacity) grow(snap);
    i = snap.size++;
    snap.indexByUserId.set(m.userId, i);
  } else {
    clearSideLists(snap, i);
  }
  writeMember(snap, i, m, now);
  return i;
}

/** Removes a member by moving the last member into its slot. */
export function removeMember(snap: RoomSnapshot, userId: string, now: number): void {
  const i = snap.indexByUserId.get(userId);
  if (i === undefined) return;
  clearSideLists(snap, i);
  snap.indexByUserId.delete(userId);
  const last = snap.size - 1;
  if (i !== last) {
    const moved = snap.members[last];
    clearSideLists(snap, last);
    snap.indexByUserId.set(moved.userId, i);
    writeMember(snap, i, moved, now);
  }
  snap.members.length = last;
  snap.userIds.length = last;
  snap.effective.length = last;
  snap.size = last;
}

function clearSideLists(snap: RoomSnapshot, i: number): void {
  const old = snap.members[i];
  if (!old) return;
  const name = foldName(old.username);
  if (snap.indexByUsername.get(name) === i) snap.indexByUsername.delete(name);
  snap.allLevel.delete(i);
  snap.anyConnected.delete(i);
  if (snap.keywords.delete(i)) snap.keywordList = null;
  snap.viewThread.delete(i);
  for (const u of old.ignores ?? []) snap.ignoredBy.get(u)?.delete(i);
}

function writeMember(snap: RoomSnapshot, i: number, m: MemberFacts, now: number): void {
  const eff = effectiveRoomPreferences(m.account, m.room);
  snap.members[i] = m;
  snap.userIds[i] = m.userId;
  snap.effective[i] = eff;
  snap.indexByUsername.set(foldName(m.username), i); // MEN-1: names compare folded
  snap.desktop[i] = LEVEL_CODES[eff.levels.desktop];
  snap.push[i] = LEVEL_CODES[eff.levels.push];
  snap.email[i] = LEVEL_CODES[eff.levels.email];
  let f = 0;
  if (eff.threads.desktop) f |= F.threadDesktop;
  if (eff.threads.push) f |= F.threadPush;
  if (eff.threads.email) f |= F.threadEmail;
  if (eff.muteGroupMentions) f |= F.muteGroup;
  if (m.hasEmail) f |= F.hasEmail;
  if (m.emailVerified) f |= F.emailVerified;
  if (eff.sound !== "none" && m.account.volume > 0) f |= F.sound;
  if (m.role === "admin") f |= F.admin;
  if (m.account.quietHours.length > 0) f |= F.hasQuiet;
  // PRF-17: when push may go (pushFromAt).
  if (m.account.pushWhen === "always") f |= F.pushAlways;
  else if (m.account.pushWhen === "offline") f |= F.pushOffline;
  const s = silencedUntil(m.room, now);
  snap.silencedUntil[i] = s === false ? 0 : s === null ? Number.POSITIVE_INFINITY : s;
  snap.flags[i] = f;
  snap.levelBits[i] =
    snap.desktop[i] |
    (snap.push[i] << 2) |
    (snap.email[i] << 4) |
    ((f & F.threadDesktop) << 6) |
    ((f & F.threadPush) << 6) |
    ((f & F.threadEmail) << 6) |
    (snap.kind === "gdm" ? gdmMentionsBits(m.room, m.account.mobileDifferent) : 0);
  snap.groupBits[i] = staticBits(TS.group | TS.all, snap.levelBits[i], f, snap.admin.requireVerifiedEmail);
  writePresence(snap, i, m);
  setQuiet(snap, i, m.account.quietHours, m.timezone, now);
  if (eff.levels.desktop === "all" || eff.levels.push === "all" || eff.levels.email === "all")
    snap.allLevel.add(i);
  if (m.account.keywords.length > 0) {
    snap.keywords.set(i, m.account.keywords);
    snap.keywordList = null;
  }
  for (const u of m.ignores ?? []) {
    let set = snap.ignoredBy.get(u);
    if (!set) {
      set = new Set();
      snap.ignoredBy.set(u, set);
    }
    set.add(i);
  }
}

/**
 * TRG-1 / PRF-33: in a gdm, the channels whose room level is overridden to "mentions" (push following the
 * desktop override when PRF-2 is off, PRF-20): `dm` does not apply to them. levelBits bits 9–11.
 */
function gdmMentionsBits(room: RoomPreferences, mobileDifferent: boolean): number {
  const push = mobileDifferent ? room.push : room.desktop;
  return (
    (room.desktop === "mentions" ? 1 << 9 : 0) |
    (push === "mentions" ? 1 << 10 : 0) |
    (room.email === "mentions" ? 1 << 11 : 0)
  );
}

/** Members who have keywords, with their matcher (MEN-4): what resolveMentions reads. */
export function keywordMembers(snap: RoomSnapshot): { userId: string; matcher: KeywordMatcher }[] {
  if (snap.keywordList === null) {
    snap.keywordList = [];
    for (const [i, keywords] of snap.keywords)
      snap.keywordList.push({ userId: snap.userIds[i], matcher: matcherOf(snap, keywords) });
  }
  return snap.keywordList;
}

/** The snapshot's compiled matcher of a keyword list, compiled on first use. */
function matcherOf(snap: RoomSnapshot, keywords: readonly string[]): KeywordMatcher {
  const key = JSON.stringify(keywords);
  let matcher = snap.matchers.get(key);
  if (!matcher) {
    matcher = compileKeywords(keywords);
    snap.matchers.set(key, matcher);
  }
  return matcher;
}

/** Quiet window for member i around `now` (PRF-16). */
export function setQuiet(
  snap: RoomSnapshot,
  i: number,
  windows: readonly QuietWindow[],
  tz: string,
  now: number,
): void {
  const sp = quietSpanAround(windows, tz, now);
  snap.quietStart[i] = sp ? sp.start : Number.NaN;
  snap.quietEnd[i] = sp ? sp.end : Number.NaN;
  snap.quietAt[i] = now;
}

/**
 * Is member i in quiet hours at `now`? Once the cached window has passed, the next one is computed and cached
 * (a memo inside the snapshot, like its scratch bitmap), so each member pays the Intl work once per window.
 */
export function inQuietHours(snap: RoomSnapshot, i: number, now: number): boolean {
  const end = snap.quietEnd[i];
  if (Number.isNaN(end)) return false; // no quiet hours at all
  if (now < end && now >= snap.quietAt[i]) return now >= snap.quietStart[i];
  // Stale (the window passed) or asked about a time before the cache was made: compute at `now`.
  const m = snap.members[i];
  setQuiet(snap, i, m.account.quietHours, m.timezone, now);
  return snap.quietStart[i] <= now && now < snap.quietEnd[i];
}

/** End of member i's current quiet window (PSH-9), or null. */
export function quietEndFor(snap: RoomSnapshot, i: number, now: number): number | null {
  return inQuietHours(snap, i, now) ? snap.quietEnd[i] : null;
}

function grow(snap: RoomSnapshot): void {
  const cap = snap.capacity * 2;
  const u8 = (a: Uint8Array) => {
    const b = new Uint8Array(cap);
    b.set(a);
    return b;
  };
  const f64 = (a: Float64Array) => {
    const b = new Float64Array(cap);
    b.set(a);
    return b;
  };
  snap.desktop = u8(snap.desktop);
  snap.groupBits = u8(snap.groupBits);
  snap.push = u8(snap.push);
  snap.email = u8(snap.email);
  const levelBits = new Uint16Array(cap);
  levelBits.set(snap.levelBits);
  snap.levelBits = levelBits;
  const flags = new Uint32Array(cap);
  flags.set(snap.flags);
  snap.flags = flags;
  snap.silencedUntil = f64(snap.silencedUntil);
  snap.busyUntil = f64(snap.busyUntil);
  snap.quietStart = f64(snap.quietStart);
  snap.quietEnd = f64(snap.quietEnd);
  snap.quietAt = f64(snap.quietAt);
  snap.lastActivity = f64(snap.lastActivity);
  snap.desktopGoneAt = f64(snap.desktopGoneAt);
  snap.lockedSince = f64(snap.lockedSince);
  snap.anyGoneAt = f64(snap.anyGoneAt);
  snap.idleMs = f64(snap.idleMs);
  snap.inactiveBase = f64(snap.inactiveBase);
  snap.noDesktopFrom = f64(snap.noDesktopFrom);
  snap.onlineUntil = f64(snap.onlineUntil);
  snap.bits = new Uint32Array((cap + 31) >>> 5);
  snap.capacity = cap;
}
