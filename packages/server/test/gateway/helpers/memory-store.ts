// An in-memory GatewayStore with just enough of the real store's behaviour (posting with seq, sender read,
// reads, membership) for gateway tests and the fuzz test; `badge()` is a recount from stored messages.
import {
  activityFacts,
  DEFAULT_ADMIN_SETTINGS,
  type MemberFacts,
  type MessageTone,
  resolvePreferences,
  resolveRoomPreferences,
} from "@herald/core";
import type { AlertFrame, MessageChanged, MessageCreated } from "../../../src/gateway/events.ts";
import type {
  CoreRoomFacts,
  GatewayStore,
  MemberPrefs,
  MessageView,
  Missed,
  RoomBadge,
  RoomInfo,
  RoomKind,
  UserSnapshot,
} from "../../../src/gateway/ports.ts";
import { DEFAULT_MEMBER_PREFS } from "../../../src/gateway/updates.ts";

interface Member {
  prefs: MemberPrefs;
  lastRead: number;
}

interface Room {
  kind: RoomKind;
  name: string;
  members: Map<string, Member>;
  messages: MessageView[];
  /** seq → users mentioned personally, and whether it was @all. */
  mentions: Map<number, { users: Set<string>; all: boolean }>;
  /** Seqs of deleted messages (BDG-1: not unread). */
  deleted: Set<number>;
}

export function userSnapshot(userId: string, over: Partial<UserSnapshot> = {}): UserSnapshot {
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
    ...over,
  };
}

export class MemoryStore implements GatewayStore {
  readonly users = new Map<string, UserSnapshot>();
  readonly rooms = new Map<string, Room>();
  /** Support conversations by room id (SUP-8, BDG-2, PRF-50). */
  readonly conversations = new Map<string, { conversationId: string; assigneeId: string | null }>();
  /** What the calls / support tables say is ringing or pending per user right now (GEN-7). */
  readonly alerts = new Map<string, AlertFrame[]>();
  /** What missedSince answers, and the `since` values it was asked with. */
  missed: Missed = { notifies: [], stops: [], truncated: false };
  readonly missedAsked: number[] = [];

  activeAlerts = async (userId: string, _now: number): Promise<AlertFrame[]> => [
    ...(this.alerts.get(userId) ?? []),
  ];

  missedSince = async (_userId: string, since: number, _now: number): Promise<Missed> => {
    this.missedAsked.push(since);
    return this.missed;
  };

  /** An edit as the edit transaction commits it (TRG-3): new text, mention rows for the new mentions, and the
   *  `@all` row when the edit newly adds one. */
  edit(roomId: string, seq: number, text: string, newMentions: string[], addsAll = false): MessageChanged {
    const room = this.rooms.get(roomId)!;
    const i = room.messages.findIndex((m) => m.seq === seq);
    room.messages[i] = { ...room.messages[i], text };
    const men = room.mentions.get(seq) ?? { users: new Set<string>(), all: false };
    for (const u of newMentions) men.users.add(u);
    const newGroup = addsAll && !men.all ? "all" : null;
    if (addsAll) men.all = true;
    room.mentions.set(seq, men);
    return {
      type: "message.updated",
      message: room.messages[i],
      newMentions: newMentions.map((userId) => ({ userId, kind: "mention" as const })),
      newGroup,
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
  #nextId = 1;
  /** false = the store offers no member facts, so the gateway decides with decide-local.ts. */
  coreFacts = true;

  constructor(options: { coreFacts?: boolean } = {}) {
    this.coreFacts = options.coreFacts ?? true;
    if (!this.coreFacts) {
      this.loadRoomFacts = undefined;
      this.loadMemberFacts = undefined;
    }
  }

  /** Core's view of a member, from the same test data (UserSnapshot + MemberPrefs). */
  memberFacts(roomId: string, userId: string): MemberFacts | null {
    const u = this.users.get(userId);
    const m = this.rooms.get(roomId)?.members.get(userId);
    if (!u || !m) return null;
    const account = resolvePreferences(
      {
        desktop: u.desktop,
        push: u.mobile,
        threadReplies: { desktop: u.desktopThreads, push: true, email: true },
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

  loadRoomFacts? = async (roomId: string): Promise<CoreRoomFacts | null> => {
    const r = this.rooms.get(roomId);
    if (!r) return null;
    const members = [...r.members.keys()].map((id) => this.memberFacts(roomId, id)).filter((f) => f !== null);
    return { memberCount: members.length, admin: DEFAULT_ADMIN_SETTINGS, members };
  };

  loadMemberFacts? = async (roomId: string, userId: string): Promise<MemberFacts | null> =>
    this.memberFacts(roomId, userId);

  addUser(userId: string, over: Partial<UserSnapshot> = {}): void {
    this.users.set(userId, userSnapshot(userId, over));
  }

  addRoom(roomId: string, kind: RoomKind, memberIds: string[], name = roomId): void {
    const members = new Map(memberIds.map((id) => [id, { prefs: { ...DEFAULT_MEMBER_PREFS }, lastRead: 0 }]));
    this.rooms.set(roomId, { kind, name, members, messages: [], mentions: new Map(), deleted: new Set() });
  }

  /** Inserts like the post transaction does and returns the after-commit event. */
  post(roomId: string, senderId: string, text: string, now: number): MessageCreated {
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
    const users = new Set(named.filter((n) => room.members.has(n) && n !== senderId));
    const all = named.includes("all");
    room.mentions.set(seq, { users, all });
    return {
      type: "message.created",
      message,
      mentions: [...users].map((userId) => ({ userId, kind: "mention" as const })),
      group: all ? "all" : null,
    };
  }

  /** Saves a member's room prefs (what the PUT would commit) and returns the after-commit event. */
  setMemberPrefs(roomId: string, userId: string, prefs: MemberPrefs) {
    this.rooms.get(roomId)!.members.get(userId)!.prefs = { ...prefs };
    return { type: "room.preferences.changed" as const, roomId, userId, prefs };
  }

  read(userId: string, roomId: string, seq?: number): number {
    const room = this.rooms.get(roomId)!;
    const to = seq ?? room.messages.length;
    const m = room.members.get(userId)!;
    m.lastRead = Math.max(m.lastRead, to);
    return to;
  }

  async loadRoom(roomId: string): Promise<RoomInfo | null> {
    const r = this.rooms.get(roomId);
    if (!r) return null;
    const members = [...r.members].map(([userId, m]) => ({ userId, prefs: { ...m.prefs } }));
    const c = this.conversations.get(roomId);
    return {
      roomId,
      kind: r.kind,
      name: r.name,
      lastSeq: r.messages.length,
      members,
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

  async messagesAfter(roomId: string, afterSeq: number, limit: number): Promise<MessageView[]> {
    return (this.rooms.get(roomId)?.messages ?? []).filter((m) => m.seq > afterSeq).slice(0, limit);
  }

  async badge(userId: string): Promise<Map<string, RoomBadge>> {
    return this.recount(userId);
  }

  /** BDG-6 reference: unread and mentions counted from stored messages. */
  recount(userId: string): Map<string, RoomBadge> {
    const out = new Map<string, RoomBadge>();
    for (const [roomId, r] of this.rooms) {
      const me = r.members.get(userId);
      if (!me) continue;
      let unread = 0;
      let mentions = 0;
      for (const m of r.messages) {
        if (m.seq <= me.lastRead || m.senderId === userId || m.kind === "system" || r.deleted.has(m.seq))
          continue;
        unread++;
        const men = r.mentions.get(m.seq);
        if (men && (men.users.has(userId) || (men.all && !me.prefs.muteGroup))) mentions++;
      }
      const dm = r.kind === "dm" || r.kind === "gdm" || this.conversations.get(roomId)?.assigneeId === userId;
      out.set(roomId, {
        lastSeq: r.messages.length,
        unread,
        mentions,
        threadIds: [],
        showUnread: true,
        countsUnread: dm,
      });
    }
    return out;
  }

  /** BDG-2 total from a recount. */
  total(userId: string): number {
    let t = 0;
    for (const r of this.recount(userId).values()) t += r.countsUnread ? r.unread : r.mentions;
    return t;
  }
}
