// The post path's room check, compiled once (store/prepared.ts): the same answer as store/rooms.ts's
// visibleRoom, without building the Kysely query tree on every post (it was ~8 % of postMessage's CPU).
import type { Db } from "../../store/db.ts";
import { Prepared } from "../../store/prepared.ts";
import type { RoomAccess, RoomRow } from "../../store/rooms.ts";

type Row = RoomRow & { last_read_seq: number | null; prefs: string | null };

const roomAndMembership = new Prepared<{ roomId: string; userId: string }, Row>((db, arg) =>
  db
    .selectFrom("rooms")
    .leftJoin("memberships", (j) =>
      j.onRef("memberships.room_id", "=", "rooms.id").on("memberships.user_id", "=", arg("userId")),
    )
    .selectAll("rooms")
    .select(["memberships.last_read_seq", "memberships.prefs"])
    .where("rooms.id", "=", arg("roomId")),
);

/** visibleRoom (GEN-5: members see any room; non-members public channels only), prepared. */
export async function roomAccess(db: Db, roomId: string, userId: string): Promise<RoomAccess | null> {
  const row = await roomAndMembership.first(db, { roomId, userId });
  if (!row) return null;
  const { last_read_seq, prefs, ...room } = row;
  if (last_read_seq === null && room.kind !== "channel") return null;
  return { room, lastReadSeq: last_read_seq, prefs };
}
