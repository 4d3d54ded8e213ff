// The per-member channel rules (DSK-1/2, PSH-1/2/9, EML-1, GEN-1, PRF-36, MEN-6) over the snapshot columns.

import { ALLOWED, allows } from "./allow.ts";
import type { EventContext } from "./event.ts";
import { BIT, TRIGGER_CODES as T } from "./model.ts";
import { F, inQuietHours, type RoomSnapshot } from "./snapshot.ts";

export { allows };

/** PSH-2: the inactivity a push/email waits for: PRF-13, and for trigger `all` max(PRV-6, PRF-13). */
export function thresholdMs(snap: RoomSnapshot, i: number, trigger: number): number {
  const idle = snap.idleMs[i];
  if (trigger !== T.all) return idle;
  const room = snap.admin.roomInactivitySeconds * 1000;
  return room > idle ? room : idle;
}

/** PRS-7 from the snapshot columns (same as presence.inactiveFrom). */
export function inactiveFromAt(snap: RoomSnapshot, i: number, threshold: number): number {
  const f = snap.flags[i];
  let t: number;
  if (f & F.autoAway) t = snap.lastActivity[i] + threshold;
  else {
    const locked = snap.lockedSince[i];
    t = !Number.isNaN(locked) ? locked + threshold : Number.POSITIVE_INFINITY;
  }
  if (!(f & F.desktopConn)) {
    const gone = snap.desktopGoneAt[i];
    const g = !Number.isNaN(gone) ? gone + 30_000 : Number.NEGATIVE_INFINITY;
    if (g < t) t = g;
  }
  return t;
}

/** The channel bits of one member for trigger t: the hot loop. */
export function channelsFor(
  snap: RoomSnapshot,
  ctx: EventContext,
  i: number,
  t: number,
  now: number,
): number {
  if (t === T.none) return 0;
  if (ctx.ignorers?.has(i)) return 0; // MEN-6
  let out = t <= T.group ? BIT.inbox : 0; // GEN-1: never for trigger `all`
  if (snap.silencedUntil[i] > now || snap.busyUntil[i] > now) return out; // PRF-36, DSK-1/PSH-1/EML-1
  const f = snap.flags[i];
  const quiet = inQuietHours(snap, i, now);
  if (!quiet && f & F.desktopConn && allows(0, snap.desktop[i], t, (f & F.threadDesktop) !== 0)) {
    const inView =
      (ctx.inRoom && (f & F.viewRoom) !== 0) ||
      (ctx.threadRootId !== null && snap.viewThread.size > 0 && snap.viewThread.get(i) === ctx.threadRootId);
    if (!inView) out |= f & F.sound ? BIT.banner | BIT.sound : BIT.banner; // DSK-2
  }
  if (allows(1, snap.push[i], t, (f & F.threadPush) !== 0)) {
    // PSH-9 holds it in quiet hours; else PSH-2: now if already inactive long enough.
    if (!quiet && now >= inactiveFromAt(snap, i, thresholdMs(snap, i, t))) out |= BIT.push;
    else out |= BIT.pushScheduled;
  }
  if (
    allows(2, snap.email[i], t, (f & F.threadEmail) !== 0) &&
    f & F.hasEmail &&
    (f & F.emailVerified || !snap.admin.requireVerifiedEmail)
  )
    out |= BIT.emailScheduled; // EML-1 candidate; EML-2/EML-3 decide the moment
  return out;
}

/** Presence `online` for @here from the columns (PRS-1 … PRS-4). */
export function onlineAt(snap: RoomSnapshot, i: number, now: number): boolean {
  const f = snap.flags[i];
  if (!(f & F.anyConn) || f & (F.invisible | F.manualAway)) return false;
  const gone = snap.anyGoneAt[i];
  if (!Number.isNaN(gone) && now - gone >= 30_000) return false;
  if (f & F.mobileOnly) return true; // no desktop idle signal to go on (presenceOf)
  if (!(f & F.autoAway) && f & F.desktopConn) return !(snap.lockedSince[i] <= now); // PRS-3 (NaN = not locked)
  return now < inactiveFromAt(snap, i, snap.idleMs[i]);
}

/** Marks the sender in the trigger array handed to denseChannels (not a trigger code). */
export const SENDER_MARK = 255;

/**
 * The dense loop (group mentions, dm/gdm): triggerFor + channelsFor for every member, with the columns in
 * locals and the PRS-7 / quiet-hours checks inlined. `triggers` arrives holding only the specials and the
 * sender (SENDER_MARK); the rest get `fallback`, or `fallbackMuted` when they muted group mentions (PRF-31).
 * The property tests check it against triggerFor/channelsFor member by member.
 */
export function denseChannels(
  snap: RoomSnapshot,
  ctx: EventContext,
  triggers: Uint8Array,
  channels: Uint8Array,
  fallback: number,
  fallbackMuted: number,
  now: number,
): void {
  const { levelBits, flags, silencedUntil, busyUntil, quietStart, quietEnd, quietAt } = snap;
  const { lastActivity, desktopGoneAt, lockedSince, idleMs } = snap;
  const ign = ctx.ignorers?.size ? ctx.ignorers : null;
  const viewThread = ctx.threadRootId !== null && snap.viewThread.size > 0;
  const inRoom = ctx.inRoom;
  const roomIdle = snap.admin.roomInactivitySeconds * 1000;
  const needVerified = snap.admin.requireVerifiedEmail;
  const n = snap.size;
  // Fast path: members with no special trigger and nothing dynamic copy their precomputed bits.
  const fast = fallback === T.group ? snap.groupBits : fallback === T.dm ? snap.dmBits : null;
  const DYNAMIC = F.desktopConn | F.desktopGone | F.mayBlock | F.hasQuiet | F.muteGroup;
  for (let i = 0; i < n; i++) {
    const f = flags[i];
    let t = triggers[i];
    if (t === 0 && fast !== null && !(f & DYNAMIC) && (ign === null || !ign.has(i))) {
      triggers[i] = fallback;
      channels[i] = fast[i];
      continue;
    }
    if (t === 0) {
      t = f & F.muteGroup ? fallbackMuted : fallback;
      triggers[i] = t;
    } else if (t === SENDER_MARK) {
      triggers[i] = T.none;
      t = T.none;
    }
    if (t === T.none || ign?.has(i)) {
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
    const allowed = ALLOWED[(t << 9) | levelBits[i]];
    if (!quiet && f & F.desktopConn && allowed & 1) {
      const inView =
        (inRoom && (f & F.viewRoom) !== 0) || (viewThread && snap.viewThread.get(i) === ctx.threadRootId);
      if (!inView) out |= f & F.sound ? BIT.banner | BIT.sound : BIT.banner;
    }
    if (allowed & 2) {
      if (quiet) out |= BIT.pushScheduled;
      else if (!(f & (F.desktopConn | F.desktopGone)))
        out |= BIT.push; // no desktop/web connection (PRS-7)
      else {
        const idle = idleMs[i];
        const th = t === T.all && roomIdle > idle ? roomIdle : idle;
        let from: number;
        if (f & F.autoAway) from = lastActivity[i] + th;
        else {
          const locked = lockedSince[i];
          from = locked >= 0 ? locked + th : Number.POSITIVE_INFINITY;
        }
        if (!(f & F.desktopConn)) {
          const gone = desktopGoneAt[i];
          const g = gone >= 0 ? gone + 30_000 : Number.NEGATIVE_INFINITY;
          if (g < from) from = g;
        }
        out |= now >= from ? BIT.push : BIT.pushScheduled;
      }
    }
    if (allowed & 4 && f & F.hasEmail && (f & F.emailVerified || !needVerified)) out |= BIT.emailScheduled;
    channels[i] = out;
  }
}
