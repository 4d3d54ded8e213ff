// Ports of the gateway: everything it needs from the outside, as small interfaces, so the core runs against
// test doubles (TestSocketPair, ManualClock, in-memory store) and against the real server alike.
import type { AdminSettings, MemberFacts } from "@herald/core";
import type { AlertFrame } from "./events.ts";

/** Time source (ms since epoch). The gateway never reads Date.now() itself. */
export interface Clock {
  now(): number;
}

export type TimerHandle = { readonly id: number } | object;

/** Timers, so tests step time (ManualClock implements both Clock and Timer). */
export interface Timer {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** One live client transport. `ws` is wired to it in ws-adapter.ts; tests use TestSocketPair. */
export interface ClientSocket {
  send(data: string): void;
  close(code: number, reason: string): void;
  isOpen(): boolean;
  /** Bytes queued but not yet written; the gateway drops slow consumers past a limit. */
  bufferedAmount?: number;
}

export type DeviceKind = "desktop" | "mobile" | "web";
export type Permission = "default" | "granted" | "denied" | "unsupported";
export type Level = "all" | "mentions" | "nothing";
export type Trigger = "dm" | "mention" | "keyword" | "thread" | "group" | "all";
export type RoomKind = "channel" | "group" | "dm" | "gdm" | "conversation";

/** Account-level facts of a user that banner/sound decisions need (PRF-1, PRF-6, PRF-8, PRF-9, PRF-12,
 *  PRF-13, PRF-42 … PRF-50, PRS-5). Loaded once per connected user, refreshed on preference events. */
export interface UserSnapshot {
  userId: string;
  desktop: Level;
  desktopThreads: boolean;
  mobile: Level;
  sound: string | null;
  volume: number;
  autoAway: boolean;
  idleLimitMs: number;
  /** Manual status (PUT /me/status). */
  manual: "auto" | "away" | "invisible";
  /** Do-not-disturb end (ms); null = until changed; undefined = dnd off (PRS-5). */
  dndUntil?: number | null;
  ignores: readonly string[];
  /** Quiet hours (PRF-16) evaluated by core; the gateway asks through this flag provider. */
  quietAt?: (now: number) => boolean;
  agent?: AgentPrefs;
}

/** PRF-42 … PRF-50 subset the gateway needs for support audio/banners (SUP-8). */
export interface AgentPrefs {
  audio: "none" | "assigned" | "all";
  messageAudio: boolean;
  messageDesktop: boolean;
  alsoWhenFocused: boolean;
  tone: string;
  audioMaster: boolean;
  desktopMaster: boolean;
}

/** Per-member room preferences that matter for banners/sounds (PRF-30, PRF-31, PRF-33, PRF-34, PRF-35). */
export interface MemberPrefs {
  alerts: boolean;
  muteGroup: boolean;
  desktop: Level | "default";
  sound: string | "default" | null;
  snoozeUntil: number | null;
}

export interface RoomMember {
  userId: string;
  prefs: MemberPrefs;
}

export interface RoomInfo {
  roomId: string;
  kind: RoomKind;
  name: string;
  lastSeq: number;
  members: RoomMember[];
  /** Support conversations: the conversation, its inbox and assignee (SUP-8, BDG-2, PRF-50). */
  conversationId?: string | null;
  inboxId?: string | null;
  assigneeId?: string | null;
}

/** An in-app inbox item (GEN-1) replayed to a client resuming after a gap (GEN-7), without banner. */
export interface StoredNotify {
  notificationId: string;
  trigger: string;
  roomId: string | null;
  messageId: string | null;
  threadId: string | null;
  conversationId: string | null;
  callId: string | null;
  event: string | null;
  createdAt: number;
}

/** What a client resuming after a gap missed, rebuilt from the store (GEN-7). */
export interface Missed {
  /** Unread items created after `since`, oldest first. */
  notifies: StoredNotify[];
  /** Ring / pending alerts that stopped after `since` (the client may still ring for them). */
  stops: AlertFrame[];
  /** More than the limit: the client should reload its inbox over HTTP. */
  truncated: boolean;
}

export interface MessageView {
  id: string;
  roomId: string;
  seq: number;
  senderId: string;
  senderName: string;
  /** For MEN-7 (PRV-9 restricts group mentions to admins). */
  senderRole?: "admin" | "agent" | "member";
  text: string;
  threadRootId?: string | null;
  alsoInRoom?: boolean;
  kind: "user" | "system";
  createdAt: number;
}

export interface RoomBadge {
  /** The room sequence this count includes (events at or below it are already counted). */
  lastSeq: number;
  unread: number;
  mentions: number;
  /** Followed threads with unread replies (BDG-1). */
  threadIds: string[];
  /** PRF-32: whether unread here feeds the dot badge. */
  showUnread: boolean;
  /** dm/gdm or assigned conversation: unread counts in the numbered badge (BDG-2). */
  countsUnread: boolean;
}

/** Members' full facts for core's room snapshot (decide runs on it). */
export interface CoreRoomFacts {
  memberCount: number;
  admin: AdminSettings;
  members: MemberFacts[];
}

/** What the gateway reads from the store. Bulk reads only: one call per room or per user, never per
 *  recipient inside a fan-out. */
export interface GatewayStore {
  loadRoom(roomId: string): Promise<RoomInfo | null>;
  loadUser(userId: string): Promise<UserSnapshot | null>;
  /** Room ids the user is a member of (for resume and membership checks on connect). */
  roomsOf(userId: string): Promise<string[]>;
  /** Messages of a room with seq > afterSeq, ascending, at most `limit`. */
  messagesAfter(roomId: string, afterSeq: number, limit: number): Promise<MessageView[]>;
  /** Recount of the user's badge from stored messages (BDG-1 … BDG-3). */
  badge(userId: string): Promise<Map<string, RoomBadge>>;
  /** With these two, banners and sounds are decided by @herald/core's `decide` on its room snapshot;
   *  without them (or for support conversations) by decide-local.ts. */
  loadRoomFacts?(roomId: string): Promise<CoreRoomFacts | null>;
  loadMemberFacts?(roomId: string, userId: string): Promise<MemberFacts | null>;
  /** Ring (CAL-1) and pending-contact (SUP-3) alerts on for the user now, from the calls / support tables:
   *  sent on every hello, so a client that connects or resumes mid-alert rings too (GEN-7). */
  activeAlerts?(userId: string, now: number): Promise<AlertFrame[]>;
  /** GEN-7 when the node's log cannot cover the client's cursor (restart, other node, long absence). */
  missedSince?(userId: string, since: number, now: number): Promise<Missed>;
}

/** A banner/sound decision recorded for explain (EXP-3). */
export interface DecisionRecord {
  messageId: string;
  roomId: string;
  at: number;
  /** Members who got a banner or sound, one entry per user with the devices reached. */
  notified: { userId: string; trigger: Trigger; devices: string[]; sound: boolean; rules: string[] }[];
  /** Everyone else locally connected, aggregated: rule → count (plus the user ids, compactly). */
  nothing: { reason: string; userIds: string[] }[];
}

export interface DecisionRecorder {
  record(record: DecisionRecord): void;
}

export interface AuthResult {
  userId: string;
  /** The session (cookie) or access token the socket was opened with: revoking it closes the socket. */
  sessionId?: string;
  tokenId?: string;
  /** Clock time just before the credential was looked up: a revocation from then on closes the socket. */
  authenticatedAt?: number;
}

/** Authenticates the upgrade request (session cookie or token), provided by the server's auth module. */
export type Authenticator = (request: {
  cookie: string | undefined;
  token: string | undefined;
}) => Promise<AuthResult | null>;

/** Presence as the rest of the server reads it (MEN-2 `@here`, the scheduler's PSH-2 check). */
export interface PresenceReader {
  statuses(userIds: readonly string[]): Promise<Map<string, "online" | "away" | "busy" | "offline">>;
  /** Users counted `online` for `@here` (invisible users never are). */
  onlineUserIds(userIds: readonly string[]): Promise<Set<string>>;
}
