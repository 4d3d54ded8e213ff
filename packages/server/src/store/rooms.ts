// Room and membership queries. Joining starts a member's read position at the room's current seq.
import { newId } from "../ids.ts";
import type { Db, Tx } from "./db.ts";
import type { RoomKind, RoomsTable } from "./schema/rooms.ts";

export type RoomRow = RoomsTable;

export interface RoomAccess {
  room: RoomRow;
  /** The caller's membership, when a member. */
  lastReadSeq: number | null;
  prefs: string | null;
}

/** The rooms a user is a member of, oldest first, with their read position and saved room settings. */
export function memberRooms(db: Db, userId: string) {
  return db
    .selectFrom("rooms")
    .innerJoin("memberships", "memberships.room_id", "rooms.id")
    .selectAll("rooms")
    .select(["memberships.last_read_seq", "memberships.prefs"])
    .where("memberships.user_id", "=", userId)
    .orderBy("rooms.created_at")
    .execute();
}

/** The room as the user may see it: members see any room; non-members see public channels only (GEN-5). */
export async function visibleRoom(db: Db, roomId: string, userId: string): Promise<RoomAccess | null> {
  const row = await db
    .selectFrom("rooms")
    .leftJoin("memberships", (j) =>
      j.onRef("memberships.room_id", "=", "rooms.id").on("memberships.user_id", "=", userId),
    )
    .selectAll("rooms")
    .select(["memberships.last_read_seq", "memberships.prefs"])
    .where("rooms.id", "=", roomId)
    .executeTakeFirst();
  if (!row) return null;
  const { last_read_seq, prefs, ...room } = row;
  if (last_read_seq === null && room.kind !== "channel") return null;
  return { room, lastReadSeq: last_read_seq, prefs };
}

export async function createRoom(
  trx: Tx,
  r: { kind: RoomKind; name: string; topic?: string; createdBy: string | null; dmKey?: string | null },
  memberIds: string[],
  now: number,
): Promise<RoomRow> {
  const room: RoomRow = {
    id: newId(),
    kind: r.kind,
    name: r.name,
    topic: r.topic ?? "",
    dm_key: r.dmKey ?? null,
    created_by: r.createdBy,
    last_seq: 0,
    member_count: 0,
    created_at: now,
  };
  await trx.insertInto("rooms").values(room).execute();
  room.member_count = await addMembers(trx, room.id, memberIds, now);
  return room;
}

/** Adds members (ignoring existing ones); returns the new member count. */
export async function addMembers(trx: Tx, roomId: string, userIds: string[], now: number): Promise<number> {
  const unique = [...new Set(userIds)];
  const room = await trx
    .selectFrom("rooms")
    .select(["last_seq"])
    .where("id", "=", roomId)
    .executeTakeFirstOrThrow();
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    await trx
      .insertInto("memberships")
      .values(
        chunk.map((user_id) => ({
          room_id: roomId,
          user_id,
          last_read_seq: room.last_seq,
          prefs: "{}",
          joined_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(["room_id", "user_id"]).doNothing())
      .execute();
  }
  return refreshMemberCount(trx, roomId);
}

export async function removeMember(trx: Tx, roomId: string, userId: string): Promise<boolean> {
  const r = await trx
    .deleteFrom("memberships")
    .where("room_id", "=", roomId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  await refreshMemberCount(trx, roomId);
  return Number(r.numDeletedRows) > 0;
}

async function refreshMemberCount(trx: Tx, roomId: string): Promise<number> {
  const c = await trx
    .selectFrom("memberships")
    .select((e) => e.fn.countAll<number>().as("n"))
    .where("room_id", "=", roomId)
    .executeTakeFirstOrThrow();
  const n = Number(c.n);
  await trx.updateTable("rooms").set({ member_count: n }).where("id", "=", roomId).execute();
  return n;
}

export async function activeUsersExist(db: Db, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom("users")
    .select("id")
    .where("id", "in", ids)
    .where("active", "=", 1)
    .execute();
  const found = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !found.has(id));
}

export function roomView(r: RoomRow) {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    topic: r.topic,
    lastSeq: r.last_seq,
    memberCount: r.member_count,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}
