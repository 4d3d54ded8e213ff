// Domain events the gateway consumes from the bus (published after commit by the server's post hooks),
// and the ones it publishes. Topic = the `type` field.
import type { MemberPrefs, MessageView, UserSnapshot } from "./ports.ts";

export interface MessageCreated {
  type: "message.created";
  message: MessageView;
  /** Personally mentioned / keyword-matched members (MEN-1, MEN-4), as written by the post transaction. */
  mentions: { userId: string; kind: "mention" | "keyword" }[];
  /** `@all` / `@channel` / `@here` in the message (MEN-2). */
  group: "all" | "here" | null;
  /** For `@here`: members online at send time. */
  hereUserIds?: string[];
  /** Followers of the thread, for replies (TRG-1 `thread`). */
  threadFollowerIds?: string[];
}

export interface MessageChanged {
  type: "message.updated" | "message.deleted";
  message: MessageView;
  /** Edits (TRG-3): members newly mentioned (personally or by keyword) by the edit; only they are notified. */
  newMentions?: { userId: string; kind: "mention" | "keyword" }[];
  /** Edits: `@all` / `@here` the edit newly added (its group-mention row is new): badges move (BDG-1). */
  newGroup?: "all" | "here" | null;
  /** Edits: online members a newly added `@here` reached (their `here` mention rows are new). */
  hereUserIds?: string[];
}

/** A support conversation's assignee or status changed (SUP-4, SUP-5): badges (BDG-2) and PRF-50 follow. */
export interface ConversationChanged {
  type: "conversation.changed";
  roomId: string;
  conversationId: string;
  assigneeId: string | null;
  status: "pending" | "open" | "resolved";
}

/** Published by auth after commit: the user was deactivated or signed out everywhere (neither id: every
 *  connection of the user), or one session was signed out / one access token deleted or regenerated (TOK-1).
 *  Every node closes the matching sockets at once with 4401 (PRM-4). */
export interface SessionsRevoked {
  type: "user.sessions_revoked";
  userId: string;
  sessionId?: string;
  tokenId?: string;
}

/** An admin changed the workspace defaults (PRV-7 / PRF-21): every connected user's effective prefs move. */
export interface WorkspaceChanged {
  type: "workspace.changed";
}

export interface MembershipChanged {
  type: "membership.changed";
  roomId: string;
  userId: string;
  joined: boolean;
  prefs?: MemberPrefs;
}

export interface RoomPrefsChanged {
  type: "room.preferences.changed";
  roomId: string;
  userId: string;
  prefs: MemberPrefs;
}

export interface UserChanged {
  type: "user.changed";
  userId: string;
  /** The new snapshot, or absent to make the gateway reload it. */
  snapshot?: UserSnapshot;
}

export interface RoomRead {
  type: "room.read";
  userId: string;
  roomId: string;
  seq: number;
  threadRootId?: string | null;
}

/** Per-user realtime events from other engineers' code (calls CAL-1/2, support SUP-3). */
export interface UserEvent {
  type: "user.event";
  userId: string;
  event: UserFrame;
}

/** Ring (CAL-1/2) and pending-contact (SUP-3) alerts. */
export type AlertFrame =
  | {
      t: "ring.start" | "ring.stop";
      callId: string;
      roomId: string;
      from: string;
      sound?: { name: string; loop: boolean };
      reason?: string;
    }
  | { t: "pending.start" | "pending.stop"; conversationId: string; inboxId: string; contactName?: string };

/** A support event or missed-call notify from src/support (SUP-5 … SUP-8): banner and sound per PRF-51, with
 *  the PRF-44 … PRF-48 options; the gateway puts them on one tab per device and applies the focus rule. */
export interface SupportNotifyFrame {
  t: "notify";
  notificationId: string;
  roomId: string | null;
  messageId: string | null;
  conversationId?: string;
  callId?: string;
  trigger: string;
  event: string;
  banner?: Record<string, unknown>;
  sound?: Record<string, unknown>;
  /** PRF-44: shown even while the console has focus (never for the conversation in view). */
  alsoWhenFocused?: boolean;
}

/** SUP-4 / SUP-5: a conversation's status or assignee changed (support/conversations.ts), for agents' lists. */
export interface ConversationUpdatedFrame {
  t: "conversation.updated";
  conversationId: string;
  inboxId: string;
  status: "pending" | "open" | "resolved";
  assigneeId: string | null;
}

export type UserFrame = AlertFrame | SupportNotifyFrame | ConversationUpdatedFrame;

export type GatewayEvent =
  | MessageCreated
  | MessageChanged
  | MembershipChanged
  | RoomPrefsChanged
  | UserChanged
  | RoomRead
  | UserEvent
  | ConversationChanged
  | WorkspaceChanged
  | SessionsRevoked;

export const GATEWAY_TOPICS: readonly GatewayEvent["type"][] = [
  "message.created",
  "message.updated",
  "message.deleted",
  "membership.changed",
  "room.preferences.changed",
  "user.changed",
  "room.read",
  "user.event",
  "conversation.changed",
  "workspace.changed",
  "user.sessions_revoked",
];
