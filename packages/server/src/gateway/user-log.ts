// Per-user event log for resume (GEN-7): every per-user event gets the next value of the user's monotonic
// cursor; notify, read and alert-stop events are kept (bounded, 24 h) so a reconnecting client gets what it
// missed. Ring/loop state is kept as the set of active alerts, not as history: a resumed client needs what
// rings now (and the stops it missed). The log lives on the gateway node while the user is connected (plus
// the PRS-4 grace); a client resuming on another node, after a restart or after the grace gets its missed
// events rebuilt from the store instead (rebuild.ts).
//
// Cursors are time-based (µs-ish: max(previous + 1, now × 1000)), so a log made after a restart, or on
// another node, always starts above every cursor an older log handed out: the client's cursor never goes
// backwards, and a cursor below this log's `base` proves the client's last event came from elsewhere (gap).
//
// Cursors of two logs interleave (a node's log kept through the grace goes on numbering events while the
// client is served elsewhere), so each log has an id, sent in `ready`, and a client resumes with the id of the
// log its cursor belongs to: a cursor of another log is never read as one of this log's (GEN-7).
import { randomBytes } from "node:crypto";
import type { AlertFrame, UserFrame } from "./events.ts";

export interface NotifyEntry {
  kind: "notify";
  cursor: number;
  at: number;
  roomId: string;
  seq: number;
  messageId: string;
  /** JSON of the notify frame after `cursor` (`,"messageId":…,"trigger":…`), shared by a message's members. */
  tail: string;
  /** `,"banner":{…}` and `,"sound":{…}` JSON pieces, "" when none. */
  banner: string;
  sound: string;
  /** Devices that already got this banner (DSK-3 across reconnects: never twice on one device). */
  bannerDevices: Set<string> | null;
}

export interface ReadEntry {
  kind: "read";
  cursor: number;
  at: number;
  roomId: string;
  seq: number;
}

/** A ring/pending stop (CAL-2, SUP-3) a resuming client may have missed while its alert was on. */
export interface AlertEntry {
  kind: "alert";
  cursor: number;
  at: number;
  key: string;
  /** The frame as sent, without `cursor`. */
  frame: AlertFrame;
}

export type LogEntry = NotifyEntry | ReadEntry | AlertEntry;

/** The key of a ring (call) or pending-contact (conversation) alert. */
export function alertKey(frame: AlertFrame): string {
  switch (frame.t) {
    case "pending.start":
    case "pending.stop":
      return `conv:${frame.conversationId}`;
    default:
      return `call:${frame.callId}`;
  }
}

const ALERTS = new Set<string>(["ring.start", "ring.stop", "pending.start", "pending.stop"]);
const isAlert = (frame: UserFrame): frame is AlertFrame => ALERTS.has(frame.t);

/** Records that `deviceId` got this entry's banner. */
export function markBanner(e: NotifyEntry, deviceId: string): void {
  if (!e.bannerDevices) e.bannerDevices = new Set();
  e.bannerDevices.add(deviceId);
}

/** The notify frame as JSON, built from shared pieces: no per-recipient object or stringify. */
export function notifyJson(e: NotifyEntry, withBanner: boolean, replay: boolean): string {
  const extra = (replay ? ',"replay":true' : "") + (withBanner ? e.banner + e.sound : "");
  return `{"t":"notify","cursor":${e.cursor}${e.tail}${extra}}`;
}

export const LOG_MAX_ENTRIES = 1000;
export const LOG_MAX_AGE_MS = 24 * 3600 * 1000;

export class UserLog {
  /** Names this log to clients (`ready.log`, echoed as `resume.log`). */
  readonly id = randomBytes(9).toString("base64url");
  cursor: number;
  /** The cursor this log started at: it holds every per-user event after it (until pruned). */
  readonly base: number;
  readonly entries: LogEntry[] = [];
  /** Active ring (CAL-1) and pending-contact (SUP-3) alerts by call / conversation id. */
  readonly active = new Map<string, AlertFrame>();
  /** Highest cursor dropped from the log by its bounds. */
  #prunedUpTo = 0;
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
    this.base = now() * 1000;
    this.cursor = this.base;
  }

  next(): number {
    this.cursor = Math.max(this.cursor + 1, this.#now() * 1000);
    return this.cursor;
  }

  add(entry: LogEntry, now: number): void {
    this.entries.push(entry);
    while (this.entries.length > LOG_MAX_ENTRIES || this.entries[0].at < now - LOG_MAX_AGE_MS) {
      this.#prunedUpTo = this.entries.shift()!.cursor;
    }
  }

  /** Entries after `cursor`, or null when the log cannot prove it holds all of them (gap). */
  since(cursor: number): LogEntry[] | null {
    // Badge and ring-start events take cursors too but are not logged: they are recreated from current state.
    if (cursor > this.cursor || cursor < this.base || cursor < this.#prunedUpTo) return null;
    return this.entries.filter((e) => e.cursor > cursor);
  }

  /** Whether a read after the entry covers it (no late banner for what was read elsewhere). */
  readAfter(e: NotifyEntry): boolean {
    return this.entries.some(
      (r) => r.kind === "read" && r.cursor > e.cursor && r.roomId === e.roomId && r.seq >= e.seq,
    );
  }

  /** Keeps the active alert set current; a stop is logged so a resume replays it. Other frames: no-op. */
  track(frame: UserFrame, cursor: number, now: number): void {
    if (!isAlert(frame)) return;
    const key = alertKey(frame);
    if (frame.t.endsWith(".start")) this.active.set(key, frame);
    else {
      this.active.delete(key);
      this.add({ kind: "alert", cursor, at: now, key, frame }, now);
    }
  }
}
