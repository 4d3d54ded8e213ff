// Rooms: list mine (with unread), create channel/group, get-or-create dm/gdm, get, rename, join, leave, members.
import { resolvePreferences } from "@herald/core";
import { Type } from "typebox";
import type { DomainEvent } from "../../events.ts";
import type { Services } from "../../services.ts";
import { userById } from "../../store/accounts.ts";
import type { Tx } from "../../store/db.ts";
import {
  activeUsersExist,
  addMembers,
  createRoom,
  memberRooms,
  removeMember,
  roomView,
  visibleRoom,
} from "../../store/rooms.ts";
import { badRequest, forbidden, notFound } from "../errors.ts";
import { loadAdminSettings, roomPreferencesAnswer } from "../preferences/resolve.ts";
import { ref } from "../schemas/ref.ts";
import type { App, Principal } from "../types.ts";
import { me } from "../types.ts";
import { badgeFor } from "./badge.ts";
import { MyRoomSchema, PublicRoomSchema, RoomAnswer, RoomSchema } from "./schemas.ts";

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Params = Type.Object({ id: Id });
/** At least one visible character: a blank name would show as nothing in every list. */
const Name = Type.String({ minLength: 1, maxLength: 80, pattern: "\\S" });
const strict = { additionalProperties: false } as const;
const UserIds = Type.Array(Id, { minItems: 1, maxItems: 1000 });
const Room = ref(RoomSchema);
const RoomsAnswer = Type.Union([
  Type.Object({
    rooms: Type.Array(ref(MyRoomSchema), { description: "oldest first" }),
    badge: Type.Object({ total: Type.Integer(), dot: Type.Boolean() }),
  }),
  Type.Object({ rooms: Type.Array(ref(PublicRoomSchema), { description: "scope=public: by name" }) }),
]);
const DmAnswer = Type.Object({
  room: Room,
  created: Type.Boolean({ description: "false: the conversation existed already" }),
});
const MemberSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.Union([Type.Literal("admin"), Type.Literal("agent"), Type.Literal("member")]),
});

async function memberRoom(services: Services, p: Principal, id: string) {
  const access = await visibleRoom(services.store.db, id, p.userId);
  if (!access || access.lastReadSeq === null) throw notFound("room_not_found", "no such room");
  return access.room;
}

async function changed(
  services: Services,
  roomId: string,
  userIds: string[],
  change: "joined" | "left" | "removed",
) {
  const ev: DomainEvent = { type: "membership.changed", at: services.clock.now(), roomId, userIds, change };
  await services.hooks.afterCommit([ev]);
}

async function checkUsers(services: Services, ids: string[]): Promise<void> {
  const missing = await activeUsersExist(services.store.db, ids);
  if (missing.length) throw badRequest("user_not_found", `no active user ${missing[0]}`, "userIds");
}

export function roomRoutes(app: App, services: Services): void {
  const { db } = services.store;

  app.get(
    "/rooms",
    {
      schema: {
        tags: ["rooms"],
        description:
          "My rooms with unread state (default), or with `scope=public` every public channel with its member " +
          "count and whether I am a member (the Browse channels list).",
        querystring: Type.Object(
          { scope: Type.Optional(Type.Union([Type.Literal("mine"), Type.Literal("public")])) },
          strict,
        ),
        response: { 200: RoomsAnswer },
      },
    },
    async (req) => {
      const p = me(req);
      if (req.query.scope === "public") return { rooms: await publicChannels(p.userId) };
      return myRooms(p.userId);
    },
  );

  /** Public channels only (never groups, dms or conversations: GEN-5), bounded, by name. */
  async function publicChannels(userId: string) {
    const rows = await db
      .selectFrom("rooms")
      .leftJoin("memberships", (j) =>
        j.onRef("memberships.room_id", "=", "rooms.id").on("memberships.user_id", "=", userId),
      )
      .selectAll("rooms")
      .select("memberships.user_id as member_id")
      .where("rooms.kind", "=", "channel")
      .orderBy("rooms.name")
      .limit(500)
      .execute();
    return rows.map((r) => ({ ...roomView(r), member: r.member_id !== null }));
  }

  /** My rooms with my unread counts and my settings for each (the sidebar's muted look needs no more requests). */
  async function myRooms(userId: string) {
    const [rows, badge, settings, user] = await Promise.all([
      memberRooms(db, userId),
      badgeFor(services, userId),
      loadAdminSettings(db),
      userById(db, userId),
    ]);
    const account = resolvePreferences(JSON.parse(user?.prefs ?? "{}"), settings.defaults.account);
    return {
      rooms: rows.map(({ last_read_seq, prefs, ...r }) => ({
        ...roomView(r),
        lastReadSeq: last_read_seq,
        ...badge.rooms[r.id],
        preferences: roomPreferencesAnswer(account, prefs, settings),
      })),
      badge: { total: badge.total, dot: badge.dot },
    };
  }

  app.post(
    "/rooms",
    {
      schema: {
        tags: ["rooms"],
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal("channel"), Type.Literal("group")]),
            name: Name,
            topic: Type.Optional(Type.String({ maxLength: 500 })),
            memberIds: Type.Optional(UserIds),
          },
          strict,
        ),
        response: { 201: RoomAnswer },
      },
    },
    async (req, reply) => {
      const p = me(req);
      const members = [p.userId, ...(req.body.memberIds ?? [])];
      await checkUsers(services, members);
      const room = await db
        .transaction()
        .execute((trx) =>
          createRoom(
            trx,
            { kind: req.body.kind, name: req.body.name, topic: req.body.topic, createdBy: p.userId },
            members,
            services.clock.now(),
          ),
        );
      await changed(services, room.id, [...new Set(members)], "joined");
      return reply.status(201).send({ room: roomView(room) });
    },
  );

  app.post(
    "/dms",
    {
      schema: {
        tags: ["rooms"],
        body: Type.Object({ userIds: Type.Array(Id, { minItems: 1, maxItems: 7 }) }, strict),
        response: { 200: DmAnswer, 201: DmAnswer },
      },
    },
    async (req, reply) => {
      const p = me(req);
      const ids = [...new Set([p.userId, ...req.body.userIds])].sort();
      // dm: exactly two users; gdm: 3–8 (SPEC §1).
      if (ids.length < 2)
        throw badRequest("invalid_members", "a direct message needs another user", "userIds");
      await checkUsers(services, ids);
      const kind = ids.length === 2 ? "dm" : "gdm";
      const dmKey = `${kind}:${ids.join(",")}`;
      const existing = await db
        .selectFrom("rooms")
        .selectAll()
        .where("dm_key", "=", dmKey)
        .executeTakeFirst();
      if (existing) return { room: roomView(existing), created: false };
      const names = await db
        .selectFrom("users")
        .select("username")
        .where("id", "in", ids)
        .orderBy("username")
        .execute();
      let room: Awaited<ReturnType<typeof createRoom>>;
      try {
        room = await db
          .transaction()
          .execute(async (trx: Tx) =>
            createRoom(
              trx,
              { kind, name: names.map((n) => n.username).join(", "), createdBy: p.userId, dmKey },
              ids,
              services.clock.now(),
            ),
          );
      } catch (err) {
        // Two requests for the same pair at once: the other one created it (dm_key is unique), so this is a get.
        const raced = await db.selectFrom("rooms").selectAll().where("dm_key", "=", dmKey).executeTakeFirst();
        if (raced) return { room: roomView(raced), created: false };
        throw err;
      }
      await changed(services, room.id, ids, "joined");
      return reply.status(201).send({ room: roomView(room), created: true });
    },
  );

  const RoomGet = Type.Object({
    room: Room,
    member: Type.Boolean(),
    lastReadSeq: Type.Union([Type.Integer(), Type.Null()], { description: "null when not a member" }),
  });
  app.get(
    "/rooms/:id",
    { schema: { tags: ["rooms"], params: Params, response: { 200: RoomGet } } },
    async (req) => {
      const access = await visibleRoom(db, req.params.id, me(req).userId);
      if (!access) throw notFound("room_not_found", "no such room");
      return {
        room: roomView(access.room),
        member: access.lastReadSeq !== null,
        lastReadSeq: access.lastReadSeq,
      };
    },
  );

  app.patch(
    "/rooms/:id",
    {
      schema: {
        tags: ["rooms"],
        params: Params,
        body: Type.Object(
          { name: Type.Optional(Name), topic: Type.Optional(Type.String({ maxLength: 500 })) },
          strict,
        ),
        response: { 200: RoomAnswer },
      },
    },
    async (req) => {
      const p = me(req);
      const room = await memberRoom(services, p, req.params.id);
      if (room.kind === "dm" || room.kind === "conversation")
        throw forbidden("not_allowed", "this room cannot be renamed");
      if (room.created_by !== p.userId && p.role !== "admin")
        throw forbidden("not_room_owner", "only the room's creator or an admin");
      // Nothing to change (`{}`) is a no-op, not an UPDATE without a SET clause.
      if (Object.keys(req.body).length > 0)
        await db.updateTable("rooms").set(req.body).where("id", "=", room.id).execute();
      return { room: roomView({ ...room, ...req.body }) };
    },
  );

  const joinSchema = {
    tags: ["rooms"],
    params: Params,
    response: { 200: Type.Object({ joined: Type.Boolean({ description: "false: a member already" }) }) },
  };
  app.post("/rooms/:id/join", { schema: joinSchema }, async (req) => {
    const p = me(req);
    const access = await visibleRoom(db, req.params.id, p.userId);
    if (!access) throw notFound("room_not_found", "no such room");
    if (access.lastReadSeq !== null) return { joined: false };
    // visibleRoom shows non-members public channels only, so this is a channel.
    await db
      .transaction()
      .execute((trx) => addMembers(trx, access.room.id, [p.userId], services.clock.now()));
    await changed(services, access.room.id, [p.userId], "joined");
    return { joined: true };
  });

  const leaveSchema = {
    tags: ["rooms"],
    params: Params,
    response: { 200: Type.Object({ left: Type.Boolean() }) },
  };
  app.post("/rooms/:id/leave", { schema: leaveSchema }, async (req) => {
    const p = me(req);
    const room = await memberRoom(services, p, req.params.id);
    if (room.kind === "dm" || room.kind === "conversation")
      throw forbidden("not_allowed", "you cannot leave this room");
    await db.transaction().execute((trx) => removeMember(trx, room.id, p.userId));
    await changed(services, room.id, [p.userId], "left");
    return { left: true };
  });

  app.get(
    "/rooms/:id/members",
    {
      schema: {
        tags: ["rooms"],
        params: Params,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            after: Type.Optional(Type.String({ maxLength: 64 })),
          },
          strict,
        ),
        response: { 200: Type.Object({ members: Type.Array(MemberSchema, { description: "by id" }) }) },
      },
    },
    async (req) => {
      const room = await memberRoom(services, me(req), req.params.id);
      let q = db
        .selectFrom("memberships")
        .innerJoin("users", "users.id", "memberships.user_id")
        .select(["users.id", "users.username", "users.display_name", "users.role"])
        .where("memberships.room_id", "=", room.id);
      if (req.query.after) q = q.where("users.id", ">", req.query.after);
      const rows = await q
        .orderBy("users.id")
        .limit(req.query.limit ?? 200)
        .execute();
      return {
        members: rows.map((r) => ({
          id: r.id,
          username: r.username,
          displayName: r.display_name,
          role: r.role,
        })),
      };
    },
  );

  app.post(
    "/rooms/:id/members",
    {
      schema: {
        tags: ["rooms"],
        params: Params,
        body: Type.Object({ userIds: UserIds }, strict),
        response: { 200: Type.Object({ memberCount: Type.Integer() }) },
      },
    },
    async (req) => {
      const room = await memberRoom(services, me(req), req.params.id);
      if (room.kind !== "channel" && room.kind !== "group")
        throw forbidden("not_allowed", "members of this room are fixed");
      await checkUsers(services, req.body.userIds);
      const count = await db
        .transaction()
        .execute((trx) => addMembers(trx, room.id, req.body.userIds, services.clock.now()));
      await changed(services, room.id, req.body.userIds, "joined");
      return { memberCount: count };
    },
  );

  app.delete(
    "/rooms/:id/members/:userId",
    {
      schema: {
        tags: ["rooms"],
        params: Type.Object({ id: Id, userId: Id }),
        response: { 200: Type.Object({ removed: Type.Boolean() }) },
      },
    },
    async (req) => {
      const p = me(req);
      const room = await memberRoom(services, p, req.params.id);
      if (room.kind !== "channel" && room.kind !== "group")
        throw forbidden("not_allowed", "members of this room are fixed");
      const self = req.params.userId === p.userId;
      if (!self && room.created_by !== p.userId && p.role !== "admin") {
        throw forbidden("not_room_owner", "only the room's creator or an admin may remove members");
      }
      const removed = await db.transaction().execute((trx) => removeMember(trx, room.id, req.params.userId));
      if (!removed) throw notFound("member_not_found", "not a member of this room");
      await changed(services, room.id, [req.params.userId], self ? "left" : "removed");
      return { removed: true };
    },
  );
}
