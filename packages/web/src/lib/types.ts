// Shapes of the API payloads the app reads (docs/ARCHITECTURE.md "HTTP API"); fields the server may omit are optional.
export type Role = "admin" | "agent" | "member";
export type RoomKind = "channel" | "group" | "dm" | "gdm" | "conversation";
export type Level = "all" | "mentions" | "nothing";
export type PresenceStatus = "online" | "away" | "offline" | "busy";

export interface User {
  id: string;
  username: string;
  displayName: string;
  email?: string | null;
  emailVerified?: boolean;
  role: Role;
  timezone?: string;
  /** The time zone follows the browser (my own account only). */
  timezoneAuto?: boolean;
  active?: boolean;
  deactivated?: boolean;
}

export interface RoomCounts {
  unread: number;
  mentions: number;
  threads?: number;
}

export interface Room {
  id: string;
  kind: RoomKind;
  name: string | null;
  topic?: string | null;
  memberCount?: number;
  members?: User[];
  memberIds?: string[];
  unread?: number;
  mentions?: number;
  silenced?: boolean;
  preferences?: RoomPreferences;
  lastSeq?: number;
}

/** Who a message notified by name or as a group, resolved once at post time (MEN-1, MEN-2). */
export interface MessageMentions {
  users: { id: string; username: string }[];
  all: boolean;
  here: boolean;
}

/** A file sent with a message; its bytes are at /api/v1/files/{id} for the room's members. */
export interface FileInfo {
  id: string;
  name: string;
  /** Media type the server read from the content. */
  type: string;
  size: number;
}

export interface Message {
  id: string;
  roomId: string;
  seq: number;
  senderId: string | null;
  sender?: Pick<User, "id" | "username" | "displayName"> | null;
  text: string;
  threadRootId?: string | null;
  threadSeq?: number | null;
  replyCount?: number;
  lastReplyAt?: number | null;
  kind?: "user" | "system";
  /** A thread reply also posted to the room (realtime frames and REST); `inRoom` is the older REST name. */
  alsoInRoom?: boolean;
  inRoom?: boolean;
  createdAt: number;
  editedAt?: number | null;
  deletedAt?: number | null;
  deleted?: boolean;
  following?: boolean;
  private?: boolean;
  /** support messages: who wrote it */
  author?: "contact" | "agent" | "system";
  senderName?: string | null;
  /** What notified (absent on messages from before mentions were carried): only these are highlighted. */
  mentions?: MessageMentions | null;
  files?: FileInfo[];
}

export interface Badge {
  total: number;
  dot: boolean;
  rooms: Record<string, RoomCounts>;
}

export interface RoomPreferences {
  alerts?: boolean;
  muteGroupMentions?: boolean;
  markUnread?: boolean;
  desktop?: Level | "default";
  push?: Level | "default";
  email?: Level | "default";
  sound?: string;
  snooze?: { until: number | null } | null;
}

export interface NotificationItem {
  id: string;
  type: string;
  trigger?: string;
  roomId?: string | null;
  messageId?: string | null;
  conversationId?: string | null;
  /** Support items: the contact of the conversation. */
  contactName?: string | null;
  actor?: Pick<User, "id" | "username" | "displayName"> | null;
  actorId?: string | null;
  text?: string | null;
  preview?: string | null;
  event?: string | null;
  threadId?: string | null;
  title?: string | null;
  createdAt: number;
  read?: boolean;
  readAt?: number | null;
  snoozedUntil?: number | null;
}

export interface Inbox {
  id: string;
  name: string;
  apiKey?: string;
  key?: string;
  keyPrefix?: string;
  agentIds?: string[];
}

export interface Conversation {
  id: string;
  inboxId: string;
  roomId?: string;
  status: "pending" | "open" | "resolved";
  assigneeId?: string | null;
  contact?: { id: string; name?: string | null; email?: string | null } | null;
  contactName?: string | null;
  createdAt?: number;
  /** Pending only: since when the contact waits. */
  waitingSince?: number;
  /** The last message's plain first line, who wrote it and when (the console list's preview). */
  lastMessage?: {
    text: string;
    author: "contact" | "agent";
    senderName: string | null;
    private: boolean;
    createdAt: number;
  } | null;
  /** Messages this agent has not read (BDG-1). */
  unread?: number;
}
