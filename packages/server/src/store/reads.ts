// Read positions and the per-user read state that core's badge math consumes (BDG-1 … BDG-3), loaded with a
// handful of set queries per batch of users — never a per-room or per-member loop. The one loader of the badge:
// GET /me/badge, GET /rooms, the gateway's badge (gateway/sql-store.ts) and the scheduler's PSH-5 push badge
// (jobs/badges.ts) all read it.
import type { AdminSettings, FollowedThreadState, RoomReadState } from "@herald/core";
import { roomPrefsOf } from "../http/preferences/resolve.ts";
import type { Db } from "./db.ts";

export async function loadReadStates(
  db: Db,
  userId: string,
  settings: AdminSettings,
): Promise<RoomReadState[]> {
  return (await loadReadStatesFor(db, [userId], settings)).get(userId) ?? [];
}

type ThreadState = FollowedThreadState & { mentionThreadSeqs: number[] };

/**
 * The read state of many users at once (the scheduler's PSH-5 badge for a claimed batch of recipients):
 * the same set queries as for one user, keyed by user — never a few queries per recipient.
 */
export async function loadReadStatesFor(
  db: Db,
  userIds: readonly string[],
  settings: AdminSettings,
): Promise<Map<string, RoomReadState[]>> {
  const ids = [...new Set(userIds)];
  const out = new Map<string, RoomReadState[]>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const byUser = await loadChunk(db, ids.slice(i, i + CHUNK), settings);
    for (const [u, rooms] of byUser) out.set(u, [...rooms.values()]);
  }
  return out;
}

/** Keeps each `in (…)` list well under the bound-parameter limits of SQLite and PostgreSQL. */
const CHUNK = 400;

async function loadChunk(db: Db, ids: string[], settings: AdminSettings) {
  const rooms = await db
    .selectFrom("memberships as mb")
    .innerJoin("rooms as r", "r.id", "mb.room_id")
    .select(["mb.user_id", "r.id", "r.kind", "r.last_seq", "mb.last_read_seq", "mb.prefs"])
    .where("mb.user_id", "in", ids)
    .execute();
  const mentions = await db
    .selectFrom("mentions as mn")
    .innerJoin("memberships as mb", (j) =>
      j.onRef("mb.room_id", "=", "mn.room_id").onRef("mb.user_id", "=", "mn.user_id"),
    )
    .innerJoin("messages as msg", "msg.id", "mn.message_id")
    .select([
      "mn.user_id",
      "mn.room_id",
      "mn.seq",
      "mn.kind",
      "mn.thread_root_id",
      "mn.thread_seq",
      "msg.in_room",
    ])
    .where("mn.user_id", "in", ids)
    .where((eb) => eb.or([eb("msg.in_room", "=", 0), eb("mn.seq", ">", eb.ref("mb.last_read_seq"))]))
    .execute();
  const groups = await db
    .selectFrom("group_mentions as gm")
    .innerJoin("memberships as mb", "mb.room_id", "gm.room_id")
    .select(["mb.user_id", "gm.room_id", "gm.seq"])
    .where("mb.user_id", "in", ids)
    .where("gm.kind", "=", "all")
    .whereRef("gm.sender_id", "!=", "mb.user_id")
    .where("gm.seq", ">", (eb) => eb.ref("mb.last_read_seq"))
    .orderBy("gm.seq")
    .execute();
  const threads = await db
    .selectFrom("thread_follows as tf")
    .innerJoin("threads as t", "t.root_id", "tf.root_id")
    .select(["tf.user_id", "t.room_id", "t.root_id", "t.last_seq", "tf.last_read_seq"])
    .where("tf.user_id", "in", ids)
    .where("tf.following", "=", 1)
    .where("t.last_seq", ">", (eb) => eb.ref("tf.last_read_seq"))
    .execute();
  // BDG-2: unread in conversations assigned to me counts in the numbered badge.
  const assigned = await db
    .selectFrom("conversations")
    .select(["assignee_id", "room_id"])
    .where("assignee_id", "in", ids)
    .execute();
  const deleted = await deletedAboveRead(db, ids);

  const byUser = new Map<string, Map<string, RoomReadState>>();
  for (const u of ids) byUser.set(u, new Map());
  const room = (u: string | null, r: string) => (u === null ? undefined : byUser.get(u)?.get(r));
  for (const r of rooms) {
    const prefs = roomPrefsOf(r.prefs, settings);
    byUser.get(r.user_id)?.set(r.id, {
      roomId: r.id,
      kind: r.kind,
      lastSeq: r.last_seq,
      lastReadSeq: r.last_read_seq,
      mentionSeqs: [],
      hereSeqs: [],
      groupMentionSeqs: [],
      muteGroupMentions: prefs.muteGroupMentions,
      markUnread: prefs.markUnread,
      threads: [],
      deletedSeqs: deleted.rooms.get(`${r.user_id}:${r.id}`) ?? [],
    });
  }
  for (const a of assigned) {
    const rs = room(a.assignee_id, a.room_id);
    if (rs) rs.assignedToMe = true;
  }
  const threadState = new Map<string, ThreadState>();
  for (const t of threads) {
    const rs = room(t.user_id, t.room_id);
    if (!rs) continue;
    const gone = deleted.threads.get(`${t.user_id}:${t.root_id}`) ?? [];
    // Every unread reply deleted: the thread is read (left out, so readers of `threads` need no delete math).
    if (t.last_seq - t.last_read_seq - gone.length <= 0) continue;
    const s: ThreadState = {
      rootId: t.root_id,
      lastSeq: t.last_seq,
      lastReadSeq: t.last_read_seq,
      mentionThreadSeqs: [],
      deletedThreadSeqs: gone,
    };
    threadState.set(`${t.user_id}:${t.root_id}`, s);
    (rs.threads as FollowedThreadState[]).push(s);
  }
  for (const m of mentions) {
    const rs = room(m.user_id, m.room_id);
    if (!rs) continue;
    if (m.in_room === 1) {
      (m.kind === "here" ? (rs.hereSeqs as number[]) : (rs.mentionSeqs as number[])).push(m.seq);
    } else if (m.thread_root_id && m.thread_seq !== null) {
      // A thread-only reply: counted against the thread's own read position, if the user follows it.
      threadState.get(`${m.user_id}:${m.thread_root_id}`)?.mentionThreadSeqs.push(m.thread_seq);
    }
  }
  for (const g of groups) (room(g.user_id, g.room_id)?.groupMentionSeqs as number[] | undefined)?.push(g.seq);
  return byUser;
}

/**
 * Deleted messages above the users' read positions (BDG-1: a deleted message is not unread): room seqs of
 * deleted in-room messages per (user, room), thread seqs of deleted replies per (user, followed thread). Read
 * through the partial indexes of migration 0006, so the cost is the (rare) deletions, never the room's size.
 */
async function deletedAboveRead(db: Db, ids: string[]) {
  const roomRows = await db
    .selectFrom("messages as m")
    .innerJoin("memberships as mb", "mb.room_id", "m.room_id")
    .select(["mb.user_id", "m.room_id", "m.seq"])
    .where("mb.user_id", "in", ids)
    .where("m.deleted_at", "is not", null)
    .where("m.in_room", "=", 1)
    .where("m.seq", ">", (eb) => eb.ref("mb.last_read_seq"))
    .execute();
  const threadRows = await db
    .selectFrom("messages as m")
    .innerJoin("thread_follows as tf", "tf.root_id", "m.thread_root_id")
    .select(["tf.user_id", "m.thread_root_id", "m.thread_seq"])
    .where("tf.user_id", "in", ids)
    .where("tf.following", "=", 1)
    .where("m.deleted_at", "is not", null)
    .where("m.thread_seq", ">", (eb) => eb.ref("tf.last_read_seq"))
    .execute();
  const push = (map: Map<string, number[]>, key: string, seq: number) => {
    const list = map.get(key);
    if (list) list.push(seq);
    else map.set(key, [seq]);
  };
  const rooms = new Map<string, number[]>();
  for (const r of roomRows) push(rooms, `${r.user_id}:${r.room_id}`, r.seq);
  const threads = new Map<string, number[]>();
  for (const t of threadRows)
    if (t.thread_root_id && t.thread_seq !== null)
      push(threads, `${t.user_id}:${t.thread_root_id}`, t.thread_seq);
  return { rooms, threads };
}

/** Moves the room read position forward only; returns the new position, or null when not a member. */
export async function markRoomRead(
  db: Db,
  roomId: string,
  userId: string,
  seq: number | null,
): Promise<number | null> {
  const room = await db.selectFrom("rooms").select("last_seq").where("id", "=", roomId).executeTakeFirst();
  if (!room) return null;
  const target = Math.min(seq ?? room.last_seq, room.last_seq);
  await db
    .updateTable("memberships")
    .set({ last_read_seq: target })
    .where("room_id", "=", roomId)
    .where("user_id", "=", userId)
    .where("last_read_seq", "<", target)
    .execute();
  const m = await db
    .selectFrom("memberships")
    .select("last_read_seq")
    .where("room_id", "=", roomId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return m ? m.last_read_seq : null;
}

/** Thread read position; creates a non-following row to hold it when the user does not follow. */
export async function markThreadRead(
  db: Db,
  rootId: string,
  userId: string,
  seq: number | null,
): Promise<number> {
  const t = await db
    .selectFrom("threads")
    .select("last_seq")
    .where("root_id", "=", rootId)
    .executeTakeFirst();
  const last = t?.last_seq ?? 0;
  const target = Math.min(seq ?? last, last);
  if (!t) return 0;
  await db
    .insertInto("thread_follows")
    .values({ root_id: rootId, user_id: userId, following: 0, last_read_seq: target })
    .onConflict((oc) =>
      oc
        .columns(["root_id", "user_id"])
        .doUpdateSet({ last_read_seq: target })
        .where("thread_follows.last_read_seq", "<", target),
    )
    .execute();
  return target;
}

/** Reads everything: every room to its last seq, every followed thread to its last reply. */
export async function markAllRead(db: Db, userId: string): Promise<void> {
  await db
    .updateTable("memberships")
    .set((eb) => ({
      last_read_seq: eb
        .selectFrom("rooms")
        .select("rooms.last_seq")
        .whereRef("rooms.id", "=", "memberships.room_id"),
    }))
    .where("user_id", "=", userId)
    .execute();
  await db
    .updateTable("thread_follows")
    .set((eb) => ({
      last_read_seq: eb
        .selectFrom("threads")
        .select("threads.last_seq")
        .whereRef("threads.root_id", "=", "thread_follows.root_id"),
    }))
    .where("user_id", "=", userId)
    .execute();
}
