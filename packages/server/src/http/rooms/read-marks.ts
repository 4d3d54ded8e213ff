// Read positions moved by hand: mark a room unread from a message (or its last one), mark all rooms read.
// Each moved room is a room.read event, so every tab's badge and sidebar follow (the gateway reloads the
// badge from the store on it).
import { Type } from "typebox";
import type { DomainEvent } from "../../events.ts";
import type { Services } from "../../services.ts";
import { markAllRoomsRead, markRoomUnreadFrom } from "../../store/read-marks.ts";
import { visibleRoom } from "../../store/rooms.ts";
import { notFound } from "../errors.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";

const Id = Type.String({ minLength: 1, maxLength: 64 });
const strict = { additionalProperties: false } as const;

export function readMarkRoutes(app: App, services: Services): void {
  const { db } = services.store;

  app.post(
    "/rooms/:id/unread",
    {
      schema: {
        tags: ["read"],
        params: Type.Object({ id: Id }),
        body: Type.Optional(Type.Object({ messageId: Type.Optional(Id) }, strict)),
        response: { 200: Type.Object({ roomId: Type.String(), seq: Type.Integer() }) },
      },
    },
    async (req) => {
      const p = me(req);
      const roomId = req.params.id;
      const access = await visibleRoom(db, roomId, p.userId);
      if (!access || access.lastReadSeq === null) throw notFound("room_not_found", "no such room");
      let from = access.room.last_seq;
      const messageId = req.body?.messageId;
      if (messageId) {
        // Only a message shown in this room's history: a thread-only reply has no place of its own there.
        const m = await db
          .selectFrom("messages")
          .select("seq")
          .where("id", "=", messageId)
          .where("room_id", "=", roomId)
          .where("in_room", "=", 1)
          .where("deleted_at", "is", null)
          .executeTakeFirst();
        if (!m) throw notFound("message_not_found", "no such message in this room");
        from = m.seq;
      }
      const seq = await markRoomUnreadFrom(db, roomId, p.userId, from);
      const ev: DomainEvent = { type: "room.read", at: services.clock.now(), userId: p.userId, roomId, seq };
      await services.hooks.afterCommit([ev]);
      return { roomId, seq };
    },
  );

  app.post(
    "/rooms/read-all",
    {
      schema: {
        tags: ["read"],
        response: { 200: Type.Object({ rooms: Type.Integer() }) },
      },
    },
    async (req) => {
      const p = me(req);
      const moved = await markAllRoomsRead(db, p.userId);
      const at = services.clock.now();
      if (moved.length > 0)
        await services.hooks.afterCommit(
          moved.map((r): DomainEvent => ({ type: "room.read", at, userId: p.userId, ...r })),
        );
      return { rooms: moved.length };
    },
  );
}
