// Search: GET /search?q=…&kind=messages|people|channels, one page at a time (cursor). Messages only from rooms
// the caller is a member of, channels only public ones or private groups they are in (GEN-5, store/search.ts).
import { Type } from "typebox";
import type { Services } from "../../services.ts";
import {
  type MessageCursor,
  searchChannels,
  searchMessages,
  searchPeople,
  searchWords,
} from "../../store/search.ts";
import { badRequest } from "../errors.ts";
import { RestMessageSchema, restPage } from "../messages/view.ts";
import { RoomKindSchema } from "../rooms/schemas.ts";
import { ref } from "../schemas/ref.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";
import { UserSchema, userView } from "../users/view.ts";

const strict = { additionalProperties: false } as const;
const Kind = Type.Union([Type.Literal("messages"), Type.Literal("people"), Type.Literal("channels")]);

const MessageHitSchema = Type.Object({
  message: ref(RestMessageSchema),
  room: Type.Object({ id: Type.String(), kind: RoomKindSchema, name: Type.String() }),
  sender: Type.Union(
    [Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String() }), Type.Null()],
    { description: "who wrote it; null for a removed account or a system message" },
  ),
});
const ChannelSchema = Type.Object({
  id: Type.String(),
  kind: RoomKindSchema,
  name: Type.String(),
  topic: Type.String(),
  memberCount: Type.Integer(),
  member: Type.Boolean({ description: "whether the caller is a member (false: a public channel to join)" }),
});
const Answer = Type.Object({
  messages: Type.Optional(Type.Array(MessageHitSchema, { description: "kind=messages: newest first" })),
  people: Type.Optional(Type.Array(ref(UserSchema), { description: "kind=people: by username" })),
  channels: Type.Optional(Type.Array(ChannelSchema, { description: "kind=channels: by name" })),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: "pass as `cursor` for the next page; null on the last page",
  }),
});

/** Cursors are opaque to clients: a JSON value in base64url, checked on the way back in. */
const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
function decode<T>(cursor: string | undefined, valid: (v: unknown) => v is T): T | undefined {
  if (cursor === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    v = undefined;
  }
  if (!valid(v)) throw badRequest("bad_cursor", "cursor is not one this search gave", "cursor");
  return v;
}
const isString = (v: unknown): v is string => typeof v === "string";
const isMessageCursor = (v: unknown): v is MessageCursor =>
  typeof v === "object" &&
  v !== null &&
  Number.isSafeInteger((v as MessageCursor).key) &&
  typeof (v as MessageCursor).id === "string";
const isChannelCursor = (v: unknown): v is { name: string; id: string } =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as { name: unknown }).name === "string" &&
  typeof (v as { id: unknown }).id === "string";

export function searchRoutes(app: App, services: Services): void {
  const { store } = services;
  app.get(
    "/search",
    {
      schema: {
        tags: ["search"],
        description:
          "Messages holding every word of `q` (each word also matches longer words it starts), newest first, " +
          "from rooms I am a member of; people by username or display name; channels by name (public ones " +
          "and private groups I am in). One page per call, `nextCursor` for the next.",
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: 200 }),
            kind: Type.Optional(Kind),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 400 })),
            roomId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          },
          strict,
        ),
        response: { 200: Answer },
      },
    },
    async (req) => {
      const p = me(req);
      const { kind = "messages", limit = 20, cursor, roomId } = req.query;
      const q = req.query.q.trim();
      if (!q) throw badRequest("blank_query", "type something to search for", "q");
      if (kind === "people") {
        const found = await searchPeople(store.db, q, limit, decode(cursor, isString));
        return {
          people: found.users.map((u) => userView(u, false)),
          nextCursor: found.next === null ? null : encode(found.next),
        };
      }
      if (kind === "channels") {
        const found = await searchChannels(store.db, p.userId, q, limit, decode(cursor, isChannelCursor));
        return {
          channels: found.channels.map(({ room, member }) => ({
            id: room.id,
            kind: room.kind,
            name: room.name,
            topic: room.topic,
            memberCount: room.member_count,
            member,
          })),
          nextCursor: found.next === null ? null : encode(found.next),
        };
      }
      const words = searchWords(q);
      if (words.length === 0) throw badRequest("no_words", "search for at least one word", "q");
      const after = decode(cursor, isMessageCursor);
      const found = await searchMessages(store, { userId: p.userId, words, limit, after, roomId });
      const views = await restPage(
        store.db,
        found.hits.map((h) => h.message),
      );
      return {
        messages: found.hits.map((h, i) => ({
          message: views[i],
          room: h.room,
          sender: h.sender && {
            id: h.sender.id,
            username: h.sender.username,
            displayName: h.sender.display_name,
          },
        })),
        nextCursor: found.next === null ? null : encode(found.next),
      };
    },
  );
}
