// Model types of SPEC §1. Times are integer milliseconds since the epoch (UTC); ids are opaque strings.
import type { SavedRoomPreferences } from "./settings.ts";
import type { WaitFacts } from "./wait-facts.ts";

export type Role = "admin" | "agent" | "member";
export type RoomKind = "channel" | "group" | "dm" | "gdm" | "conversation";
export type DeviceKind = "desktop" | "mobile" | "web";
/** Browser notification permission as reported by a connection (PRM-3). */
export type Permission = "default" | "granted" | "denied" | "unsupported";
/** Presence as others see it (PRS-1). `busy` is a separate flag, see UserStatus. */
export type Presence = "online" | "away" | "offline";
/** What the user chose by hand (PUT /me/status). `auto` = presence follows activity. */
export type ManualPresence = "auto" | "away" | "invisible";

export const ROOM_KINDS: readonly RoomKind[] = ["channel", "group", "dm", "gdm", "conversation"];
export const DEVICE_KINDS: readonly DeviceKind[] = ["desktop", "mobile", "web"];

export interface User {
  id: string;
  /** `[A-Za-z0-9._-]{1,32}`, unique case-insensitively. */
  username: string;
  displayName: string;
  email: string | null;
  emailVerified: boolean;
  role: Role;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timezone: string;
}

export interface Room {
  id: string;
  kind: RoomKind;
  name: string;
  /** Sequence number of the newest room-visible message (thread-only replies do not take one). */
  lastSeq: number;
  memberCount: number;
}

export interface Message {
  id: string;
  roomId: string;
  /** Room sequence; 0 for a thread-only reply (it has `threadSeq` instead). */
  seq: number;
  senderId: string;
  text: string;
  /** Set for a thread reply. */
  threadRootId?: string | null;
  /** The reply's sequence inside its thread. */
  threadSeq?: number;
  /** A thread reply also posted to the room (it then has a room `seq`). */
  alsoInRoom?: boolean;
  createdAt: number;
  editedAt?: number | null;
  kind: "user" | "system";
}

/**
 * A message's mentions resolved once at post time (MEN-1 … MEN-4) and carried in the event, so nothing
 * downstream parses the text again. User ids only; the sender is never in them (MEN-5).
 */
export interface ResolvedMentions {
  /** Members mentioned by name (MEN-1), in order of first appearance. */
  users: string[];
  /** Members whose keyword matched (MEN-4) and who are not in `users`: [userId, the keyword as saved]. */
  keywords: [string, string][];
  /** `@all` / `@channel` (MEN-2). */
  all: boolean;
  /** `@here` (MEN-2); who is online is decided by the engine at send time. */
  here: boolean;
}

export interface Thread {
  rootId: string;
  roomId: string;
  lastSeq: number;
}

export interface Connection {
  id: string;
  deviceId: string;
  deviceKind: DeviceKind;
  focused: boolean;
  visible: boolean;
  view: { roomId?: string | null; threadId?: string | null };
  /** Time of the last user input on this connection. */
  lastActivityAt: number;
  permission: Permission;
  /** Since when the client reports the screen locked / the system idle (PRS-3); null when not. */
  lockedSince?: number | null;
}

/** Do-not-disturb: `until` null = "until I change it" (PRS-5). */
export interface Busy {
  until: number | null;
}

export interface UserStatus {
  manual: ManualPresence;
  busy: Busy | null;
}

/** A weekday quiet window in the user's time zone (PRF-16). `day` 0 = Sunday … 6 = Saturday.
 * `start`/`end` are "HH:MM"; an `end` at or before `start` runs past midnight into the next day. */
export interface QuietWindow {
  day: number;
  start: string;
  end: string;
}

export interface Membership {
  userId: string;
  roomId: string;
  /** Room preferences the user saved (PRF-30 … PRF-35); unsaved keys follow the admin default (PRF-21). */
  preferences: SavedRoomPreferences;
  lastReadSeq: number;
  /** rootId → last read thread sequence, for each followed thread. */
  threadReads: Record<string, number>;
}

/** One browser profile or installed app (§1); the id lives in the client's local storage. */
export interface Device {
  id: string;
  userId: string;
  kind: DeviceKind;
  permission: Permission;
}

/** A Web Push subscription or a webhook target (PSH-7, PSH-8), tagged with its device kind. */
export type PushSubscription =
  | {
      id: string;
      userId: string;
      deviceKind: DeviceKind;
      type: "webpush";
      endpoint: string;
      keys: { p256dh: string; auth: string };
    }
  | { id: string; userId: string; deviceKind: DeviceKind; type: "webhook"; url: string };

/** In-app inbox item (GEN-1) with one delivery record per channel (§12). */
export interface InboxNotification {
  id: string;
  userId: string;
  /** The trigger of a message, a support event type, or "missed_call". */
  type: Trigger | SupportEventType | "missed_call";
  roomId: string | null;
  messageId: string | null;
  conversationId: string | null;
  actorId: string | null;
  createdAt: number;
  readAt: number | null;
  snoozedUntil: number | null;
  deliveries: Partial<Record<Channel, ChannelDecision & { at: number }>>;
}

// ---- Support (§9) ----

export type ConversationStatus = "pending" | "open" | "resolved";

export interface Conversation {
  id: string;
  inboxId: string;
  /** The room of kind `conversation` holding its messages. */
  roomId: string;
  contactId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  /** Agents who wrote in it. */
  participantIds: string[];
}

export const SUPPORT_EVENT_TYPES = [
  "pending_contact",
  "conversation_created",
  "conversation_assigned",
  "conversation_mention",
  "assigned_conversation_message",
  "participating_conversation_message",
] as const;
export type SupportEventType = (typeof SUPPORT_EVENT_TYPES)[number];

// ---- Calls (§10) ----

export interface Call {
  id: string;
  roomId: string;
  callerId: string;
  startedAt: number;
}

// ---- Decision vocabulary (shared by decide, explain, support, calls) ----

export type Trigger = "dm" | "mention" | "keyword" | "thread" | "group" | "all";
/** Trigger codes used in compact results; 0 = no trigger. Order is TRG-1's order. */
export const TRIGGER_CODES = { none: 0, dm: 1, mention: 2, keyword: 3, thread: 4, group: 5, all: 6 } as const;
export const TRIGGERS: readonly (Trigger | null)[] = [
  null,
  "dm",
  "mention",
  "keyword",
  "thread",
  "group",
  "all",
];

export type Channel = "banner" | "sound" | "push" | "email" | "inbox";
export const CHANNELS: readonly Channel[] = ["banner", "sound", "push", "email", "inbox"];
export type DecisionKind = "deliver" | "schedule" | "skip";

/** Channel bits of compact results. Banner/sound/inbox are deliver-or-skip; push and email may be
 * delivered now or scheduled (the condition is PSH-9 when QUIET is set for the member, else PSH-2/EML-2/EML-3). */
export const BIT = {
  banner: 1,
  sound: 2,
  push: 4,
  pushScheduled: 8,
  emailScheduled: 16,
  inbox: 32,
} as const;

export interface Reason {
  rule: string;
  fact: string;
  /** For a wait or hold (EXP-1): the facts it used, as data; `fact` says them in words. */
  wait?: WaitFacts;
}

export interface ChannelDecision {
  decision: DecisionKind;
  /** For `schedule`: the earliest time it may go (null = waits for an event, e.g. going idle). */
  until?: number | null;
  /** The condition a `schedule` waits for: "PSH-2" | "PSH-9" | "EML-2" | "EML-3" | … */
  waitsFor?: string;
  reasons: Reason[];
}
