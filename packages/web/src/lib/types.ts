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
  lastMessage?: string | null;
  unread?: number;
}
