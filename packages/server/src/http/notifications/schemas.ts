// OpenAPI shapes of the inbox answers (GEN-1): service.ts itemView and the action answers.
import { Type } from "typebox";
import { Nullable, ref, Time } from "../schemas/ref.ts";

const Id = Nullable(Type.String());

export const NotificationItemSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.Enum(["dm", "mention", "keyword", "thread", "group", "support", "call"], {
      description: "what put it in the inbox: a group item is an @all or @here",
    }),
    event: Nullable(Type.String({ description: "a support event type or missed_call; null for messages" })),
    roomId: Id,
    messageId: Id,
    threadId: Nullable(Type.String({ description: "the thread's root message" })),
    conversationId: Id,
    contactName: Type.Optional(Nullable(Type.String({ description: "support items only" }))),
    callId: Id,
    actorId: Nullable(Type.String({ description: "who caused it (sender, caller, contact)" })),
    createdAt: Time,
    read: Type.Boolean(),
    snoozedUntil: Nullable(Time),
    preview: Nullable(Type.String({ description: "the message's first line, plain text" })),
  },
  { $id: "NotificationItem", description: "an inbox item" },
);

export const InboxPage = Type.Object({
  items: Type.Array(ref(NotificationItemSchema), { description: "newest first" }),
  nextCursor: Nullable(Type.String({ description: "pass as `cursor` for the next page; null on the last" })),
});

export const UnreadAnswer = Type.Object({ unread: Type.Integer() });
export const ReadAnswer = Type.Object({
  id: Type.String(),
  read: Type.Boolean({ description: "always true" }),
});
export const SnoozeAnswer = Type.Object({ id: Type.String(), snoozedUntil: Time });
