// An in-memory GatewayStore with just enough of the real store's behaviour (posting with seq and mention rows,
// sender read, reads, membership, edits, deletes) for gateway tests and the fuzz test. Every member has core's
// MemberFacts (resolved through core like the SQL store), and `readStates()` is the read state core's badge
// math consumes, built from the stored messages like store/reads.ts builds it from rows.
import {
  activityFacts,
  computeBadge,
  DEFAULT_ADMIN_SETTINGS,
  type Level,
  type MemberFacts,
  type MessageTone,
  type ResolvedMentions,
  type RoomReadState,
  resolvePreferences,
  resolveRoomPreferences,
} from "@herald/core";
import type { AlertFrame, MessageChanged, MessageCreated } from "../../../src/gateway/events.ts";
import type {
  CoreRoomFacts,
  GatewayStore,
  MessageView,
  Missed,
  RoomInfo,
  RoomKind,
  UserSnapshot,
} from "../../../src/gateway/ports.ts";

/** A member's saved room preferences, in the test's shorthand (PRF-30 … PRF-35). */
export interface MemberPrefs {
  alerts: boolean;
  muteGroup: boolean;
  desktop: Level | "default";
  sound: string | "default" | null;
  snoozeUntil: number | null;
}

export const DEFAULT_MEMBER_PREFS: MemberPrefs = {
  alerts: true,
  muteGroup: false,
  desktop: "default",
  sound: "default",
  snoozeUntil: null,
};

/** A user's saved account preferences and presence settings, in the test's shorthand. */
export interface TestUser extends UserSnapshot {
  desktop: Level;
  desktopThreads: boolean;
  mobile: Level;
  sound: string | null;
  volume: number;
  ignores: readonly string[];
  keywords: string[];
}

interface Member {
  prefs: MemberPrefs;
  lastRead: number;
}

/** The rows one message wrote: personal mention/keyword rows, `here` rows, the `@all` row. */
interface Rows {
  users: Set<string>;
  here: Set<string>;
  all: boolean;
}

interface Room {
  kind: RoomKind;
  name: string;
  members: Map<string, Member>;
  messages: MessageView[];
  mentions: Map<number, Rows>;
  /** Seqs of deleted messages (BDG-1: not unread). */
  deleted: Set<number>;
}

export function testUser(userId: string, over: Partial<TestUser> = {}): TestUser {
  return {
    userId,
    desktop: "mentions",
    desktopThreads: true,
    mobile: "mentions",
    sound: "ding",
    volume: 100,
    autoAway: true,
    idleLimitMs: 60_000,
    manual: "auto",
    ignores: [],
    keywords: [],
    ...over,
  };
}

const none = (): Rows => ({ users: new Set(), here: new Set(), all: false });

function resolvedOf(r: Rows): ResolvedMentions {
  return { users: [...r.users], keywords: [], all: r.all, here: r.here.size > 0 };
}

export class MemoryStore implements GatewayStore {
  readonly users = new Map<string, TestUser>();
  readonly rooms = new Map<string, Room>();
  /** Support conversations by room id (BDG-2, PRF-50). */
  readonly conversations = new Map<string, { conversationId: string; assigneeId: string | null }>();
  /** What the calls / support tables say is ringing or pending per user right now (GEN-7). */
  readonly alerts = new Map<string, AlertFrame[]>();
  /** What missedSince answers, and the `since` values it was asked with. */
  missed: Missed = { notifies: [], stops: [], truncated: false };
  readonly missedAsked: number[] = [];
  #nextId = 1;

  activeAlerts = async (userId: string, _now: number): Promise<AlertFrame[]> => [
    ...(this.alerts.get(userId) ?? []),
  ];

  missedSince = async (_userId: string, since: number, _now: number): Promise<Missed> => {
    this.missedAsked.push(since);
    return this.missed;
  };

  addUser(userId: string, over: Partial<TestUser> = {}): void {
    this.users.set(userId, testUser(userId, over));
  }

  addRoom(roomId: string, kind: RoomKind, memberIds: string[], name = roomId): void {
    const members = new Map(memberIds.map((id) => [id, { prefs: { ...DEFAULT_MEMBER_PREFS }, lastRead: 0 }]));
    this.rooms.set(roomId, { kind, name, members, messages: [], mentions: new Map(), deleted: new Set() });
  }

  /** A join as the membership transaction commits it: read up to the room's last message. */
  join(roomId: string, userId: string) {
    const room = this.rooms.get(roomId)!;
    room.members.set(userId, { prefs: { ...DEFAULT_MEMBER_PREFS }, lastRead: room.messages.length });
    return { type: "membership.changed" as const, roomId, userId, joined: true };
  }

  leave(roomId: string, userId: string) {
    this.rooms.get(roomId)!.members.delete(userId);
    return { type: "membership.changed" as const, roomId, userId, joined: false };
  }

  /** Inserts like the post transaction does (mention rows from the test's `@name` words, `@here` rows for
   *  the members `hereOnline` names) and returns the after-commit event. */
  post(
    roomId: string,
    senderId: string,
    text: string,
    now: number,
    o: { hereOnline?: string[] } = {},
  ): MessageCreated {
    const room = this.rooms.get(roomId)!;
    const seq = room.messages.length + 1;
    const message: MessageView = {
      id: `m${this.#nextId++}`,
      roomId,
      seq,
      senderId,
      senderName: senderId.toUpperCase(),
      text,
      kind: "user",
      createdAt: now,
    };
    room.messages.push(message);
    room.members.get(senderId)!.lastRead = seq;
    const named = [...text.matchAll(/@([a-z0-9]+)/g)].map((m) => m[1]);
    const here = named.includes("here");
    const hereOnline = here ? (o.hereOnline ?? []).filter((u) => u !== senderId && room.members.has(u)) : [];
    const rows: Rows = {
      users: new Set(named.filter((n) => room.members.has(n) && n !== senderId)),
      here: new Set(hereOnline),
      all: named.includes("all"),
    };
    room.mentions.set(seq, rows);
    return { type: "message.created", message, resolved: { ...resolvedOf(rows), here }, hereOnline };
  }

  /** An edit as the edit transaction commits it (TRG-3): new text, mention rows for the new mentions, and the
   *  `@all` row when the edit newly adds one; the event carries the mentions before and after. */
  edit(roomId: string, seq: number, text: string, newMentions: string[], addsAll = false): MessageChanged {
    const room = this.rooms.get(roomId)!;
    const i = room.messages.findIndex((m) => m.seq === seq);
    room.messages[i] = { ...room.messages[i], text };
    const before = room.mentions.get(seq) ?? none();
    const after: Rows = {
      users: new Set([...before.users, ...newMentions]),
      here: before.here,
      all: before.all || addsAll,
    };
    room.mentions.set(seq, after);
    return {
      type: "message.updated",
      message: room.messages[i],
      resolved: resolvedOf(after),
      previousResolved: resolvedOf(before),
    };
  }

  /** A delete as the delete transaction commits it (TRG-3): text emptied, mention and `@all` rows removed; the
   *  message keeps its seq but is no longer unread (BDG-1, as in the real store). */
  remove(roomId: string, seq: number): MessageChanged {
    const room = this.rooms.get(roomId)!;
    const i = room.messages.findIndex((m) => m.seq === seq);
    room.messages[i] = { ...room.messages[i], text: "" };
    room.mentions.delete(seq);
    room.deleted.add(seq);
    return { type: "message.deleted", message: room.messages[i] };
  }

  /** Saves a member's room prefs (what the PUT would commit) and returns the after-commit event. */
  setMemberPrefs(roomId: string, userId: string, prefs: MemberPrefs) {
    this.rooms.get(roomId)!.members.get(userId)!.prefs = { ...prefs };
    return { type: "room.preferences.changed" as const, roomId, userId };
  }

  read(userId: string, roomId: string, seq?: number): number {
    const room = this.rooms.get(roomId)!;
    const to = seq ?? room.messages.length;
    const m = room.members.get(userId)!;
    m.lastRead = Math.max(m.lastRead, to);
    return to;
  }

  /** Core's view of a member, from the test data, resolved through core like the SQL store does. */
  memberFacts(roomId: string, userId: string): MemberFacts | null {
    const u = this.users.get(userId);
    const m = this.rooms.get(roomId)?.members.get(userId);
    if (!u || !m) return null;
    const account = resolvePreferences(
      {
        desktop: u.desktop,
        mobileDifferent: u.mobile !== u.desktop,
        push: u.mobile,
        threadReplies: { desktop: u.desktopThreads, push: true, email: true },
        keywords: u.keywords,
        sound: (u.sound ?? "none") as MessageTone,
        volume: u.volume,
        autoAway: u.autoAway,
        idleSeconds: u.idleLimitMs / 1000,
      },
      DEFAULT_ADMIN_SETTINGS.defaults.account,
    );
    const p = m.prefs;
    const room = resolveRoomPreferences(
      {
        alerts: p.alerts,
        muteGroupMentions: p.muteGroup,
        desktop: p.desktop,
        sound: (p.sound ?? "none") as MessageTone,
        snooze: p.snoozeUntil ? { until: p.snoozeUntil } : null,
      },
      DEFAULT_ADMIN_SETTINGS.defaults.room,
    );
    return {
      userId,
      username: userId,
      role: "member",
      account,
      room,
      activity: activityFacts([], {}, account, u.manual),
      status: { manual: u.manual, busy: u.dndUntil !== undefined ? { until: u.dndUntil } : null },
      timezone: "UTC",
      hasEmail: false,
      emailVerified: false,
      ignores: u.ignores,
    };
  }

  async loadRoomFacts(roomId: string, userIds: readonly string[]): Promise<CoreRoomFacts | null> {
    const r = this.rooms.get(roomId);
    if (!r) return null;
    const members = [...new Set(userIds)].map((id) => this.memberFacts(roomId, id)).filter((f) => f !== null);
    return { memberCount: r.members.size, admin: DEFAULT_ADMIN_SETTINGS, members };
  }

  async loadMemberFacts(roomId: string, userId: string): Promise<MemberFacts | null> {
    return this.memberFacts(roomId, userId);
  }

  async loadRoom(roomId: string): Promise<RoomInfo | null> {
    const r = this.rooms.get(roomId);
    if (!r) return null;
    const c = this.conversations.get(roomId);
    return {
      roomId,
      kind: r.kind,
      name: r.name,
      lastSeq: r.messages.length,
      conversationId: c?.conversationId ?? null,
      assigneeId: c?.assigneeId ?? null,
    };
  }

  async loadUser(userId: string): Promise<UserSnapshot | null> {
    const u = this.users.get(userId);
    return u ? { ...u } : null;
  }

  async roomsOf(userId: string): Promise<string[]> {
    return [...this.rooms].filter(([, r]) => r.members.has(userId)).map(([id]) => id);
  }

  async sharedWith(userId: string, others: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const r of this.rooms.values())
      if (r.members.has(userId)) for (const id of others) if (r.members.has(id)) out.add(id);
    return out;
  }

  async messagesAfter(roomId: string, afterSeq: number, limit: number): Promise<MessageView[]> {
    return (this.rooms.get(roomId)?.messages ?? []).filter((m) => m.seq > afterSeq).slice(0, limit);
  }

  async readStates(userId: string): Promise<RoomReadState[]> {
    return this.readStatesNow(userId);
  }

  /** The read state of every room of the user, from the stored messages (as store/reads.ts loads it). */
  readStatesNow(userId: string): RoomReadState[] {
    const out: RoomReadState[] = [];
    for (const [roomId, r] of this.rooms) {
      const me = r.members.get(userId);
      if (!me) continue;
      const above = (seq: number) => seq > me.lastRead;
      const rows = [...r.mentions].filter(([seq]) => above(seq));
      const sender = (seq: number) => r.messages[seq - 1]?.senderId;
      out.push({
        roomId,
        kind: r.kind,
        lastSeq: r.messages.length,
        lastReadSeq: me.lastRead,
        mentionSeqs: rows.filter(([, x]) => x.users.has(userId)).map(([seq]) => seq),
        hereSeqs: rows.filter(([, x]) => x.here.has(userId)).map(([seq]) => seq),
        groupMentionSeqs: rows
          .filter(([seq, x]) => x.all && sender(seq) !== userId)
          .map(([seq]) => seq)
          .sort((a, b) => a - b),
        muteGroupMentions: me.prefs.muteGroup,
        markUnread: true,
        assignedToMe: this.conversations.get(roomId)?.assigneeId === userId,
        deletedSeqs: [...r.deleted].filter(above),
        threads: [],
      });
    }
    return out;
  }

  /** BDG-2 total of a recount from the stored messages: core's, over the read state (BDG-6 reference). */
  total(userId: string): number {
    return computeBadge(this.readStatesNow(userId)).total;
  }
}
