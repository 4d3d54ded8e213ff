// Incremental updates from bus events: membership (the per-room member index of GEN-5), reads (BDG-4:
// reading on one device clears the others), per-user alerts (CAL-1/2 ring, SUP-3 pending contact) and support
// notifies, conversation assignment (BDG-2, PRF-50) and workspace defaults (PRV-7 / PRF-21).
import { assignedAll, assignedRoom } from "./assigned.ts";
import { UserBadge } from "./badges.ts";
import type {
  ConversationChanged,
  MembershipChanged,
  RoomPrefsChanged,
  RoomRead,
  UserEvent,
} from "./events.ts";
import { badgeFrame } from "./fanout.ts";
import type { Gateway } from "./gateway.ts";
import type { MemberPrefs } from "./ports.ts";
import { multi } from "./protocol.ts";
import { deliverSupportNotify } from "./support-notify.ts";

export const DEFAULT_MEMBER_PREFS: MemberPrefs = {
  alerts: true,
  muteGroup: false,
  desktop: "default",
  sound: "default",
  snoozeUntil: null,
};

export async function applyMembership(gw: Gateway, ev: MembershipChanged): Promise<void> {
  const room = gw.rooms.get(ev.roomId);
  if (ev.joined) room?.upsert(ev.userId, ev.prefs ?? DEFAULT_MEMBER_PREFS);
  else room?.remove(ev.userId);
  if (ev.joined) await refreshCoreFacts(gw, ev.userId, [ev.roomId]);
  else room?.core?.remove(ev.userId, gw.o.clock.now());
  const lu = gw.locals.get(ev.userId);
  if (!lu || !(await lu.loaded)) return;
  if (ev.joined && !lu.rooms.has(ev.roomId)) {
    lu.rooms.add(ev.roomId);
    await gw.rooms.acquire(ev.roomId);
  } else if (!ev.joined && lu.rooms.delete(ev.roomId)) {
    gw.rooms.release(ev.roomId);
  }
  gw.syncCore(ev.userId);
  // The recount tells which seq it includes, so no later message is counted twice.
  lu.badge = new UserBadge(await gw.o.store.badge(ev.userId));
  const parts = [JSON.stringify({ t: "membership", roomId: ev.roomId, joined: ev.joined }), badgeFrame(lu)];
  const assigned = assignedAll(gw.rooms, lu);
  if (assigned) parts.push(assigned);
  const frame = multi(parts);
  for (const c of lu.conns) c.deliver(frame);
}

export async function applyRead(gw: Gateway, ev: RoomRead): Promise<void> {
  const lu = gw.locals.get(ev.userId);
  if (!lu || !(await lu.loaded) || !lu.rooms.has(ev.roomId)) return;
  lu.badge = new UserBadge(await gw.o.store.badge(ev.userId));
  const now = gw.o.clock.now();
  const cursor = lu.log.next();
  lu.log.add({ kind: "read", cursor, at: now, roomId: ev.roomId, seq: ev.seq }, now);
  const read: Record<string, unknown> = { t: "read", cursor, roomId: ev.roomId, seq: ev.seq };
  if (ev.threadRootId) read.threadId = ev.threadRootId;
  const parts = [JSON.stringify(read), badgeFrame(lu)];
  const room = gw.rooms.get(ev.roomId);
  const assigned = room ? assignedRoom(room, lu) : "";
  if (assigned) parts.push(assigned);
  const frame = multi(parts);
  for (const c of lu.conns) c.deliver(frame);
}

export function applyUserEvent(gw: Gateway, ev: UserEvent, now: number): void {
  const lu = gw.locals.get(ev.userId);
  if (!lu) return;
  const cursor = lu.log.next();
  if (ev.event.t === "notify") {
    deliverSupportNotify(lu, ev.event, cursor, now);
    return;
  }
  lu.log.track(ev.event, cursor, now);
  const frame = JSON.stringify({ ...ev.event, cursor });
  for (const c of lu.conns) c.deliver(frame);
}

/** SUP-4 / SUP-5: the assignee changed. BDG-2 counts unread of conversations assigned to me, so the old and
 *  the new assignee are recounted; PRF-50's set follows. */
export async function applyConversation(gw: Gateway, ev: ConversationChanged): Promise<void> {
  const room = gw.rooms.get(ev.roomId);
  if (!room) return;
  const before = room.assigneeId;
  room.assigneeId = ev.assigneeId;
  room.conversationId ??= ev.conversationId;
  if (before === ev.assigneeId) return;
  for (const userId of [before, ev.assigneeId]) {
    const lu = userId ? gw.locals.get(userId) : undefined;
    if (!lu || !(await lu.loaded) || !lu.rooms.has(ev.roomId)) continue;
    lu.badge = new UserBadge(await gw.o.store.badge(lu.userId));
    const parts = [badgeFrame(lu)];
    const assigned = assignedRoom(room, lu);
    if (assigned) parts.push(assigned);
    const frame = multi(parts);
    for (const c of lu.conns) c.deliver(frame);
  }
}

/** PRV-7 / PRF-21: admin defaults changed. Users who never saved a setting follow them, so every local
 *  user's snapshot, every loaded room (member prefs, core facts) and every badge (PRF-32/37 defaults) is
 *  reloaded. Rare (an admin action): a query per local user and per loaded room. */
export async function applyWorkspace(gw: Gateway): Promise<void> {
  await gw.rooms.reloadAll();
  for (const lu of [...gw.locals.values()]) {
    if (!(await lu.loaded)) continue;
    const [snapshot, badge] = await Promise.all([
      gw.o.store.loadUser(lu.userId),
      gw.o.store.badge(lu.userId),
    ]);
    if (snapshot) lu.snapshot = snapshot;
    lu.badge = new UserBadge(badge);
    gw.syncCore(lu.userId);
    gw.presence.touch(lu.userId);
    const parts = [badgeFrame(lu)];
    const assigned = assignedAll(gw.rooms, lu);
    if (assigned) parts.push(assigned);
    const frame = multi(parts);
    for (const c of lu.conns) c.deliver(frame);
  }
}

export async function applyRoomPrefs(gw: Gateway, ev: RoomPrefsChanged): Promise<void> {
  gw.rooms.get(ev.roomId)?.upsert(ev.userId, ev.prefs);
  await refreshCoreFacts(gw, ev.userId, [ev.roomId]);
}

/** Reloads one member's facts into core's snapshots of the given rooms (one query per room; rare events). */
export async function refreshCoreFacts(gw: Gateway, userId: string, roomIds: string[]): Promise<void> {
  const load = gw.o.store.loadMemberFacts;
  if (!load) return;
  for (const roomId of roomIds) {
    const core = gw.rooms.get(roomId)?.core;
    if (!core) continue;
    const facts = await load.call(gw.o.store, roomId, userId);
    if (facts) core.upsert(facts, gw.o.clock.now());
  }
}
