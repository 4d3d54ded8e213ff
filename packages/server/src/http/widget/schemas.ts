// What the website widget routes answer to a contact. Derived from support/widget.ts: the serializer drops any
// property not listed here.
import { Type } from "typebox";
import { Nullable, Time } from "../named-schemas.ts";
import { ConversationSchema } from "../support/schemas.ts";

export const WidgetMessageSchema = Type.Object(
  {
    id: Type.String(),
    seq: Type.Integer(),
    author: Type.Union([Type.Literal("contact"), Type.Literal("agent")]),
    senderName: Nullable(Type.String({ description: "the agent's name; null for the contact's own" })),
    text: Type.String(),
    createdAt: Time,
  },
  { $id: "WidgetMessage" },
);

export const StartedSchema = Type.Object({
  conversation: ConversationSchema,
  contactToken: Type.String({ description: "the contact's credential: send it as x-contact-token" }),
  message: Type.Object({ id: Type.String() }),
});

export const ContactMessageSchema = Type.Object({
  message: Type.Object({ id: Type.String(), createdAt: Time }),
  conversation: ConversationSchema,
});

export const WidgetThreadSchema = Type.Object({
  messages: Type.Array(WidgetMessageSchema),
  conversation: Type.Object({
    id: Type.String(),
    status: Type.Union([Type.Literal("pending"), Type.Literal("open"), Type.Literal("resolved")]),
    seenSeq: Type.Integer({ description: "the last message the contact has seen" }),
    emailReplies: Type.Boolean({ description: "agents' replies go to the contact's address while away" }),
  }),
  agentTyping: Nullable(Type.String({ description: "the name of the agent typing now" })),
});
