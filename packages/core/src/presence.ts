// Presence-derived facts the rules use (PRS-1 … PRS-7). Time is always an argument.
import type { Busy, Connection, ManualPresence, Presence, UserStatus } from "./model.ts";

/** PRS-4: a user without a live connection for this long is offline; PRS-7 counts them inactive. */
export const RECONNECT_GRACE_MS = 30_000;

/** What the gateway knows about a user's activity, in a form the rules can read without the connections. */
export interface ActivityFacts {
  /** A live desktop/web connection exists (mobile connections do not count for PRS-2/PRS-7). */
  hasDesktopConnection: boolean;
  /** Last user input on any desktop/web connection (kept after they close); -Infinity if never. */
  lastActivityAt: number;
  /** When the last desktop/web connection closed, while there is none; null while one is open or never. */
  desktopGoneAt: number | null;
  /** Auto-away off (PRS-3): since when every desktop/web connection reports locked/idle; null if not. */
  lockedSince: number | null;
  /** Any live connection, mobile included (for presence, PRS-4). */
  hasAnyConnection: boolean;
  /** When the last connection of any kind closed, while there is none. Callers may reset it to null once
   * 30 s have passed (PRS-4): that keeps the snapshot's @here candidate list to connected members. */
  anyGoneAt: number | null;
  autoAway: boolean; // PRF-12
  idleSeconds: number; // PRF-13
  manual: ManualPresence;
}

/** Builds ActivityFacts from the live connections plus what is remembered after they close. */
export function activityFacts(
  connections: readonly Connection[],
  memory: { lastActivityAt?: number; desktopGoneAt?: number | null; anyGoneAt?: number | null },
  prefs: { autoAway: boolean; idleSeconds: number },
  manual: ManualPresence = "auto",
): ActivityFacts {
  let last = memory.lastActivityAt ?? Number.NEGATIVE_INFINITY;
  let desktop = 0;
  let allLocked = true;
  let lockedSince = Number.NEGATIVE_INFINITY;
  for (const c of connections) {
    if (c.deviceKind === "mobile") continue;
    desktop++;
    if (c.lastActivityAt > last) last = c.lastActivityAt;
    if (c.lockedSince == null) allLocked = false;
    else if (c.lockedSince > lockedSince) lockedSince = c.lockedSince;
  }
  return {
    hasDesktopConnection: desktop > 0,
    lastActivityAt: last,
    desktopGoneAt: desktop > 0 ? null : (memory.desktopGoneAt ?? null),
    // Away from the moment the last open connection reported locked: all must be locked.
    lockedSince: desktop > 0 && allLocked ? lockedSince : null,
    hasAnyConnection: connections.length > 0,
    anyGoneAt: connections.length > 0 ? null : (memory.anyGoneAt ?? null),
    autoAway: prefs.autoAway,
    idleSeconds: Math.max(60, prefs.idleSeconds),
    manual,
  };
}

/** PRS-5: busy holds until its end; `until` null = until changed. */
export function isBusy(busy: Busy | null | undefined, now: number): boolean {
  return busy != null && (busy.until === null || busy.until > now);
}

/**
 * PRS-7: the moment from which the user is "inactive for T" if nothing else happens; -Infinity = already
 * and always, Infinity = not without a new event (e.g. auto-away off and the screen not locked).
 */
export function inactiveFrom(f: ActivityFacts, thresholdMs: number): number {
  let t: number;
  if (f.autoAway) t = f.lastActivityAt + thresholdMs;
  else t = f.lockedSince === null ? Number.POSITIVE_INFINITY : f.lockedSince + thresholdMs;
  if (!f.hasDesktopConnection) {
    // No desktop/web connection for 30 s counts as inactive whatever T is.
    const gone = f.desktopGoneAt === null ? Number.NEGATIVE_INFINITY : f.desktopGoneAt + RECONNECT_GRACE_MS;
    if (gone < t) t = gone;
  }
  return t;
}

/** PRS-7 at `now`. */
export function isInactiveFor(f: ActivityFacts, thresholdMs: number, now: number): boolean {
  return now >= inactiveFrom(f, thresholdMs);
}

/** PRS-1 … PRS-4: presence as others see it (invisible shows as offline). */
export function presenceOf(f: ActivityFacts, now: number): Presence {
  const connected = f.hasAnyConnection || (f.anyGoneAt !== null && now - f.anyGoneAt < RECONNECT_GRACE_MS);
  if (!connected) return "offline";
  if (f.manual === "invisible") return "offline";
  if (f.manual === "away") return "away";
  // A mobile-only user is online while connected: there is no desktop idle signal to go on.
  if (!f.hasDesktopConnection && f.desktopGoneAt === null && f.lastActivityAt === Number.NEGATIVE_INFINITY)
    return "online";
  // PRS-3: with auto-away off, a locked screen / idle system means away from that very moment.
  if (!f.autoAway && f.hasDesktopConnection)
    return f.lockedSince !== null && f.lockedSince <= now ? "away" : "online";
  return isInactiveFor(f, f.idleSeconds * 1000, now) ? "away" : "online";
}

/** What others see, busy included (PRS-1: busy is shown while connected). */
export function displayedStatus(f: ActivityFacts, status: UserStatus, now: number): Presence | "busy" {
  const p = presenceOf(f, now);
  return p !== "offline" && isBusy(status.busy, now) ? "busy" : p;
}

/** MEN-2: `@here` reaches members whose presence is online at send time (invisible is not online). */
export function isHereTarget(f: ActivityFacts, now: number): boolean {
  return presenceOf(f, now) === "online";
}
