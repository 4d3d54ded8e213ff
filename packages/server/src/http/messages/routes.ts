// Messages: list, post (the message path), get, edit, delete, threads, follow, read positions.
import { Type } from "typebox";
import type { DomainEvent } from "../../events.ts";
import type { Services } from "../../services.ts";
import { markRoomRead, markThreadRead } from "../../store/reads.ts";
import { visibleRoom } from "../../store/rooms.ts";
import { notFound } from "../errors.ts";
import { OkAnswer, ref } from "../schemas/ref.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";
import { deleteMessage, editMessage, memberMessage } from "./edit.ts";
import { installKeywordCache } from "./keyword-cache.ts";
import { postMessage } from "./post.ts";
import { RestMessageSchema, restPage, WrittenAnswer } from "./view.ts";

const Id = Type.String({ minLength: 1, maxLength: 64 });
const RoomParams = Type.Object({ id: Id });
const Seq = Type.Integer({ minimum: 0, maximum: 2_000_000_000 });
const strict = { additionalProperties: false } as const;
const Message = ref(RestMessageSchema);
const MessageAnswer = Type.Object({ message: Message });
const FollowAnswer = Type.Object({ following: Type.Boolean() });
const RoomRead = Type.Object({
  roomId: Type.String(),
  seq: Type.Integer({ description: "my read position" }),
});
const ThreadRead = Type.Object({
  rootId: Type.String(),
  seq: Type.Integer({ description: "my read position" }),
});

export function messageRoutes(app: App, services: Services): void {
  const { db } = services.store;
  installKeywordCache(services);

  app.get(
    "/rooms/:id/messages",
    {
      schema: {
        tags: ["messages"],
        params: RoomParams,
        querystring: Type.Object(
          {
            before: Type.Optional(Seq),
            after: Type.Optional(Seq),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          strict,
        ),
        response: { 200: Type.Object({ messages: Type.Array(Message, { description: "oldest first" }) }) },
      },
    },
    async (req) => {
      const access = await visibleRoom(db, req.params.id, me(req).userId);
      if (!access || access.lastReadSeq === null) throw notFound("room_not_found", "no such room");
      const { before, after, limit = 50 } = req.query;
      let q = db
        .selectFrom("messages")
        .selectAll()
        .where("room_id", "=", req.params.id)
        .where("in_room", "=", 1);
      if (before !== undefined) q = q.where("seq", "<", before);
      if (after !== undefined) q = q.where("seq", ">", after);
      // Newest page by default; "after" pages forward from a cursor.
      const rows = await q
        .orderBy("seq", after !== undefined ? "asc" : "desc")
        .limit(limit)
        .execute();
      if (after === undefined) rows.reverse();
      return { messages: await restPage(db, rows) };
    },
  );

  app.post(
    "/rooms/:id/messages",
    {
      schema: {
        tags: ["messages"],
        params: RoomParams,
        body: Type.Object(
          { text: Type.String(), threadRootId: Type.Optional(Id), alsoInRoom: Type.Optional(Type.Boolean()) },
          strict,
        ),
        response: { 201: WrittenAnswer },
      },
      config: { rate: "post" },
    },
    async (req, reply) => {
      const result = await postMessage(services, me(req), req.params.id, req.body);
      return reply.status(201).send(result);
    },
  );

  app.get(
    "/messages/:id",
    { schema: { tags: ["messages"], params: RoomParams, response: { 200: MessageAnswer } } },
    async (req) => {
      const { message } = await memberMessage(services, me(req), req.params.id);
      const [view] = await restPage(db, [message]);
      return { message: view };
    },
  );

  app.patch(
    "/messages/:id",
    {
      schema: {
        tags: ["messages"],
        params: RoomParams,
        body: Type.Object({ text: Type.String() }, strict),
        response: { 200: WrittenAnswer },
      },
    },
    async (req) => editMessage(services, me(req), req.params.id, req.body.text),
  );

  app.delete(
    "/messages/:id",
    { schema: { tags: ["messages"], params: RoomParams, response: { 200: OkAnswer } } },
    async (req) => deleteMessage(services, me(req), req.params.id),
  );

  const ThreadAnswer = Type.Object({
    root: Message,
    replies: Type.Array(Message, { description: "oldest first" }),
    following: Type.Boolean(),
    lastReadSeq: Type.Integer(),
  });
  const threadSchema = { tags: ["messages"], params: RoomParams, response: { 200: ThreadAnswer } };
  app.get("/messages/:id/thread", { schema: threadSchema }, async (req) => {
    const p = me(req);
    const { message } = await memberMessage(services, p, req.params.id);
    const replies = await db
      .selectFrom("messages")
      .selectAll()
      .where("thread_root_id", "=", message.id)
      .orderBy("thread_seq")
      .limit(1000)
      .execute();
    const follow = await db
      .selectFrom("thread_follows")
      .select(["following", "last_read_seq"])
      .where("root_id", "=", message.id)
      .where("user_id", "=", p.userId)
      .executeTakeFirst();
    const [root, ...views] = await restPage(db, [message, ...replies]);
    return {
      root,
      replies: views,
      following: follow?.following === 1,
      lastReadSeq: follow?.last_read_seq ?? 0,
    };
  });

  for (const method of ["post", "delete"] as const) {
    app[method](
      "/messages/:id/follow",
      { schema: { tags: ["messages"], params: RoomParams, response: { 200: FollowAnswer } } },
      async (req) => {
        const p = me(req);
        const { message } = await memberMessage(services, p, req.params.id);
        if (message.thread_root_id)
          throw notFound("message_not_found", "follow the thread root, not a reply");
        const following = method === "post" ? 1 : 0;
        const thread = await db
          .selectFrom("threads")
          .select("last_seq")
          .where("root_id", "=", message.id)
          .executeTakeFirst();
        if (!thread) {
          // Following a message with no replies yet: make the thread row so the follow has somewhere to live.
          await db
            .insertInto("threads")
            .values({
              root_id: message.id,
              room_id: message.room_id,
              last_seq: 0,
              reply_count: 0,
              last_reply_at: message.created_at,
            })
            .onConflict((oc) => oc.column("root_id").doNothing())
            .execute();
        }
        await db
          .insertInto("thread_follows")
          .values({ root_id: message.id, user_id: p.userId, following, last_read_seq: thread?.last_seq ?? 0 })
          .onConflict((oc) => oc.columns(["root_id", "user_id"]).doUpdateSet({ following }))
          .execute();
        return { following: following === 1 };
      },
    );
  }

  const ReadBody = Type.Object({ seq: Type.Optional(Seq) }, strict);

  app.post(
    "/rooms/:id/read",
    {
      schema: {
        tags: ["read"],
        params: RoomParams,
        body: Type.Optional(ReadBody),
        response: { 200: RoomRead },
      },
    },
    async (req) => {
      const p = me(req);
      const access = await visibleRoom(db, req.params.id, p.userId);
      if (!access || access.lastReadSeq === null) throw notFound("room_not_found", "no such room");
      const seq = (await markRoomRead(db, req.params.id, p.userId, req.body?.seq ?? null)) as number;
      const ev: DomainEvent = {
        type: "room.read",
        at: services.clock.now(),
        userId: p.userId,
        roomId: req.params.id,
        seq,
      };
      await services.hooks.afterCommit([ev]);
      return { roomId: req.params.id, seq };
    },
  );

  app.post(
    "/threads/:rootId/read",
    {
      schema: {
        tags: ["read"],
        params: Type.Object({ rootId: Id }),
        body: Type.Optional(ReadBody),
        response: { 200: ThreadRead },
      },
    },
    async (req) => {
      const p = me(req);
      const { message } = await memberMessage(services, p, req.params.rootId);
      const seq = await markThreadRead(db, message.id, p.userId, req.body?.seq ?? null);
      const ev: DomainEvent = {
        type: "thread.read",
        at: services.clock.now(),
        userId: p.userId,
        roomId: message.room_id,
        rootId: message.id,
        seq,
      };
      await services.hooks.afterCommit([ev]);
      return { rootId: message.id, seq };
    },
  );
}
