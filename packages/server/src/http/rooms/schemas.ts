// OpenAPI shapes of rooms as the room routes answer them (store/rooms.ts roomView, plus read state or
// membership), and of the badge (BDG-2, BDG-3).
import { Type } from "typebox";
import { RoomPreferencesAnswer } from "../preferences/schemas.ts";
import { Nullable, ref, Time } from "../schemas/ref.ts";

export const RoomKindSchema = Type.Union(
  [
    Type.Literal("channel"),
    Type.Literal("group"),
    Type.Literal("dm"),
    Type.Literal("gdm"),
    Type.Literal("conversation"),
  ],
  { description: "channel (public), group (private), dm, gdm (group DM) or conversation (support)" },
);

const roomProps = {
  id: Type.String(),
  kind: RoomKindSchema,
  name: Type.String({ description: "for a dm or gdm, its members' usernames" }),
  topic: Type.String(),
  lastSeq: Type.Integer({ description: "the room sequence of its newest message" }),
  memberCount: Type.Integer(),
  createdBy: Nullable(Type.String()),
  createdAt: Time,
};

export const RoomSchema = Type.Object(roomProps, { $id: "Room", description: "a room" });

const Counts = {
  unread: Type.Optional(Type.Integer({ description: "unread messages" })),
  mentions: Type.Optional(Type.Integer({ description: "unread messages that mention me" })),
  threads: Type.Optional(Type.Integer({ description: "unread replies in threads I follow" })),
};

export const MyRoomSchema = Type.Object(
  {
    ...roomProps,
    lastReadSeq: Type.Integer({ description: "my read position in the room sequence" }),
    ...Counts,
    preferences: Type.Object(RoomPreferencesAnswer.properties, {
      description: "my settings for the room, as GET /rooms/{id}/preferences answers them",
    }),
  },
  { $id: "MyRoom", description: "a room I am a member of, with my unread state and settings" },
);

export const PublicRoomSchema = Type.Object(
  { ...roomProps, member: Type.Boolean({ description: "whether I am a member" }) },
  { $id: "PublicRoom", description: "a public channel in the Browse channels list" },
);

export const BadgeSchema = Type.Object(
  {
    total: Type.Integer({ description: "the numbered badge (BDG-2)" }),
    dot: Type.Boolean({ description: "the dot badge (BDG-3)" }),
    rooms: Type.Record(
      Type.String(),
      Type.Object({ unread: Type.Integer(), mentions: Type.Integer(), threads: Type.Integer() }),
      { description: "per room id" },
    ),
  },
  { $id: "Badge", description: "the unread badge and each room's counts" },
);

export const RoomAnswer = Type.Object({ room: ref(RoomSchema) });
