// Wire types of the HTTP API and the realtime protocol (docs/ARCHITECTURE.md).
// The server owns these contracts; fields the contract leaves open are typed
// loosely (optional) so an older or newer server does not break the client.

export type DeviceKind = "desktop" | "mobile" | "web";
/** Browser notification permission as reported to the server (PRM-3). */
export type NotificationPermissionState = "default" | "granted" | "denied" | "unsupported";
export type Trigger = "dm" | "mention" | "keyword" | "thread" | "group" | "all" | (string & {});
export type RoomKind = "channel" | "group" | "dm" | "gdm" | "conversation";
export type Presence = "online" | "away" | "offline" | "busy";
/** PRF-14 / PRF-47: seconds (5, 10, 20, 30), or "until_closed" (same values as core's BANNER_SECONDS). */
export type BannerStay = number | "until_closed";

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

export interface ResumeCursors {
  rooms: Record<string, number>;
  userCursor: string | number | null;
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

export interface MessageBody {
  id: string;
  roomId: string;
  seq: number;
  senderId: string;
  text: string;
  threadRootId?: string | null;
  createdAt?: number;
  [extra: string]: unknown;
}

/** Banner content of a `notify` frame. Any field may be missing; the SDK fills what it can (DSK-4). */
export interface NotifyBanner {
  title?: string;
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
/** The gateway sends `name`; `tone` is accepted as an alias. */
export interface NotifySound {
  name?: string | null;
  tone?: string | null;
  volume?: number;
  loop?: boolean;
}

export interface ReadyFrame {
  t: "ready";
  userId: string;
  userCursor: string | number | null;
  badge: BadgeState;
  presence?: unknown;
  /** GEN-7: the node could not cover the resume cursor, so missed items were rebuilt from the store
   *  (replayed without banner or sound): the app should refetch its room lists and inbox. */
  rebuilt?: boolean;
  /** Even the rebuild is not everything: reload the inbox over HTTP. */
  gap?: boolean;
}
export interface MessageFrame {
  t: "message" | "message.updated" | "message.deleted";
  roomId: string;
  seq: number;
  message: MessageBody;
}
export interface NotifyFrame {
  t: "notify";
  cursor: string | number;
  /** null for support events without a message. */
  messageId?: string | null;
  notificationId?: string;
  conversationId?: string;
  /** null for support events without a room. */
  roomId: string | null;
  threadId?: string;
  trigger: Trigger;
  banner?: NotifyBanner | boolean;
  sound?: NotifySound | string | boolean;
  /** Replayed on resume (GEN-7). */
  replay?: boolean;
  /** TRG-3: the notify of an edit that newly mentions the user. */
  edited?: boolean;
  /** Support events (trigger "support"): the SUP event type. */
  event?: string;
  callId?: string;
  /** PRF-44: a support alert shown even while the console has focus (never for the conversation in view). */
  alsoWhenFocused?: boolean;
}
/** PRF-50: support conversations assigned to me that have unread messages (sent when the set changes). */
export interface AssignedUnreadFrame {
  t: "assigned.unread";
  cursor?: string | number;
  conversationIds: string[];
}
export interface BadgeFrame extends BadgeState {
  t: "badge";
}
export interface ReadFrame {
  t: "read";
  roomId: string;
  seq: number;
  threadId?: string;
}
export interface PresenceFrame {
  t: "presence";
  userId: string;
  status: Presence;
}
export interface RingFrame {
  t: "ring.start" | "ring.stop";
  callId: string;
  roomId: string;
  from: string | { id: string; displayName?: string };
  reason?: string;
}
export interface PendingFrame {
  t: "pending.start" | "pending.stop";
  conversationId: string;
  inboxId: string;
  contactName?: string;
  text?: string;
}
/** SUP-4 / SUP-5: a conversation of one of my inboxes was picked up, assigned or resolved (by anyone). */
export interface ConversationUpdatedFrame {
  t: "conversation.updated";
  cursor?: string | number;
  conversationId: string;
  inboxId: string;
  status: "pending" | "open" | "resolved";
  assigneeId: string | null;
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
  | PresenceFrame
  | RingFrame
  | PendingFrame
  | AssignedUnreadFrame
  | ConversationUpdatedFrame
  | ErrorFrame
  | { t: "pong" };
export type ServerFrame = ServerEvent | { t: "multi"; events: ServerEvent[] };
export type ServerEventType = ServerEvent["t"];
export type EventOf<T extends ServerEventType> = Extract<ServerEvent, { t: T }>;

/** Storage port: localStorage satisfies it; tests pass a Map-backed fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Timer port, so tests step time by hand. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
};

/** In-memory store used where localStorage is missing or throws (private mode, workers). */
export function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}
