// Answers one client's frames: hello (+ resume, GEN-7), state (focus, visibility, view, permission PRM-3,
// locked/idle PRS-3), activity (PRS-2), presence.subscribe (PRS-6), ping.

import type { NotifyFrame, ReadyFrame } from "@herald/core/realtime";
import { assignedFrame } from "./assigned.ts";
import type { Connection } from "./connection.ts";
import type { LocalUser } from "./local.ts";
import type { GatewayStore, MessageView, StoredNotify } from "./ports.ts";
import { type ClientFrame, frameJson } from "./protocol.ts";
import type { RoomIndex } from "./rooms.ts";
import { alertKey, LOG_MAX_AGE_MS, type LogEntry, markBanner, notifyJson } from "./user-log.ts";

/** At most this many messages per room are replayed; a client further behind reloads the room over HTTP. */
export const RESUME_MESSAGES_PER_ROOM = 500;
/** Events handled this close before the client's last cursor may not have reached it: rebuild them too. */
export const REBUILD_MARGIN_MS = 5_000;

export interface SessionDeps {
  store: GatewayStore;
  rooms: RoomIndex;
  now(): number;
  presenceChanged(userId: string): void;
  subscribe(conn: Connection, userIds: string[]): void;
  ownStatus(userId: string): Promise<string>;
}

type Hello = Extract<ClientFrame, { t: "hello" }>;

export async function handleHello(
  deps: SessionDeps,
  lu: LocalUser,
  conn: Connection,
  f: Hello,
): Promise<void> {
  const now = deps.now();
  conn.deviceId = f.deviceId;
  conn.deviceKind = f.deviceKind;
  conn.permission = f.permission;
  conn.focused = f.focused;
  conn.visible = f.visible;
  conn.view = f.view;
  // PRS-8: opening or re-opening a connection (a reload, a reconnect, a server restart) is not user activity;
  // only input the client reports is (handleActivity, and focus gained in handleState).
  conn.lastSeenAt = now;
  // From here live events queue on the connection, so nothing falls between the snapshot below and the end.
  conn.buffer = [];
  if (!(await lu.loaded) || !lu.badge) {
    conn.buffer = null;
    conn.socket.close(4401, "unknown user");
    return;
  }
  const userCursor = f.resume?.userCursor ?? null;
  // null = the log cannot cover the client's cursor (restart, other node, absence past the grace). A cursor
  // the client names another log for came from elsewhere even when it falls inside this log's range.
  const ownLog = f.resume?.log === undefined || f.resume.log === lu.log.id;
  const logged = userCursor === null ? [] : ownLog ? lu.log.since(userCursor) : null;
  const store = deps.store;
  const [messages, alerts, missed] = await Promise.all([
    f.resume ? missedMessages(deps, lu, f.resume.rooms, conn) : [],
    store.activeAlerts ? store.activeAlerts(lu.userId, now) : null,
    logged === null && store.missedSince
      ? store.missedSince(lu.userId, sinceOf(userCursor!, now), now)
      : null,
  ]);
  if (!conn.socket.isOpen()) return;
  const ready: ReadyFrame = {
    t: "ready",
    userId: lu.userId,
    userCursor: lu.log.cursor,
    log: lu.log.id,
    badge: lu.badge.view(),
    presence: await deps.ownStatus(lu.userId),
    // gap: what was missed is not all here — reload the inbox over HTTP. rebuilt: replayed from the store.
    gap: logged === null && (missed === null || missed.truncated),
    ...(missed ? { rebuilt: true } : {}),
  };
  // Alerts on now: from the calls / support tables when the store has them (a client that connects mid-alert
  // rings too: SUP-3, CAL-1), else what this node saw.
  const active = alerts ?? [...lu.log.active.values()];
  const activeKeys = new Set(active.map((a) => alertKey(a)));
  // A live message frame buffered after missedMessages looked (the awaits above) is sent from the buffer with
  // its notify and badge, so the store's copy of it and of every later message of its room is left out.
  const firstLive = new Map<string, number>();
  for (const b of conn.buffer ?? [])
    if (b.roomId !== null && b.seq > 0 && b.seq < (firstLive.get(b.roomId) ?? Number.POSITIVE_INFINITY))
      firstLive.set(b.roomId, b.seq);
  const out: string[] = [frameJson(ready)];
  const replayed = new Map<string, number>();
  for (const m of messages)
    if (m.seq < (firstLive.get(m.roomId) ?? Number.POSITIVE_INFINITY)) {
      out.push(frameJson({ t: "message", roomId: m.roomId, seq: m.seq, message: m, replay: true }));
      replayed.set(m.roomId, Math.max(replayed.get(m.roomId) ?? 0, m.seq));
    }
  conn.replayed = replayed.size > 0 ? replayed : null;
  for (const e of logged ?? []) {
    if (e.kind === "alert" && activeKeys.has(e.key)) continue;
    out.push(replayFrame(lu, e, conn.deviceId));
  }
  for (const n of missed?.notifies ?? []) out.push(storedNotifyFrame(n, lu.log.cursor));
  for (const stop of missed?.stops ?? [])
    if (!activeKeys.has(alertKey(stop)))
      out.push(frameJson({ ...stop, cursor: lu.log.cursor, replay: true }));
  for (const frame of active) out.push(frameJson({ ...frame, cursor: lu.log.cursor, replay: true }));
  if (lu.assigned.size > 0) out.push(assignedFrame(lu));
  const buffered = conn.buffer ?? [];
  conn.buffer = null;
  conn.ready = true;
  for (const data of out) conn.send(data);
  for (const b of buffered) conn.send(b.data);
  deps.presenceChanged(lu.userId);
}

/** From when to rebuild: the client's cursor is time-based (user-log.ts), less a margin for events handled
 *  around that moment (a duplicate is harmless: no banner), and never before the 24 h resume window. */
function sinceOf(cursor: number, now: number): number {
  return Math.max(now - LOG_MAX_AGE_MS, Math.floor(cursor / 1000) - REBUILD_MARGIN_MS);
}

/** An inbox item replayed after a gap: never with a banner or sound (GEN-7: no second banner). */
function storedNotifyFrame(n: StoredNotify, cursor: number): string {
  const f: NotifyFrame = {
    t: "notify",
    cursor,
    notificationId: n.notificationId,
    trigger: n.trigger,
  };
  if (n.roomId) f.roomId = n.roomId;
  if (n.messageId) f.messageId = n.messageId;
  if (n.threadId) f.threadId = n.threadId;
  if (n.conversationId) f.conversationId = n.conversationId;
  if (n.callId) f.callId = n.callId;
  if (n.event) f.event = n.event;
  f.replay = true;
  return frameJson(f);
}

/** Messages after the client's seq in rooms it is a member of (GEN-5), skipping what is queued live. */
async function missedMessages(
  deps: SessionDeps,
  lu: LocalUser,
  rooms: Record<string, number>,
  conn: Connection,
): Promise<MessageView[]> {
  const out: MessageView[] = [];
  for (const [roomId, lastSeq] of Object.entries(rooms)) {
    if (!lu.rooms.has(roomId)) continue;
    const room = deps.rooms.get(roomId);
    if (!room?.has(lu.userId) || (room.seqKnown && room.lastSeq <= lastSeq)) continue;
    const got = await deps.store.messagesAfter(roomId, lastSeq, RESUME_MESSAGES_PER_ROOM);
    let firstLive = Number.POSITIVE_INFINITY;
    for (const b of conn.buffer ?? []) if (b.roomId === roomId) firstLive = Math.min(firstLive, b.seq);
    for (const m of got) if (m.seq < firstLive) out.push(m);
  }
  return out;
}

/** A logged event for a resuming client: marked `replay`; a banner only if this device never showed it
 *  and nobody read it since (GEN-7: no second banner). */
function replayFrame(lu: LocalUser, e: LogEntry, deviceId: string): string {
  if (e.kind === "alert") return frameJson({ ...e.frame, cursor: e.cursor, replay: true });
  if (e.kind === "read") {
    return frameJson({ t: "read", cursor: e.cursor, roomId: e.roomId, seq: e.seq, replay: true });
  }
  const banner = e.banner !== "" && !e.bannerDevices?.has(deviceId) && !lu.log.readAfter(e);
  if (banner) markBanner(e, deviceId);
  return notifyJson(e, banner, true);
}

type State = Extract<ClientFrame, { t: "state" }>;

export function handleState(deps: SessionDeps, conn: Connection, f: State): void {
  const now = deps.now();
  const wasFocused = conn.focused;
  if (f.focused !== undefined) conn.focused = f.focused;
  if (f.visible !== undefined) conn.visible = f.visible;
  if (f.view !== undefined) conn.view = f.view;
  if (f.permission !== undefined) conn.permission = f.permission;
  if (f.locked !== undefined || f.idle !== undefined) {
    conn.setLocked(f.locked ?? conn.locked, f.idle ?? conn.idle, now);
  }
  if (conn.focused || conn.visible) conn.lastSeenAt = now;
  // The window gaining focus while visible is user activity (PRS-8); reporting focus it already had is not.
  if (f.focused === true && !wasFocused && conn.visible) conn.lastActivity = now;
  deps.presenceChanged(conn.userId);
}

export function handleActivity(deps: SessionDeps, conn: Connection): void {
  conn.lastActivity = deps.now();
  if (conn.lockedAt !== null) conn.setLocked(false, false, conn.lastActivity);
  deps.presenceChanged(conn.userId);
}
