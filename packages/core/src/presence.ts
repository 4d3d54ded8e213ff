// Presence and inactivity (PRS-1 … PRS-8): the one place these rules are decided. Time is always an argument.
// The server only gathers facts (connections per node, the user's last input) and calls these functions; the
// room snapshot stores the instants computed here (columns.ts) so the hot loops compare numbers only.
import type { Busy, Connection, DeviceKind, ManualPresence, Presence, UserStatus } from "./model.ts";

/** PRS-4: a user without a live connection for this long is offline; PRS-7 counts them inactive. */
export const RECONNECT_GRACE_MS = 30_000;

/** What the gateway knows about a user's activity, in a form the rules can read without the connections. */
export interface ActivityFacts {
  /** A live desktop/web connection exists (mobile connections do not count for PRS-2/PRS-7). */
  hasDesktopConnection: boolean;
  /** Last user input on any desktop/web connection (kept after they close); -Infinity if never. PRS-7. */
  lastActivityAt: number;
  /** The kind of device that input came from, when known (explain words it, EXP-1). */
  lastActivityDevice?: DeviceKind | null;
  /** Last user input on any connection, mobile included; -Infinity if never. Presence only (PRS-4). */
  lastAnyActivityAt: number;
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

/**
 * PRS-8: a user's last input, kept per user across connections and server nodes (opening or re-opening a
 * connection is not input). null = none known.
 */
export interface LastActivity {
  /** Last input on a desktop/web connection (PRS-7 counts only these). */
  desktop: number | null;
  /** Last input on any connection, mobile included (presence, PRS-4). */
  any: number | null;
  /** The kind of desktop/web device the `desktop` input came from, when known. */
  desktopDevice?: DeviceKind | null;
}

/** What one server node knows about a user's live connections there (a user may be on several nodes). */
export interface NodeFacts {
  /** Live connections of any kind on that node. */
  connections: number;
  /** Live desktop/web connections. */
  desktopConnections: number;
  /** Since when every desktop/web connection on this node reports screen locked / system idle (PRS-3). */
  lockedSince: number | null;
  /** When this node lost the user's last desktop/web connection, null while one is open or never had one. */
  desktopGoneAt: number | null;
  /** When this node lost the user's last connection of any kind, null while one is open. */
  goneAt: number | null;
  /** What the user's focused desktop/web windows on this node show (DSK-2; PRF-17 "always" reads it). */
  focusedViews?: WindowView[];
}

/** The room (and thread) one focused window shows. */
export interface WindowView {
  roomId: string;
  threadId: string | null;
}

/**
 * DSK-2: a focused window showing `view` shows the message — its room for a room message (a reply also
 * posted to the room included), its thread for a thread-only reply.
 */
export function viewShowsMessage(
  view: WindowView,
  roomId: string,
  threadId: string | null | undefined,
  alsoInRoom: boolean | undefined,
): boolean {
  if (view.roomId !== roomId) return false;
  return !threadId || alsoInRoom === true || view.threadId === threadId;
}

const orNegInf = (x: number | null | undefined): number => x ?? Number.NEGATIVE_INFINITY;

/** Builds ActivityFacts from the live connections plus what is remembered after they close. */
export function activityFacts(
  connections: readonly Connection[],
  memory: {
    lastActivityAt?: number;
    lastAnyActivityAt?: number;
    desktopGoneAt?: number | null;
    anyGoneAt?: number | null;
  },
  prefs: { autoAway: boolean; idleSeconds: number },
  manual: ManualPresence = "auto",
): ActivityFacts {
  let last = orNegInf(memory.lastActivityAt);
  let any = Math.max(last, orNegInf(memory.lastAnyActivityAt));
  let desktop = 0;
  let allLocked = true;
  let lockedSince = Number.NEGATIVE_INFINITY;
  let device: DeviceKind | null = null;
  for (const c of connections) {
    if (c.lastActivityAt > any) any = c.lastActivityAt;
    if (c.deviceKind === "mobile") continue;
    desktop++;
    if (c.lastActivityAt > last || (device === null && c.lastActivityAt === last && Number.isFinite(last))) {
      last = c.lastActivityAt;
      device = c.deviceKind;
    }
    if (c.lockedSince == null) allLocked = false;
    else if (c.lockedSince > lockedSince) lockedSince = c.lockedSince;
  }
  return {
    hasDesktopConnection: desktop > 0,
    lastActivityAt: last,
    lastActivityDevice: device,
    lastAnyActivityAt: any,
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

/**
 * One user's facts across server nodes plus their per-user last input (PRS-8): connection counts add up; the
 * user is locked only if every node with desktop/web connections says so, from the latest such moment
 * (PRS-3); "gone" is the latest node to lose its connections.
 */
export function mergeNodeFacts(
  nodes: readonly NodeFacts[],
  last: LastActivity,
  prefs: { autoAway: boolean; idleSeconds: number },
  manual: ManualPresence = "auto",
): ActivityFacts {
  let connections = 0;
  let desktop = 0;
  let allLocked = true;
  let lockedSince = Number.NEGATIVE_INFINITY;
  let desktopGoneAt: number | null = null;
  let goneAt: number | null = null;
  for (const n of nodes) {
    connections += n.connections;
    desktop += n.desktopConnections;
    if (n.desktopConnections > 0) {
      if (n.lockedSince === null) allLocked = false;
      else if (n.lockedSince > lockedSince) lockedSince = n.lockedSince;
    }
    if (n.desktopGoneAt !== null && (desktopGoneAt === null || n.desktopGoneAt > desktopGoneAt))
      desktopGoneAt = n.desktopGoneAt;
    if (n.goneAt !== null && (goneAt === null || n.goneAt > goneAt)) goneAt = n.goneAt;
  }
  const lastDesktop = orNegInf(last.desktop);
  return {
    hasDesktopConnection: desktop > 0,
    lastActivityAt: lastDesktop,
    lastActivityDevice: last.desktopDevice ?? null,
    lastAnyActivityAt: Math.max(lastDesktop, orNegInf(last.any)),
    desktopGoneAt: desktop > 0 ? null : desktopGoneAt,
    lockedSince: desktop > 0 && allLocked ? lockedSince : null,
    hasAnyConnection: connections > 0,
    anyGoneAt: connections > 0 ? null : goneAt,
    autoAway: prefs.autoAway,
    idleSeconds: Math.max(60, prefs.idleSeconds),
    manual,
  };
}

/** PRS-5: busy holds until its end; `until` null = until changed. */
export function isBusy(busy: Busy | null | undefined, now: number): boolean {
  return busy != null && (busy.until === null || busy.until > now);
}

/** PRS-7 last clause: from when the user has had no desktop/web connection for 30 s (Infinity while one is
 *  open; -Infinity when none was ever known). */
export function noDesktopFrom(f: ActivityFacts): number {
  if (f.hasDesktopConnection) return Number.POSITIVE_INFINITY;
  return f.desktopGoneAt === null ? Number.NEGATIVE_INFINITY : f.desktopGoneAt + RECONNECT_GRACE_MS;
}

/** PRS-7 first clauses: the instant inactivity counts from — the last desktop/web input with auto-away on,
 *  the moment the screen was reported locked with it off (Infinity: not without a new event). */
export function inactiveBase(f: ActivityFacts): number {
  if (f.autoAway) return f.lastActivityAt;
  return f.lockedSince === null ? Number.POSITIVE_INFINITY : f.lockedSince;
}

/**
 * PRS-7: the moment from which the user is "inactive for T" if nothing else happens; -Infinity = already
 * and always, Infinity = not without a new event (e.g. auto-away off and the screen not locked).
 */
export function inactiveFrom(f: ActivityFacts, thresholdMs: number): number {
  return Math.min(inactiveBase(f) + thresholdMs, noDesktopFrom(f));
}

/** PRS-7 at `now`. */
export function isInactiveFor(f: ActivityFacts, thresholdMs: number, now: number): boolean {
  return now >= inactiveFrom(f, thresholdMs);
}

/** PRS-4: from when the user is offline (no live connection for 30 s); Infinity while connected. */
export function offlineFrom(f: ActivityFacts): number {
  if (f.hasAnyConnection) return Number.POSITIVE_INFINITY;
  return f.anyGoneAt === null ? Number.NEGATIVE_INFINITY : f.anyGoneAt + RECONNECT_GRACE_MS;
}

/**
 * PRS-2 … PRS-4: from when a connected user shows `away` without new input. Auto-away on: the idle limit after
 * the last input on ANY connection — a phone the user is using keeps them online (PRS-4), and the push/email
 * countdown stays desktop/web only (PRS-7). Auto-away off: the moment every desktop/web connection reported
 * locked (PRS-3); with only a phone connected, nothing makes the user away.
 */
export function awayFrom(f: ActivityFacts): number {
  if (f.autoAway) return f.lastAnyActivityAt + f.idleSeconds * 1000;
  if (!f.hasDesktopConnection) return Number.POSITIVE_INFINITY;
  return f.lockedSince === null ? Number.POSITIVE_INFINITY : f.lockedSince;
}

/** Until when the user is `online` (MEN-2 `@here`): never while invisible or away by hand. */
export function onlineUntil(f: ActivityFacts): number {
  if (f.manual !== "auto") return Number.NEGATIVE_INFINITY;
  return Math.min(awayFrom(f), offlineFrom(f));
}

/** PRS-1 … PRS-4: presence as others see it (invisible shows as offline). */
export function presenceOf(f: ActivityFacts, now: number): Presence {
  if (now >= offlineFrom(f) || f.manual === "invisible") return "offline";
  if (f.manual === "away") return "away";
  return now < awayFrom(f) ? "online" : "away";
}

/** What others see, busy included (PRS-1: busy is shown while connected). */
export function displayedStatus(f: ActivityFacts, status: UserStatus, now: number): Presence | "busy" {
  const p = presenceOf(f, now);
  return p !== "offline" && isBusy(status.busy, now) ? "busy" : p;
}

/** MEN-2: `@here` reaches members whose presence is online at send time (invisible is not online). */
export function isHereTarget(f: ActivityFacts, now: number): boolean {
  return now < onlineUntil(f);
}

/**
 * The next instant after `now` at which the displayed status or "inactive for T" (for each T in
 * `thresholdsMs`) can change without a new event, or null: the gateway arms exactly one timer per user at it
 * (no polling).
 */
export function nextPresenceChangeAt(
  f: ActivityFacts,
  status: UserStatus,
  now: number,
  thresholdsMs: readonly number[],
): number | null {
  const base = inactiveBase(f);
  const candidates = [noDesktopFrom(f), offlineFrom(f), awayFrom(f)];
  for (const t of thresholdsMs) candidates.push(base + t);
  if (status.busy?.until != null) candidates.push(status.busy.until);
  let best: number | null = null;
  for (const c of candidates)
    if (c > now && c !== Number.POSITIVE_INFINITY && (best === null || c < best)) best = c;
  return best;
}
