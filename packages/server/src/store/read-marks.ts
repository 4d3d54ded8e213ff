// Read positions moved by hand: "mark as unread" (back to just before a message) and "mark all rooms read".
// The ordinary read path (store/reads.ts markRoomRead) only ever moves forward; these are the two ways a
// user moves it on purpose.
import type { ExpressionBuilder } from "kysely";
import type { Db } from "./db.ts";
import type { Database } from "./schema.ts";

/** Everything before `seq` stays read; `seq` and after are unread again. Answers the new read position. */
export async function markRoomUnreadFrom(
  db: Db,
  roomId: string,
  userId: string,
  seq: number,
): Promise<number> {
  const target = Math.max(0, seq - 1);
  await db
    .updateTable("memberships")
    .set({ last_read_seq: target })
    .where("room_id", "=", roomId)
    .where("user_id", "=", userId)
    .execute();
  return target;
}

/** Every room of mine with something unread, read to its last message. Answers the rooms that moved. */
export async function markAllRoomsRead(db: Db, userId: string): Promise<{ roomId: string; seq: number }[]> {
  return db.transaction().execute(async (trx) => {
    const behind = await trx
      .selectFrom("memberships as mb")
      .innerJoin("rooms as r", "r.id", "mb.room_id")
      .select(["mb.room_id", "r.last_seq"])
      .where("mb.user_id", "=", userId)
      .whereRef("mb.last_read_seq", "<", "r.last_seq")
      .execute();
    // One statement for all rooms (a user may be in hundreds), each read to its own last message.
    const lastOf = (eb: ExpressionBuilder<Database, "memberships">) =>
      eb.selectFrom("rooms").select("rooms.last_seq").whereRef("rooms.id", "=", "memberships.room_id");
    if (behind.length > 0)
      await trx
        .updateTable("memberships")
        .set((eb) => ({ last_read_seq: lastOf(eb) }))
        .where("user_id", "=", userId)
        .where((eb) => eb("last_read_seq", "<", lastOf(eb)))
        .execute();
    return behind.map((r) => ({ roomId: r.room_id, seq: r.last_seq }));
  });
}
