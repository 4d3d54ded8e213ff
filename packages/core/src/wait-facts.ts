// The facts behind a push or email that waits or is held (EXP-1), as data. The function that decides (PSH-2,
// PSH-9, EML-2, EML-3) returns them with its outcome, the scheduler records them as they are, and they are
// put into words only when shown — relative to the decision time, never as a raw timestamp (GEN-9) — so
// explain states exactly what the decision used instead of re-deriving it or parsing a sentence back.
import type { DeviceKind } from "./model.ts";
import { type ActivityFacts, RECONNECT_GRACE_MS } from "./presence.ts";

export type WaitFacts =
  | {
      /** PSH-2 / EML-2: waiting until the user has been inactive (PRS-7) for the threshold. */
      kind: "inactivity";
      thresholdMs: number;
      /** Last user input on a desktop/web connection; null if none is known. */
      lastActivityAt: number | null;
      /** Where that input came from, when the presence facts say so. */
      lastActivityDevice: DeviceKind | null;
      /** PRF-12: with auto-away off only a locked screen / idle system counts (PRS-3). */
      autoAway: boolean;
      /** Auto-away off: since when every desktop/web connection reports locked; null if not locked. */
      lockedSince: number | null;
      /** A desktop/web connection is open now. */
      connected: boolean;
      /** When the last desktop/web connection closed, while none is open. */
      desktopGoneAt: number | null;
      /** Earliest moment it may go if nothing else happens; null = only once inactive for the threshold. */
      dueAt: number | null;
    }
  /** PRF-17 "only when I'm offline": waiting until no desktop/web connection has been open for 30 s. */
  | {
      kind: "offline";
      /** A desktop/web connection is open now. */
      connected: boolean;
      /** When the last desktop/web connection closed, while none is open. */
      desktopGoneAt: number | null;
      /** Earliest moment it may go; null = once every desktop/web connection has closed. */
      dueAt: number | null;
    }
  /** PSH-9: held by quiet hours until their end. */
  | { kind: "quiet_hours"; until: number }
  /** EML-3: due, gathered in the batching window until it closes. */
  | { kind: "batch_window"; until: number; windowMs: number };

const known = (t: number | null) => (t !== null && Number.isFinite(t) ? t : null);

/** The PRS-7 facts a wait for `thresholdMs` used; `dueAt` is the decider's inactiveFrom (±Infinity allowed). */
export function inactivityFacts(a: ActivityFacts, thresholdMs: number, dueAt: number): WaitFacts {
  return {
    kind: "inactivity",
    thresholdMs,
    lastActivityAt: known(a.lastActivityAt),
    lastActivityDevice: a.lastActivityDevice ?? null,
    autoAway: a.autoAway,
    lockedSince: a.lockedSince,
    connected: a.hasDesktopConnection,
    desktopGoneAt: a.hasDesktopConnection ? null : a.desktopGoneAt,
    dueAt: known(dueAt),
  };
}

/** The facts a PRF-17 "offline" wait used; `dueAt` is the decider's moment (Infinity while connected). */
export function offlineFacts(a: ActivityFacts, dueAt: number): WaitFacts {
  return {
    kind: "offline",
    connected: a.hasDesktopConnection,
    desktopGoneAt: a.hasDesktopConnection ? null : a.desktopGoneAt,
    dueAt: known(dueAt),
  };
}

/** "48 s", "5 min", "3 h": a duration in words. */
export function durationWords(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  return `${Math.round(m / 60)} h`;
}

/**
 * The facts in words as of the decision time `at`, e.g. "active on web 12 s ago, threshold 60 s, may go in
 * 48 s". The API also carries the facts themselves, so an app can say the times its own way.
 */
export function describeWait(f: WaitFacts, at: number): string {
  if (f.kind === "quiet_hours") return `quiet hours: held until they end, in ${durationWords(f.until - at)}`;
  if (f.kind === "batch_window")
    return `batching window of ${durationWords(f.windowMs)}: goes when it closes, in ${durationWords(f.until - at)}`;
  if (f.kind === "offline") {
    const grace = durationWords(RECONNECT_GRACE_MS);
    if (f.connected || f.dueAt === null)
      return `push only when offline: a desktop/web client is open, goes once none has been open for ${grace}`;
    const gone = f.desktopGoneAt === null ? "" : ` since ${durationWords(at - f.desktopGoneAt)}`;
    return `push only when offline: no desktop/web connection${gone}, may go in ${durationWords(f.dueAt - at)}`;
  }
  const threshold = `threshold ${durationWords(f.thresholdMs)}`;
  const when =
    f.dueAt === null
      ? `goes once inactive for ${durationWords(f.thresholdMs)}`
      : `may go in ${durationWords(f.dueAt - at)}`;
  const where = f.lastActivityDevice ?? "desktop/web";
  let state: string;
  if (!f.connected) {
    const gone = f.desktopGoneAt === null ? "" : ` since ${durationWords(at - f.desktopGoneAt)}`;
    state = `no desktop/web connection${gone} (inactive once ${durationWords(RECONNECT_GRACE_MS)} without one)`;
    if (f.autoAway && f.lastActivityAt !== null)
      state += `, last active on ${where} ${durationWords(at - f.lastActivityAt)} ago`;
  } else if (!f.autoAway)
    state =
      f.lockedSince === null
        ? "desktop/web client open and not locked (auto-away off)"
        : `screen locked ${durationWords(at - f.lockedSince)} ago`;
  else
    state =
      f.lastActivityAt === null
        ? `connected on ${where}, no activity seen`
        : `active on ${where} ${durationWords(at - f.lastActivityAt)} ago`;
  return `${state}, ${threshold}, ${when}`;
}
