// Pure presence math (PRS-1 … PRS-7) over the merged per-node facts. Kept here, not in the service, so the
// rules read in one place; when @herald/core's presence functions land this file delegates to them.
import type { NodeFacts, PublicStatus } from "../cluster/presence.ts";
import type { UserSnapshot } from "./ports.ts";

/** PRS-4: short reconnects within this window do not flap presence. */
export const OFFLINE_GRACE_MS = 30_000;

export interface Merged {
  connections: number;
  desktopConnections: number;
  lastDesktopActivity: number;
  lockedSince: number | null;
  desktopGoneAt: number | null;
  goneAt: number | null;
}

/** One user's facts across nodes: counts add up; a user is locked only if every node with desktop
 *  connections says so (from the latest such moment); "gone" is the latest node to lose its connections. */
export function mergeFacts(all: readonly NodeFacts[]): Merged {
  const m: Merged = {
    connections: 0,
    desktopConnections: 0,
    lastDesktopActivity: 0,
    lockedSince: null,
    desktopGoneAt: null,
    goneAt: null,
  };
  let allLocked = true;
  for (const f of all) {
    m.connections += f.connections;
    m.desktopConnections += f.desktopConnections;
    m.lastDesktopActivity = Math.max(m.lastDesktopActivity, f.lastDesktopActivity);
    if (f.desktopConnections > 0) {
      if (f.lockedSince === null) allLocked = false;
      else m.lockedSince = Math.max(m.lockedSince ?? 0, f.lockedSince);
    }
    if (f.desktopGoneAt !== null) m.desktopGoneAt = Math.max(m.desktopGoneAt ?? 0, f.desktopGoneAt);
    if (f.goneAt !== null) m.goneAt = Math.max(m.goneAt ?? 0, f.goneAt);
  }
  if (!allLocked || m.desktopConnections === 0) m.lockedSince = null;
  return m;
}

export function dndActive(user: UserSnapshot, now: number): boolean {
  return user.dndUntil !== undefined && (user.dndUntil === null || user.dndUntil > now);
}

/** Presence as others see it (PRS-1 … PRS-5). */
export function publicStatus(m: Merged, user: UserSnapshot, now: number): PublicStatus {
  const inGrace = m.goneAt !== null && now - m.goneAt < OFFLINE_GRACE_MS;
  if (m.connections === 0 && !inGrace) return "offline";
  if (user.manual === "invisible") return "offline";
  if (dndActive(user, now)) return "busy";
  if (user.manual === "away") return "away";
  // PRS-3: without auto-away, a locked screen / idle system counts as away from that very moment.
  if (!user.autoAway) return m.lockedSince !== null ? "away" : "online";
  return isIdle(m, user, now, user.idleLimitMs) ? "away" : "online";
}

/** The instant from which idleness counts (PRS-2 with auto-away, PRS-3 without), null = not idle. */
function idleFrom(m: Merged, user: UserSnapshot): number | null {
  if (user.autoAway)
    return m.desktopConnections > 0 || m.desktopGoneAt !== null ? m.lastDesktopActivity : null;
  return m.lockedSince;
}

function isIdle(m: Merged, user: UserSnapshot, now: number, t: number): boolean {
  const from = idleFrom(m, user);
  return from !== null && now - from >= t;
}

/** When the user has had no desktop/web connection for 30 s (PRS-7 last clause), else null. */
export function desktopOfflineAt(m: Merged): number | null {
  if (m.desktopConnections > 0) return null;
  return (m.desktopGoneAt ?? 0) + OFFLINE_GRACE_MS;
}

/** PRS-7: inactive for T. Manual `away` plays no part (PRS-2). */
export function inactiveFor(m: Merged, user: UserSnapshot, now: number, t: number): boolean {
  const off = desktopOfflineAt(m);
  if (off !== null && now >= off) return true;
  return isIdle(m, user, now, t);
}

/** The next instant after `now` at which any status or inactivity fact can change without new input,
 *  so the service arms exactly one timer per user (no polling). */
export function nextChangeAt(
  m: Merged,
  user: UserSnapshot,
  now: number,
  thresholds: readonly number[],
): number | null {
  const candidates: number[] = [];
  const from = idleFrom(m, user);
  if (from !== null) for (const t of [user.idleLimitMs, ...thresholds]) candidates.push(from + t);
  const off = desktopOfflineAt(m);
  if (off !== null) candidates.push(off);
  if (m.goneAt !== null && m.connections === 0) candidates.push(m.goneAt + OFFLINE_GRACE_MS);
  if (typeof user.dndUntil === "number") candidates.push(user.dndUntil);
  let best: number | null = null;
  for (const c of candidates) if (c > now && (best === null || c < best)) best = c;
  return best;
}
