// The outbox writer: runs inside the message transaction (PostHooks.inTransaction), so a pending push/email
// exists exactly when its message does. Personal triggers (dm, mention, keyword, thread, @here) get one row
// per user and channel; a group mention, or a room message when some member may have a level `all` there
// (candidates.ts), gets ONE room row, expanded per recipient at send time (expand.ts). Deletion cancels inside its transaction (TRG-3).
import type { DomainEvent, MessageView } from "../events.ts";
import type { Tx } from "../store/db.ts";
import { roomHasLevelAll } from "./candidates.ts";
import { insertRows, keys, type NewDelivery, newRow } from "./rows.ts";

type Created = Extract<DomainEvent, { type: "message.created" }>;
type Updated = Extract<DomainEvent, { type: "message.updated" }>;

/** Returns how many rows it wrote (0: the worker has nothing new to do for this event). */
export async function writeOutbox(trx: Tx, event: DomainEvent): Promise<number> {
  if (event.type === "message.created") return onCreated(trx, event);
  if (event.type === "message.updated") return onUpdated(trx, event);
  if (event.type === "message.deleted") await cancelMessage(trx, event.message.id, event.at);
  return 0;
}

/** Personal rows for both channels; the worker decides the moment (PSH-2 / EML-2) and re-checks everything. */
export function personalRows(m: MessageView, userId: string, trigger: string, now: number): NewDelivery[] {
  const base = {
    userId,
    roomId: m.roomId,
    messageId: m.id,
    trigger,
    seq: m.inRoom ? m.seq : 0,
    threadRootId: m.threadRootId,
    threadSeq: m.threadSeq,
    dueAt: now,
    payload: { senderId: m.senderId },
  };
  return [
    newRow({ ...base, kind: "push", channel: "push", key: keys.push(userId, m.id) }, now),
    newRow({ ...base, kind: "email", channel: "email", key: keys.email(userId, m.id) }, now),
  ];
}

async function onCreated(trx: Tx, ev: Created): Promise<number> {
  const m = ev.message;
  if (m.kind === "system" || m.deletedAt !== null) return 0; // TRG-3: system messages notify nobody
  // SUP-7 / SUP-9: a conversation's push/email come from its support event (support/events.ts), not chat rules.
  if (ev.room.kind === "conversation") return 0;
  const now = ev.at;
  const personal = new Map<string, string>(); // TRG-1 order: the first trigger wins
  const add = (u: string, t: string) => {
    if (u !== m.senderId && !personal.has(u)) personal.set(u, t);
  };
  if (ev.room.kind === "dm" || ev.room.kind === "gdm") {
    const members = await trx
      .selectFrom("memberships")
      .select("user_id")
      .where("room_id", "=", m.roomId)
      .execute();
    for (const r of members) add(r.user_id, "dm");
  } else {
    for (const u of ev.mentions.users) add(u, "mention");
    for (const u of ev.mentions.keywords) add(u, "keyword");
    for (const u of ev.threadFollowers) add(u, "thread");
    for (const u of ev.mentions.here) add(u, "group");
  }
  const rows: NewDelivery[] = [];
  for (const [u, t] of personal) rows.push(...personalRows(m, u, t, now));
  const groupAll = ev.mentions.group === "all";
  // Trigger `all` reaches room messages only (TRG-2); @all inside a thread reaches the whole room.
  const roomWide = ev.room.kind !== "dm" && ev.room.kind !== "gdm" && (groupAll || m.inRoom);
  // A plain message reaches only members with some level at `all`: when the room has none, no room row.
  if (roomWide && (groupAll || (await roomHasLevelAll(trx, m.roomId)))) {
    rows.push(
      newRow(
        {
          kind: "room",
          channel: "push",
          key: keys.room(m.id),
          roomId: m.roomId,
          messageId: m.id,
          trigger: groupAll ? "group" : "all",
          seq: m.inRoom ? m.seq : 0,
          threadRootId: m.threadRootId,
          threadSeq: m.threadSeq,
          dueAt: now,
          payload: { group: groupAll ? "all" : null, senderId: m.senderId },
        },
        now,
      ),
    );
  }
  await insertRows(trx, rows);
  return rows.length;
}

async function onUpdated(trx: Tx, ev: Updated): Promise<number> {
  const m = ev.message;
  const rows: NewDelivery[] = [];
  const seen = new Set<string>();
  // TRG-3: an edit notifies only users newly mentioned by it.
  for (const [list, t] of [
    [ev.newMentions.users, "mention"],
    [ev.newMentions.keywords, "keyword"],
  ] as const) {
    for (const u of list) {
      if (u === m.senderId || seen.has(u)) continue;
      seen.add(u);
      rows.push(...personalRows(m, u, ev.room.kind === "dm" || ev.room.kind === "gdm" ? "dm" : t, ev.at));
    }
  }
  await insertRows(trx, rows);
  return rows.length;
}

/** TRG-3: a deleted message cancels every pending push/email for it (room rows included). */
export async function cancelMessage(trx: Tx, messageId: string, now: number): Promise<number> {
  const r = await trx
    .updateTable("deliveries")
    .set({ state: "dropped", reason: "TRG-3 message deleted", updated_at: now, claimed_until: null })
    .where("message_id", "=", messageId)
    .where("state", "in", ["pending", "claimed"])
    .executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}
