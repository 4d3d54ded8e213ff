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
import { frameJson, multi } from "./protocol.ts";
import { sameBadge } from "./recount.ts";
import { deliverSupportNotify } from "./support-notify.ts";

export async function applyMembership(gw: Gateway, ev: MembershipChanged): Promise<void> {
  if (ev.joined) await refreshCoreFacts(gw, ev.userId, [ev.roomId]);
  else gw.rooms.get(ev.roomId)?.core.remove(ev.userId, gw.o.clock.now());
  const lu = gw.locals.get(ev.userId);
  if (!lu || !(await lu.loaded)) return;
  if (ev.joined && !lu.rooms.has(ev.roomId)) {
    lu.rooms.add(ev.roomId);
    await gw.rooms.acquire(ev.roomId, ev.userId);
  } else if (!ev.joined && lu.rooms.delete(ev.roomId)) {
    gw.rooms.release(ev.roomId, ev.userId);
  }
  // The recount tells which seq it includes, so no later message is counted twice.
  lu.badge = new UserBadge(await gw.o.store.readStates(ev.userId));
  const parts = [frameJson({ t: "membership", roomId: ev.roomId, joined: ev.joined }), badgeFrame(lu)];
  const assigned = assignedAll(gw.rooms, lu);
  if (assigned) parts.push(assigned);
  const frame = multi(parts);
  for (const c of lu.conns) c.deliver(frame);
}

export async function applyRead(gw: Gateway, ev: RoomRead): Promise<void> {
  const lu = gw.locals.get(ev.userId);
  if (!lu || !(await lu.loaded) || !lu.rooms.has(ev.roomId)) return;
  lu.badge = new UserBadge(await gw.o.store.readStates(ev.userId));
  const now = gw.o.clock.now();
  const cursor = lu.log.next();
  lu.log.add({ kind: "read", cursor, at: now, roomId: ev.roomId, seq: ev.seq }, now);
  const thread = ev.threadRootId ? { threadId: ev.threadRootId } : {};
  const parts = [frameJson({ t: "read", cursor, roomId: ev.roomId, seq: ev.seq, ...thread }), badgeFrame(lu)];
  const room = gw.rooms.get(ev.roomId);
  const assigned = room ? assignedRoom(room, lu) : "";
  if (assigned) parts.push(assigned);
  const frame = multi(parts);
  for (const c of lu.conns) c.deliver(frame);
}

export function applyUserEvent(gw: Gateway, ev: UserEvent, now: number): void {
  const lu = gw.locals.get(ev.userId);
  if (!lu) return;
  // Typing is a passing state: no cursor, nothing logged, so a resume never replays a stale "is typing".
  if (ev.event.t === "conversation.typing") {
    const frame = frameJson(ev.event);
    for (const c of lu.conns) c.deliver(frame);
    return;
  }
  const cursor = lu.log.next();
  if (ev.event.t === "notify") {
    deliverSupportNotify(lu, ev.event, cursor, now);
    return;
  }
  lu.log.track(ev.event, cursor, now);
  const frame = frameJson({ ...ev.event, cursor });
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
    lu.badge = new UserBadge(await gw.o.store.readStates(lu.userId));
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
      gw.o.store.readStates(lu.userId),
    ]);
    if (snapshot) lu.snapshot = snapshot;
    lu.badge = new UserBadge(badge);
    gw.presence.touch(lu.userId);
    const parts = [badgeFrame(lu)];
    const assigned = assignedAll(gw.rooms, lu);
    if (assigned) parts.push(assigned);
    const frame = multi(parts);
    for (const c of lu.conns) c.deliver(frame);
  }
}

/** A member's room preferences changed: core's snapshot reloads their facts, and their badge is recounted —
 *  muting group mentions (PRF-31) or unread marks (PRF-32) change what counts (BDG-6). */
export async function applyRoomPrefs(gw: Gateway, ev: RoomPrefsChanged): Promise<void> {
  await refreshCoreFacts(gw, ev.userId, [ev.roomId]);
  const lu = gw.locals.get(ev.userId);
  if (!lu || !(await lu.loaded) || !lu.rooms.has(ev.roomId)) return;
  const before = lu.badge;
  lu.badge = new UserBadge(await gw.o.store.readStates(ev.userId));
  if (sameBadge(before, lu.badge)) return;
  const frame = badgeFrame(lu);
  for (const c of lu.conns) c.deliver(frame);
}

/** Reloads one member's facts into core's snapshots of the given rooms (one query per room; rare events) —
 *  only where the user is this node's: a snapshot carries its node's members alone. */
export async function refreshCoreFacts(gw: Gateway, userId: string, roomIds: string[]): Promise<void> {
  for (const roomId of roomIds) {
    const core = gw.rooms.get(roomId)?.core;
    if (!core || !gw.rooms.holds(roomId, userId)) continue;
    const facts = await gw.o.store.loadMemberFacts(roomId, userId);
    if (facts) core.upsert(facts, gw.activityOf(userId), gw.o.clock.now());
    else core.remove(userId, gw.o.clock.now());
  }
}
