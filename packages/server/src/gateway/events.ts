// Domain events the gateway consumes from the bus (published after commit by the server's post hooks),
// and the ones it publishes. Topic = the `type` field.
import type { ResolvedMentions } from "@herald/core";
import type {
  CallUpdatedFrame,
  ConversationTypingFrame,
  ConversationUpdatedFrame,
  NotifyFrame,
  PendingFrame,
  RingFrame,
} from "@herald/core/realtime";
import type { MessageView, UserSnapshot } from "./ports.ts";

export interface MessageCreated {
  type: "message.created";
  message: MessageView;
  /** The text's mentions, resolved once at post time (MEN-1 … MEN-4): the gateway never parses the text. Its
   *  users and keyword matches are the message's mention rows. */
  resolved: ResolvedMentions;
  /** `@here`: the members online at send time (MEN-2), as the post path read them (their `here` rows). */
  hereOnline: string[];
  /** Followers of the thread, for replies (TRG-1 `thread`). */
  threadFollowerIds?: string[];
}

export interface MessageChanged {
  type: "message.updated" | "message.deleted";
  message: MessageView;
  /** Edits: the new text's mentions and the earlier text's — core notifies by comparing them (TRG-3). */
  resolved?: ResolvedMentions;
  previousResolved?: ResolvedMentions;
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
}

/** A member's room preferences changed: the gateway reloads their facts for core's snapshot. */
export interface RoomPrefsChanged {
  type: "room.preferences.changed";
  roomId: string;
  userId: string;
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
export type AlertFrame = RingFrame | PendingFrame;

/** A support event or missed-call notify from src/support (SUP-5 … SUP-8): banner and sound per PRF-51, with
 *  the PRF-44 … PRF-48 options; the gateway puts them on one tab per device and applies the focus rule. */
export type SupportNotifyFrame = NotifyFrame & {
  notificationId: string;
  roomId: string | null;
  messageId: string | null;
  trigger: "support" | "call";
  event: string;
};

export type { ConversationTypingFrame, ConversationUpdatedFrame };

/** Per-user frames other parts hand to the gateway (calls, support): logged and delivered to that user's devices. */
export type UserFrame =
  | AlertFrame
  | SupportNotifyFrame
  | ConversationUpdatedFrame
  | ConversationTypingFrame
  | CallUpdatedFrame;

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
