// GEN-7 from the store: what a client that connects or resumes must get even when this node's in-memory log
// cannot provide it — ring (CAL-1) and pending-contact (SUP-3) alerts on right now, and after a gap (restart,
// other node, absence past the PRS-4 grace) its unread inbox items and the alerts that stopped meanwhile.
// A few small queries per hello, never per recipient.
import { callTone, RING_TIMEOUT_MS, resolvePreferences, supportBusyBlock } from "@herald/core";
import { isRead, listItems, readAllMark } from "../http/notifications/query.ts";
import { scopeOf } from "../http/notifications/service.ts";
import { loadAdminSettings } from "../http/preferences/resolve.ts";
import type { Db } from "../store/db.ts";
import type { AlertFrame } from "./events.ts";
import type { Missed, StoredNotify } from "./ports.ts";

/** At most this many inbox items are replayed after a gap; more sets `ready.gap` (reload over HTTP). */
export const MISSED_ITEMS_LIMIT = 100;
const ALERTS_LIMIT = 200;

export async function activeAlerts(db: Db, userId: string, now: number): Promise<AlertFrame[]> {
  const user = await db
    .selectFrom("users")
    .select(["prefs", "dnd_on", "dnd_until"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return [];
  const admin = await loadAdminSettings(db);
  const account = resolvePreferences(JSON.parse(user.prefs || "{}"), admin.defaults.account);
  const [calls, pending] = await Promise.all([
    db
      .selectFrom("call_members as m")
      .innerJoin("calls as c", "c.id", "m.call_id")
      .select(["c.id", "c.room_id", "c.caller_id"])
      .where("m.user_id", "=", userId)
      .where("m.state", "=", "ringing")
      .where("m.rang", "=", 1)
      .where("c.state", "!=", "ended")
      .where("c.started_at", ">", now - RING_TIMEOUT_MS)
      .execute(),
    db
      .selectFrom("conversations as c")
      .innerJoin("inbox_agents as a", "a.inbox_id", "c.inbox_id")
      .innerJoin("contacts as k", "k.id", "c.contact_id")
      .select(["c.id", "c.inbox_id", "k.name"])
      .where("a.user_id", "=", userId)
      .where("c.status", "=", "pending")
      .orderBy("c.created_at")
      .limit(ALERTS_LIMIT)
      .execute(),
  ]);
  // PRF-10 by core, as calls/service.ts sends it (CAL-1: the tone loops).
  const tone = callTone(account);
  const out: AlertFrame[] = calls.map((c) => ({
    t: "ring.start",
    callId: c.id,
    roomId: c.room_id,
    from: c.caller_id,
    ...(tone !== null ? { sound: { name: tone, loop: true } } : {}),
  }));
  // SUP-3: every *available* agent — a busy (do not disturb) one gets no pending alert.
  const until = user.dnd_until === null ? null : Number(user.dnd_until);
  const status = { manual: "auto" as const, busy: user.dnd_on ? { until } : null };
  if (!supportBusyBlock(status, now))
    for (const c of pending)
      out.push({ t: "pending.start", conversationId: c.id, inboxId: c.inbox_id, contactName: c.name });
  return out;
}

export async function missedSince(db: Db, userId: string, since: number, now: number): Promise<Missed> {
  const [scope, readAllAt] = await Promise.all([scopeOf(db, userId), readAllMark(db, userId)]);
  const page = await listItems(db, scope, now, MISSED_ITEMS_LIMIT, null);
  const recent = page.rows.filter((r) => r.created_at > since);
  const truncated = page.more && recent.length === page.rows.length;
  const notifies: StoredNotify[] = recent
    .filter((r) => !isRead(r, readAllAt))
    .reverse()
    .map((r) => ({
      notificationId: r.id,
      trigger: r.type,
      roomId: r.room_id,
      messageId: r.message_id,
      threadId: r.thread_root_id,
      conversationId: r.conversation_id,
      callId: r.call_id,
      event: r.event,
      createdAt: r.created_at,
    }));
  return { notifies, stops: await stoppedSince(db, userId, since), truncated };
}

/** Alerts that ended after `since`: the client may still ring for them (a superset is harmless: the SDK
 *  ignores a stop for an alert it does not have). */
async function stoppedSince(db: Db, userId: string, since: number): Promise<AlertFrame[]> {
  const [calls, convs] = await Promise.all([
    db
      .selectFrom("call_members as m")
      .innerJoin("calls as c", "c.id", "m.call_id")
      .select(["c.id", "c.room_id", "c.caller_id", "m.state"])
      .where("m.user_id", "=", userId)
      .where("m.rang", "=", 1)
      .where("m.state", "!=", "ringing")
      .where("m.updated_at", ">", since)
      .limit(ALERTS_LIMIT)
      .execute(),
    db
      .selectFrom("conversations as c")
      .innerJoin("inbox_agents as a", "a.inbox_id", "c.inbox_id")
      .select(["c.id", "c.inbox_id"])
      .where("a.user_id", "=", userId)
      .where("c.status", "!=", "pending")
      .where("c.updated_at", ">", since)
      .orderBy("c.updated_at", "desc")
      .limit(ALERTS_LIMIT)
      .execute(),
  ]);
  const reason = (s: string) => (s === "answered" || s === "declined" ? s : "timeout");
  return [
    ...calls.map(
      (c): AlertFrame => ({
        t: "ring.stop",
        callId: c.id,
        roomId: c.room_id,
        from: c.caller_id,
        reason: reason(c.state),
      }),
    ),
    ...convs.map((c): AlertFrame => ({ t: "pending.stop", conversationId: c.id, inboxId: c.inbox_id })),
  ];
}
