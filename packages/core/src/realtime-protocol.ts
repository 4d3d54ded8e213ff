// The realtime wire protocol (docs/ARCHITECTURE.md "Realtime protocol"): every frame a client sends and every
// frame the gateway sends, declared once. The server validates client frames against these shapes and builds its
// frames from them; the SDK reads them. Imported as `@herald/core/realtime` (types only: no code reaches a bundle),
// a subpath of its own because its names (Presence, Trigger) are wire names, wider than core's rule types.

export type DeviceKind = "desktop" | "mobile" | "web";
/** Browser notification permission as reported to the server (PRM-3). */
export type NotificationPermissionState = "default" | "granted" | "denied" | "unsupported";
/** Why a notify was sent: core's triggers, plus "support" and "call" for support and call events. */
export type Trigger = "dm" | "mention" | "keyword" | "thread" | "group" | "all" | (string & {});
export type RoomKind = "channel" | "group" | "dm" | "gdm" | "conversation";
export type Presence = "online" | "away" | "offline" | "busy";
/** PRF-14 / PRF-47: seconds (5, 10, 20, 30), or "until_closed" (same values as core's BANNER_SECONDS). */
export type BannerStay = number | "until_closed";

/** What one tab shows (PRS-5): a room, and a thread in it. */
export interface View {
  roomId?: string;
  threadId?: string;
}

export interface RoomBadge {
  unread: number;
  mentions: number;
  threads: number;
}

export interface BadgeState {
  total: number;
  dot: boolean;
  rooms?: Record<string, RoomBadge>;
}

/** GEN-7: where a reconnecting client left off. */
export interface ResumeCursors {
  /** The last message seq the client has, per room. */
  rooms: Record<string, number>;
  /** The last per-user event cursor the client has (`ready.userCursor`, then each frame's `cursor`); null: none yet. */
  userCursor: number | null;
  /** The server log `userCursor` belongs to (from `ready.log`): another node's log never reads it as its own. */
  log?: string;
}

// ---- client → server

export interface HelloFrame {
  t: "hello";
  deviceId: string;
  deviceKind: DeviceKind;
  permission: NotificationPermissionState;
  focused: boolean;
  visible: boolean;
  view: View;
  resume?: ResumeCursors;
}
export interface StateFrame {
  t: "state";
  focused?: boolean;
  visible?: boolean;
  view?: View;
  permission?: NotificationPermissionState;
  /** PRS-3: the screen is locked / the system reports the user idle. */
  locked?: boolean;
  idle?: boolean;
}
export type ClientFrame =
  | HelloFrame
  | StateFrame
  | { t: "activity" }
  | { t: "presence.subscribe"; userIds: string[] }
  | { t: "ping" };

// ---- server → client

/** Frames that belong to the per-user event log carry its cursor; those sent again on resume say `replay`. */
interface Logged {
  cursor?: number;
  replay?: boolean;
}

/** What a message notified by name and group, as clients show it (MEN-1, MEN-2): the members it mentioned by
 *  name, `@all`/`@channel`, `@here`. Never keyword matches: they are other users' private settings. */
export interface MessageMentions {
  users: { id: string; username: string }[];
  all: boolean;
  here: boolean;
}

/** A file sent with a message; its bytes are at GET /files/{id} for the room's members. */
export interface MessageFile {
  id: string;
  name: string;
  /** Media type read from the content. */
  type: string;
  size: number;
}

/** A message as the gateway sends it. */
export interface MessageBody {
  id: string;
  roomId: string;
  seq: number;
  senderId: string;
  senderName: string;
  /** For MEN-7 (PRV-9 restricts group mentions to admins). */
  senderRole?: "admin" | "agent" | "member";
  text: string;
  threadRootId?: string | null;
  /** A reply's place in its thread (the thread's read position counts it, BDG-1). */
  threadSeq?: number | null;
  alsoInRoom?: boolean;
  kind: "user" | "system";
  createdAt: number;
  /** What the text notified by name and group: clients highlight exactly this. */
  mentions?: MessageMentions;
  /** Files sent with the message; their names are the banner's line when it has no words. */
  files?: MessageFile[];
}

/** Banner content of a `notify` frame. Any field may be missing; the SDK fills what it can (DSK-4). */
export interface NotifyBanner {
  title?: string;
  /** Message banners: who sent it (the app shows their avatar). */
  senderId?: string;
  body?: string;
  senderName?: string;
  senderAvatarUrl?: string;
  roomName?: string;
  roomKind?: RoomKind;
  text?: string;
  /** Seconds the banner stays (PRF-14/PRF-47), or "until_closed". */
  stay?: BannerStay;
  /** Support banners: what a click does (PRF-48). */
  click?: "open" | "pickup" | "focus";
}
export interface NotifySound {
  name: string;
  volume?: number;
  loop?: boolean;
}

export interface ReadyFrame {
  t: "ready";
  userId: string;
  userCursor: number;
  /** The log the user cursors of this socket belong to; sent back as `resume.log`. */
  log: string;
  badge: BadgeState;
  /** The user's own status. */
  presence: string;
  /** GEN-7: the node could not cover the resume cursor, so missed items were rebuilt from the store
   *  (replayed without banner or sound): the app should refetch its room lists and inbox. */
  rebuilt?: boolean;
  /** Even the rebuild is not everything: reload the inbox over HTTP. */
  gap: boolean;
}
export interface MessageFrame {
  t: "message" | "message.updated" | "message.deleted";
  roomId: string;
  seq: number;
  message: MessageBody;
  replay?: boolean;
}
export interface NotifyFrame extends Logged {
  t: "notify";
  /** Absent for support events without a message. */
  messageId?: string | null;
  notificationId?: string;
  conversationId?: string;
  /** Absent or null for support events without a room. */
  roomId?: string | null;
  threadId?: string;
  trigger: Trigger;
  banner?: NotifyBanner;
  sound?: NotifySound;
  /** TRG-3: the notify of an edit that newly mentions the user. */
  edited?: boolean;
  /** Support events (trigger "support"): the SUP event type. */
  event?: string;
  callId?: string;
  /** PRF-44: a support alert shown even while the console has focus (never for the conversation in view). */
  alsoWhenFocused?: boolean;
}
/** PRF-50: support conversations assigned to me that have unread messages (sent when the set changes). */
export interface AssignedUnreadFrame extends Logged {
  t: "assigned.unread";
  conversationIds: string[];
}
export interface BadgeFrame extends BadgeState {
  t: "badge";
  cursor: number;
}
export interface ReadFrame extends Logged {
  t: "read";
  roomId: string;
  seq: number;
  threadId?: string | null;
}
export interface MembershipFrame {
  t: "membership";
  roomId: string;
  joined: boolean;
}
export interface PresenceFrame {
  t: "presence";
  userId: string;
  status: Presence;
}
/** CAL-1 / CAL-2: an incoming call rings until answered, declined or ended. */
export interface RingFrame extends Logged {
  t: "ring.start" | "ring.stop";
  callId: string;
  roomId: string;
  /** The caller's user id. */
  from: string;
  sound?: { name: string; loop: boolean };
  reason?: string;
}
/** SUP-3: a contact waits in one of my inboxes (a looping alert until someone picks up). */
export interface PendingFrame extends Logged {
  t: "pending.start" | "pending.stop";
  conversationId: string;
  inboxId: string;
  contactName?: string;
  text?: string;
}
/** SUP-4 / SUP-5: a conversation of one of my inboxes was picked up, assigned or resolved (by anyone). */
export interface ConversationUpdatedFrame extends Logged {
  t: "conversation.updated";
  conversationId: string;
  inboxId: string;
  status: "pending" | "open" | "resolved";
  assigneeId: string | null;
}
/** Someone types in a conversation of my inboxes (an agent or the contact); lapses after a few seconds. */
export interface ConversationTypingFrame {
  t: "conversation.typing";
  conversationId: string;
  who: "agent" | "contact";
  name: string;
  typing: boolean;
}
/** CAL-2: a call's state after every change (answer, decline, hang-up, timeout), to all its members. */
export interface CallUpdatedFrame extends Logged {
  t: "call.updated";
  call: {
    id: string;
    roomId: string;
    callerId: string;
    state: string;
    members: { userId: string; state: string }[];
  };
}
export interface ErrorFrame {
  t: "error";
  code: string;
  message: string;
}

export type ServerEvent =
  | ReadyFrame
  | MessageFrame
  | NotifyFrame
  | BadgeFrame
  | ReadFrame
  | MembershipFrame
  | PresenceFrame
  | RingFrame
  | PendingFrame
  | AssignedUnreadFrame
  | ConversationUpdatedFrame
  | ConversationTypingFrame
  | CallUpdatedFrame
  | ErrorFrame
  | { t: "pong" };
/** Several events of one moment in one WebSocket message (a message, its notify and the new badge). */
export interface MultiFrame {
  t: "multi";
  events: ServerEvent[];
}
export type ServerFrame = ServerEvent | MultiFrame;
export type ServerEventType = ServerEvent["t"];
export type EventOf<T extends ServerEventType> = Extract<ServerEvent, { t: T }>;
