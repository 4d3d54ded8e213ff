// Builders shared by the core tests: members, snapshots and message events with readable defaults.
import {
  type AccountPreferences,
  type ActivityFacts,
  type AdminSettings,
  activityFacts,
  buildRoomSnapshot,
  type Connection,
  DEFAULT_ACCOUNT_PREFERENCES,
  DEFAULT_ADMIN_SETTINGS,
  DEFAULT_ROOM_PREFERENCES,
  type MemberFacts,
  type Message,
  type MessageEvent,
  type PendingMessageDelivery,
  type RecipientState,
  type RoomKind,
  type RoomPreferences,
  type RoomSnapshot,
} from "../src/index.ts";

export const NOW = Date.UTC(2025, 5, 16, 12, 0, 0); // a Monday, 12:00 UTC

export interface MemberOptions {
  account?: Partial<AccountPreferences>;
  room?: Partial<RoomPreferences>;
  /** Shorthand presence: "offline" (never connected), "active" (desktop, input just now), "idle" (desktop, 10 min idle). */
  presence?: "offline" | "active" | "idle" | ActivityFacts;
  busyUntil?: number | null | undefined;
  hasEmail?: boolean;
  emailVerified?: boolean;
  ignores?: string[];
  view?: MemberFacts["view"];
  role?: MemberFacts["role"];
  timezone?: string;
  manual?: "auto" | "away" | "invisible";
}

export function desktopConn(lastActivityAt: number, extra: Partial<Connection> = {}): Connection {
  return {
    id: `c${lastActivityAt}`,
    deviceId: "d1",
    deviceKind: "web",
    focused: false,
    visible: true,
    view: {},
    lastActivityAt,
    permission: "granted",
    ...extra,
  };
}

export function member(id: string, o: MemberOptions = {}): MemberFacts {
  const account = { ...DEFAULT_ACCOUNT_PREFERENCES, ...o.account };
  const prefs = { autoAway: account.autoAway, idleSeconds: account.idleSeconds };
  let activity: ActivityFacts;
  const p = o.presence ?? "offline";
  if (p === "offline") activity = activityFacts([], {}, prefs, o.manual);
  else if (p === "active") activity = activityFacts([desktopConn(NOW - 1000)], {}, prefs, o.manual);
  else if (p === "idle") activity = activityFacts([desktopConn(NOW - 600_000)], {}, prefs, o.manual);
  else activity = p;
  return {
    userId: id,
    username: id,
    role: o.role ?? "member",
    account,
    room: { ...DEFAULT_ROOM_PREFERENCES, ...o.room },
    activity,
    status: { manual: o.manual ?? "auto", busy: o.busyUntil === undefined ? null : { until: o.busyUntil } },
    timezone: o.timezone ?? "UTC",
    hasEmail: o.hasEmail ?? true,
    emailVerified: o.emailVerified ?? true,
    ignores: o.ignores,
    view: o.view,
  };
}

export function room(
  members: MemberFacts[],
  kind: RoomKind = "channel",
  admin: Partial<AdminSettings> = {},
  now = NOW,
): RoomSnapshot {
  return buildRoomSnapshot({ id: "r1", kind }, members, { ...DEFAULT_ADMIN_SETTINGS, ...admin }, now);
}

let seq = 0;
export function msg(text: string, o: Partial<Message> & { from?: string } = {}): MessageEvent {
  seq++;
  const { from, ...rest } = o;
  return {
    kind: "message",
    message: {
      id: `m${seq}`,
      roomId: "r1",
      seq,
      senderId: from ?? "alice",
      text,
      createdAt: NOW,
      kind: "user",
      ...rest,
    },
  };
}

export function pending(o: Partial<PendingMessageDelivery> = {}): PendingMessageDelivery {
  return { messageId: "m1", roomId: "r1", trigger: "mention", createdAt: NOW, seq: 10, ...o };
}

export type RecipientOptions = Partial<Omit<RecipientState, "account" | "room">> & {
  account?: Partial<AccountPreferences>;
  room?: Partial<RoomPreferences>;
};

export function recipient(o: RecipientOptions = {}): RecipientState {
  const account = { ...DEFAULT_ACCOUNT_PREFERENCES, ...o.account };
  return {
    lastReadSeq: 9,
    activity: activityFacts(
      [desktopConn(NOW - 1000)],
      {},
      { autoAway: account.autoAway, idleSeconds: account.idleSeconds },
    ),
    status: { manual: "auto", busy: null },
    admin: DEFAULT_ADMIN_SETTINGS,
    timezone: "UTC",
    hasEmail: true,
    emailVerified: true,
    ...o,
    account,
    room: { ...DEFAULT_ROOM_PREFERENCES, ...o.room },
  };
}
