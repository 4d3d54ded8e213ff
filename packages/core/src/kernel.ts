// The per-member channel rules (DSK-1/2, PSH-1/2/9, PRF-17, EML-1, GEN-1, PRF-36, MEN-6) over the snapshot
// columns, for a member's set of triggers (TRG-1).

import { ALLOWED, allows, firstAllowed, PUSH_NAMES_ALL, recipientTrigger, TS } from "./allow.ts";
import type { EventContext } from "./event.ts";
import { BIT, type Channel, TRIGGER_CODES as T } from "./model.ts";
import { F, inQuietHours, type RoomSnapshot } from "./snapshot.ts";

export { allows, recipientTrigger, TS };

/** PSH-2: the inactivity a push/email waits for: PRF-13, and for trigger `all` max(PRV-6, PRF-13). */
export function thresholdMs(snap: RoomSnapshot, i: number, trigger: number): number {
  const idle = snap.idleMs[i];
  if (trigger !== T.all) return idle;
  const room = snap.admin.roomInactivitySeconds * 1000;
  return room > idle ? room : idle;
}

/** PRS-7 (presence.inactiveFrom) from the instants presence.ts wrote into the columns. */
export function inactiveFromAt(snap: RoomSnapshot, i: number, threshold: number): number {
  const t = snap.inactiveBase[i] + threshold;
  const g = snap.noDesktopFrom[i];
  return g < t ? g : t;
}

/** PRS-7's last clause: the moment no desktop/web connection has been open for 30 s (Infinity while one is). */
export function offlineFromAt(snap: RoomSnapshot, i: number): number {
  return snap.noDesktopFrom[i]; // presence.noDesktopFrom
}

/**
 * PRF-17 + PSH-2: the moment a push candidate may go (same as schedule.pushFrom). "always": at once unless
 * the message is in view in a focused window (then as "inactive"); "offline": once no desktop/web
 * connection for 30 s; "inactive": PRS-7 for the threshold.
 */
export function pushFromAt(snap: RoomSnapshot, i: number, threshold: number, inView: boolean): number {
  const f = snap.flags[i];
  if (f & F.pushAlways && !inView) return Number.NEGATIVE_INFINITY;
  if (f & F.pushOffline) return offlineFromAt(snap, i);
  return inactiveFromAt(snap, i, threshold);
}

/** DSK-2's test: a focused window of member i shows this room (room messages) or this thread. */
export function inViewAt(snap: RoomSnapshot, ctx: EventContext, i: number): boolean {
  return (
    (ctx.inRoom && (snap.flags[i] & F.viewRoom) !== 0) ||
    (ctx.threadRootId !== null && snap.viewThread.size > 0 && snap.viewThread.get(i) === ctx.threadRootId)
  );
}

/**
 * TRG-1: the trigger (code) a channel names for member i's trigger set — the first one its level allows
 * (banner and sound: desktop level; push PRF-20; email), or for the inbox the recipient's trigger. 0 = none.
 * Push text (PRV-1), email subjects (EML-4) and explain use it.
 */
export function channelTrigger(snap: RoomSnapshot, i: number, set: number, channel: Channel): number {
  const lb = snap.levelBits[i];
  if (channel === "inbox") return recipientTrigger(set, lb);
  return firstAllowed(set, lb, channel === "push" ? 1 : channel === "email" ? 2 : 0);
}

/** The channel bits of one member for trigger set `set`: the sparse path and the reference of the loop. */
export function channelsFor(
  snap: RoomSnapshot,
  ctx: EventContext,
  i: number,
  set: number,
  now: number,
): number {
  if (set === 0) return 0;
  if (ctx.ignorers?.has(i)) return 0; // MEN-6
  const lb = snap.levelBits[i];
  let out = recipientTrigger(set, lb) <= T.group ? BIT.inbox : 0; // GEN-1: never for trigger `all`
  if (snap.silencedUntil[i] > now || snap.busyUntil[i] > now) return out; // PRF-36, DSK-1/PSH-1/EML-1
  const f = snap.flags[i];
  const quiet = inQuietHours(snap, i, now);
  const allowed = ALLOWED[(set << 12) | lb];
  const inView = inViewAt(snap, ctx, i);
  // DSK-1, DSK-2; a desktop/web connection open, or closed within the PRS-4 grace (a short reconnect resumes
  // with the banner, GEN-7).
  if (!quiet && now < snap.noDesktopFrom[i] && allowed & 1 && !inView)
    out |= f & F.sound ? BIT.banner | BIT.sound : BIT.banner;
  if (allowed & 2) {
    // PSH-9 holds it in quiet hours; else PRF-17 / PSH-2: now if its moment has come.
    const th = thresholdMs(snap, i, allowed & PUSH_NAMES_ALL ? T.all : T.mention);
    if (!quiet && now >= pushFromAt(snap, i, th, inView)) out |= BIT.push;
    else out |= BIT.pushScheduled;
  }
  if (allowed & 4 && f & F.hasEmail && (f & F.emailVerified || !snap.admin.requireVerifiedEmail))
    out |= BIT.emailScheduled; // EML-1 candidate; EML-2/EML-3 decide the moment
  return out;
}

/** Presence `online` for @here (presence.isHereTarget) from the instant presence.ts wrote (PRS-1 … PRS-4). */
export function onlineAt(snap: RoomSnapshot, i: number, now: number): boolean {
  return now < snap.onlineUntil[i];
}

/** Marks the sender in the set array handed to denseChannels (not a trigger set: sets are < 128). */
export const SENDER_MARK = 255;

/**
 * The dense loop (group mentions, dm/gdm): triggerSetFor + channelsFor for every member, with the columns in
 * locals and the PRS-7 / PRF-17 / quiet-hours checks inlined. `triggers` arrives holding only the specials'
 * bits and the sender (SENDER_MARK), `sets` filled with `fallback`; every member's set is its special bits |
 * `fallback`, or | `fallbackMuted` when they muted group mentions (PRF-31). Writes the final sets, the
 * recipient triggers and the channel bits (a fast-path member's set is the `fallback` already there).
 * The property and differential tests check it against triggerSetFor/channelsFor member by member.
 */
export function denseChannels(
  snap: RoomSnapshot,
  ctx: EventContext,
  sets: Uint8Array,
  triggers: Uint8Array,
  channels: Uint8Array,
  fallback: number,
  fallbackMuted: number,
  now: number,
): void {
  const { levelBits, flags, silencedUntil, busyUntil, quietStart, quietEnd, quietAt } = snap;
  const { inactiveBase, noDesktopFrom, idleMs } = snap;
  const ign = ctx.ignorers?.size ? ctx.ignorers : null;
  const viewThread = ctx.threadRootId !== null && snap.viewThread.size > 0;
  const inRoom = ctx.inRoom;
  const roomIdle = snap.admin.roomInactivitySeconds * 1000;
  const needVerified = snap.admin.requireVerifiedEmail;
  const n = snap.size;
  // Fast path: members with no special trigger and nothing dynamic copy their precomputed bits.
  // Only for @all in a room message (set {group, all}, trigger group): a dm/gdm has a handful of members,
  // and its `dm` depends on each member's PRF-33 override.
  const fast = fallback === (TS.group | TS.all) ? snap.groupBits : null;
  const DYNAMIC = F.desktopConn | F.desktopGone | F.mayBlock | F.hasQuiet | F.muteGroup;
  for (let i = 0; i < n; i++) {
    const f = flags[i];
    let set = triggers[i];
    if (set === 0 && fast !== null && !(f & DYNAMIC) && (ign === null || !ign.has(i))) {
      triggers[i] = T.group;
      channels[i] = fast[i];
      continue;
    }
    if (set === SENDER_MARK) {
      sets[i] = 0;
      triggers[i] = T.none;
      channels[i] = 0;
      continue;
    }
    set |= f & F.muteGroup ? fallbackMuted : fallback;
    sets[i] = set;
    const lb = levelBits[i];
    const t = recipientTrigger(set, lb);
    triggers[i] = t;
    if (set === 0 || ign?.has(i)) {
      channels[i] = 0;
      continue;
    }
    let out = t <= T.group ? BIT.inbox : 0;
    if (f & F.mayBlock && (silencedUntil[i] > now || busyUntil[i] > now)) {
      channels[i] = out;
      continue;
    }
    let quiet = false;
    if (f & F.hasQuiet) {
      const qe = quietEnd[i];
      quiet = qe > now && now >= quietAt[i] ? now >= quietStart[i] : inQuietHours(snap, i, now);
    }
    const allowed = ALLOWED[(set << 12) | lb];
    const inView =
      (inRoom && (f & F.viewRoom) !== 0) || (viewThread && snap.viewThread.get(i) === ctx.threadRootId);
    if (!quiet && now < noDesktopFrom[i] && allowed & 1 && !inView)
      out |= f & F.sound ? BIT.banner | BIT.sound : BIT.banner;
    if (allowed & 2) {
      if (quiet) out |= BIT.pushScheduled;
      else if (!(f & (F.desktopConn | F.desktopGone)))
        out |= BIT.push; // no desktop/web connection (PRS-7): every PRF-17 choice sends at once
      else if (f & F.pushAlways && !inView)
        out |= BIT.push; // PRF-17 "even while I'm active"
      else {
        let from: number;
        if (f & F.pushOffline) from = noDesktopFrom[i];
        else {
          const idle = idleMs[i];
          const th = allowed & PUSH_NAMES_ALL && roomIdle > idle ? roomIdle : idle;
          // PRS-7 (presence.inactiveFrom) from the instants presence.ts wrote.
          from = inactiveBase[i] + th;
          const g = noDesktopFrom[i];
          if (g < from) from = g;
        }
        out |= now >= from ? BIT.push : BIT.pushScheduled;
      }
    }
    if (allowed & 4 && f & F.hasEmail && (f & F.emailVerified || !needVerified)) out |= BIT.emailScheduled;
    channels[i] = out;
  }
}
