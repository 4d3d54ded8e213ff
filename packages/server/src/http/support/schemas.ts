// What the support console routes answer: inboxes, conversations and their messages, the contact panel and
// canned replies. Derived from support/*.ts (conversationView and friends): the serializer drops any property
// not listed here.
import { Type } from "typebox";
import { Nullable, Time } from "../named-schemas.ts";

const ConversationStatus = Type.Union([
  Type.Literal("pending"),
  Type.Literal("open"),
  Type.Literal("resolved"),
]);
const Author = Type.Union([Type.Literal("agent"), Type.Literal("contact")]);

export const InboxSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    keyPrefix: Type.String({ description: "the first characters of the widget key" }),
    key: Type.Optional(Nullable(Type.String({ description: "the widget key; admins only" }))),
    agentIds: Type.Array(Type.String()),
  },
  { $id: "SupportInbox" },
);

export const InboxAgentsSchema = Type.Object(
  {
    inboxId: Type.String(),
    agentIds: Type.Array(Type.String(), { description: "every agent of the inbox now" }),
  },
  { $id: "SupportInboxAgents" },
);

export const ConversationSchema = Type.Object(
  {
    id: Type.String(),
    inboxId: Type.String(),
    roomId: Type.String(),
    contactId: Type.String(),
    status: ConversationStatus,
    assigneeId: Nullable(Type.String()),
    contactLeft: Type.Boolean(),
    createdAt: Time,
    updatedAt: Time,
    waitingSince: Type.Optional({ ...Time, description: "pending only: when the contact started waiting" }),
    contact: Type.Optional(Type.Object({ name: Type.String(), email: Nullable(Type.String()) })),
  },
  { $id: "SupportConversation" },
);

export const LastMessageSchema = Type.Object(
  {
    text: Type.String(),
    author: Author,
    senderName: Nullable(Type.String()),
    private: Type.Boolean(),
    createdAt: Time,
  },
  { $id: "SupportLastMessage" },
);

/** A row of the conversation list: the conversation, its last message and the caller's unread count. */
export const ConversationSummarySchema = Type.Object(
  {
    ...ConversationSchema.properties,
    lastMessage: Nullable(LastMessageSchema),
    unread: Type.Integer({ description: "messages the caller has not read" }),
  },
  { $id: "SupportConversationSummary" },
);

/** One conversation opened in the console: with everyone who took part. */
export const ConversationDetailSchema = Type.Object(
  { ...ConversationSchema.properties, participantIds: Type.Array(Type.String()) },
  { $id: "SupportConversationDetail" },
);

export const ConversationMessageSchema = Type.Object(
  {
    id: Type.String(),
    seq: Type.Integer(),
    author: Author,
    senderId: Nullable(Type.String()),
    senderName: Nullable(Type.String()),
    text: Type.String(),
    private: Type.Boolean(),
    createdAt: Time,
  },
  { $id: "SupportMessage" },
);

export const CannedReplySchema = Type.Object(
  { id: Type.String(), shortcut: Type.String(), text: Type.String(), createdAt: Time, updatedAt: Time },
  { $id: "CannedReply" },
);

export const ContactDetailsSchema = Type.Object(
  {
    contact: Type.Object({ name: Type.String(), email: Nullable(Type.String()), firstSeen: Time }),
    pages: Type.Array(
      Type.Object({
        url: Type.String(),
        referrer: Nullable(Type.String()),
        at: Time,
        thisConversation: Type.Boolean(),
      }),
    ),
    conversations: Type.Array(
      Type.Object({
        id: Type.String(),
        status: ConversationStatus,
        createdAt: Time,
        updatedAt: Time,
        lastMessage: Nullable(LastMessageSchema),
      }),
    ),
  },
  { $id: "SupportContactDetails" },
);

export const WidgetSettingsSchema = Type.Object(
  {
    inboxId: Type.String(),
    origins: Type.Array(Type.String()),
    offlineEmailMinutes: Nullable(Type.Integer()),
    defaultOfflineEmailMinutes: Type.Integer(),
    siteOrigins: Type.Array(Type.String()),
  },
  { $id: "WidgetSettings" },
);
