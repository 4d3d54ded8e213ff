// Ports of the gateway: everything it needs from the outside, as small interfaces, so the core runs against
// test doubles (TestSocketPair, ManualClock, in-memory store) and against the real server alike.
import type { AdminSettings, MemberFacts, RoomReadState } from "@herald/core";
import type { MessageBody } from "@herald/core/realtime";
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
export type Trigger = "dm" | "mention" | "keyword" | "thread" | "group" | "all";
export type RoomKind = "channel" | "group" | "dm" | "gdm" | "conversation";

/** What the presence service needs of a user (PRS-2 … PRS-5); every notification decision reads core's
 *  MemberFacts instead (loadRoomFacts / loadMemberFacts). Loaded once per connected user. */
export interface UserSnapshot {
  userId: string;
  autoAway: boolean;
  idleLimitMs: number;
  /** Manual status (PUT /me/status). */
  manual: "auto" | "away" | "invisible";
  /** Do-not-disturb end (ms); null = until changed; undefined = dnd off (PRS-5). */
  dndUntil?: number | null;
}

export interface RoomInfo {
  roomId: string;
  kind: RoomKind;
  name: string;
  lastSeq: number;
  /** Support conversations: the conversation, its inbox and assignee (BDG-2, PRF-50). */
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

/** A message as the gateway holds and sends it (the wire shape of `message` frames). */
export type MessageView = MessageBody;

/** Some members' full facts for core's room snapshot (decide runs on it), and the room's size. */
export interface CoreRoomFacts {
  /** Every member of the room, not only those in `members` (MEN-7 reads it). */
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
  /** The user's read state of every room, from stored messages: core's badge input (BDG-1 … BDG-3). */
  readStates(userId: string): Promise<RoomReadState[]>;
  /** The facts of the given members (this node's: never the whole room) for core's room snapshot, on which
   *  core's `decide` answers for each message; non-members are left out. */
  loadRoomFacts(roomId: string, userIds: readonly string[]): Promise<CoreRoomFacts | null>;
  /** One member's facts (a join, a preference change); null when not a member. */
  loadMemberFacts(roomId: string, userId: string): Promise<MemberFacts | null>;
  /** Ring (CAL-1) and pending-contact (SUP-3) alerts on for the user now, from the calls / support tables:
   *  sent on every hello, so a client that connects or resumes mid-alert rings too (GEN-7). */
  activeAlerts?(userId: string, now: number): Promise<AlertFrame[]>;
  /** GEN-7 when the node's log cannot cover the client's cursor (restart, other node, long absence). */
  missedSince?(userId: string, since: number, now: number): Promise<Missed>;
  /** Of `others`, those who share a room (channel, group, DM, conversation) with `userId`: whose presence
   *  that user may watch (PRS-6) unless the user directory is open. */
  sharedWith(userId: string, others: readonly string[]): Promise<Set<string>>;
}

/** A banner/sound decision recorded for explain (EXP-3). */
export interface DecisionRecord {
  messageId: string;
  roomId: string;
  at: number;
  /** Members who got a banner or sound, one entry per user with the devices reached. */
  notified: { userId: string; trigger: Trigger; devices: string[]; sound: boolean; rules: string[] }[];
  /** Everyone else locally connected, aggregated per (last rule of the chain, trigger): typed, never a string
   *  to parse back. */
  nothing: { rule: string; trigger: Trigger | null; userIds: string[] }[];
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
