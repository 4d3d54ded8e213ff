// Flag bits of the snapshot columns, and the presence part of a member's row: rewritten on every activity,
// connection, view or status change without touching preferences (updateMemberPresence).
import { inactiveBase, noDesktopFrom, onlineUntil } from "./presence.ts";
import type { MemberFacts, RoomSnapshot } from "./snapshot.ts";

export const F = {
  threadDesktop: 1,
  threadPush: 2,
  threadEmail: 4,
  muteGroup: 8,
  hasEmail: 16,
  emailVerified: 32,
  desktopConn: 64,
  viewRoom: 128,
  autoAway: 256,
  sound: 512,
  admin: 1024,
  anyConn: 2048,
  manualAway: 4096,
  invisible: 8192,
  /** Silenced or busy at some time (the loop then compares the end times). */
  mayBlock: 32768,
  hasQuiet: 65536,
  /** No desktop/web connection, but the last one closed recently enough to be remembered (desktopGoneAt). */
  desktopGone: 131072,
  /** PRF-17 "even while I'm active": push at once unless the message is in view (DSK-2). */
  pushAlways: 1 << 24,
  /** PRF-17 "only when I'm offline": push once no desktop/web connection has been open for 30 s. */
  pushOffline: 1 << 25,
} as const;

/** The flags writePresence owns; the rest come from preferences. */
const PRESENCE_FLAGS =
  F.desktopConn |
  F.viewRoom |
  F.autoAway |
  F.anyConn |
  F.manualAway |
  F.invisible |
  F.mayBlock |
  F.desktopGone;

/** Writes activity, view and busy status of member i (columns, flags, @here and view lists). */
export function writePresence(snap: RoomSnapshot, i: number, m: MemberFacts): void {
  const a = m.activity;
  let f = snap.flags[i] & ~PRESENCE_FLAGS;
  if (a.hasDesktopConnection) f |= F.desktopConn;
  if (m.view?.focusedRoom) f |= F.viewRoom;
  if (a.autoAway) f |= F.autoAway;
  if (a.hasAnyConnection || a.anyGoneAt !== null) f |= F.anyConn;
  if (a.manual === "away") f |= F.manualAway;
  if (a.manual === "invisible") f |= F.invisible;
  if (!a.hasDesktopConnection && a.desktopGoneAt !== null) f |= F.desktopGone;
  const b = m.status.busy;
  snap.busyUntil[i] = b == null ? 0 : b.until === null ? Number.POSITIVE_INFINITY : b.until;
  if (snap.silencedUntil[i] > 0 || snap.busyUntil[i] > 0) f |= F.mayBlock;
  snap.flags[i] = f;
  snap.lastActivity[i] = a.lastActivityAt;
  snap.desktopGoneAt[i] = a.desktopGoneAt ?? Number.NaN;
  snap.lockedSince[i] = a.lockedSince ?? Number.NaN;
  snap.anyGoneAt[i] = a.anyGoneAt ?? Number.NaN;
  snap.idleMs[i] = Math.max(60, a.idleSeconds) * 1000;
  // PRS-2 … PRS-7 decided by presence.ts; the kernel only compares these instants with `now`.
  snap.inactiveBase[i] = inactiveBase(a);
  snap.noDesktopFrom[i] = noDesktopFrom(a);
  snap.onlineUntil[i] = onlineUntil(a);
  if (f & F.anyConn) snap.anyConnected.add(i);
  else snap.anyConnected.delete(i);
  if (m.view?.focusedThreadId) snap.viewThread.set(i, m.view.focusedThreadId);
  else snap.viewThread.delete(i);
}

/**
 * Cheap incremental update for the frequent events — activity, connect/disconnect, focus/view, busy — without
 * re-resolving preferences or recompiling keywords (use upsertMember for preference changes).
 */
export function updateMemberPresence(
  snap: RoomSnapshot,
  userId: string,
  patch: Partial<Pick<MemberFacts, "activity" | "view" | "status">>,
): boolean {
  const i = snap.indexByUserId.get(userId);
  if (i === undefined) return false;
  const m = { ...snap.members[i], ...patch };
  snap.members[i] = m;
  writePresence(snap, i, m);
  return true;
}
