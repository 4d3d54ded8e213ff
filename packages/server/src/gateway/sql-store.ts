// GatewayStore over the server's Kysely store: one query per room or per user (bulk), never per recipient.
// Preferences resolve through core (PRF-20, PRF-21) exactly as the HTTP routes do.
import { computeBadge, type MemberFacts, type RoomReadState } from "@herald/core";
import { loadAdminSettings } from "../http/preferences/resolve.ts";
import type { Db } from "../store/db.ts";
import { filesOf } from "../store/files.ts";
import { mentionViewOf } from "../store/messages.ts";
import { loadReadStates } from "../store/reads.ts";
import type { WriteWatch } from "../store/write-watch.ts";
import type { DomainLookups } from "./domain.ts";
import type { AlertFrame } from "./events.ts";
import type { CoreRoomFacts, GatewayStore, MessageView, Missed, RoomInfo, UserSnapshot } from "./ports.ts";
import { factsOf, snapshotOf } from "./sql-facts.ts";
import { activeAlerts, missedSince } from "./sql-resume.ts";

type Sender = { name: string; role: "admin" | "agent" | "member" };

/** How long a sender's name / role is trusted without a local write to `users` (other nodes' renames). */
export const SENDER_TTL_MS = 60_000;

export class SqlGatewayStore implements GatewayStore, DomainLookups {
  readonly #db: Db;
  readonly #senders = new Map<string, Sender>();
  readonly #writes: WriteWatch | undefined;
  readonly #now: () => number;
  /** The `users` write generation and time the sender cache was filled under (write-watch.ts). */
  #gen = -1;
  #since = 0;

  /** With `writes`, a rename (any local write to `users`) empties the sender cache at once; without it, or
   *  for another node's write, the cache lives at most SENDER_TTL_MS. */
  constructor(db: Db, o: { writes?: WriteWatch; now?: () => number } = {}) {
    this.#db = db;
    this.#writes = o.writes;
    this.#now = o.now ?? Date.now;
  }

  activeAlerts(userId: string, now: number): Promise<AlertFrame[]> {
    return activeAlerts(this.#db, userId, now);
  }

  missedSince(userId: string, since: number, now: number): Promise<Missed> {
    return missedSince(this.#db, userId, since, now);
  }

  /** The sender cache, emptied when `users` was written locally since it was filled, or when too old. */
  #senderCache(): Map<string, Sender> {
    const gen = this.#writes?.generation("users") ?? -2;
    const now = this.#now();
    if (gen !== this.#gen || now - this.#since > SENDER_TTL_MS) {
      this.#senders.clear();
      this.#gen = gen;
      this.#since = now;
    }
    return this.#senders;
  }

  async loadRoom(roomId: string): Promise<RoomInfo | null> {
    const room = await this.#db.selectFrom("rooms").selectAll().where("id", "=", roomId).executeTakeFirst();
    if (!room) return null;
    const conv =
      room.kind === "conversation"
        ? await this.#db
            .selectFrom("conversations")
            .select(["id", "inbox_id", "assignee_id"])
            .where("room_id", "=", roomId)
            .executeTakeFirst()
        : undefined;
    return {
      roomId,
      kind: room.kind,
      name: room.name,
      lastSeq: room.last_seq,
      conversationId: conv?.id ?? null,
      inboxId: conv?.inbox_id ?? null,
      assigneeId: conv?.assignee_id ?? null,
    };
  }

  async loadUser(userId: string): Promise<UserSnapshot | null> {
    const row = await this.#db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
    if (!row || !row.active) return null;
    return snapshotOf(row, await loadAdminSettings(this.#db));
  }

  async roomsOf(userId: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom("memberships")
      .select("room_id")
      .where("user_id", "=", userId)
      .execute();
    return rows.map((r) => r.room_id);
  }

  async sharedWith(userId: string, others: readonly string[]): Promise<Set<string>> {
    if (!others.length) return new Set();
    // From the few watched users' memberships (memberships_user index) to the pair's primary key: never a
    // scan of a large room's members.
    const rows = await this.#db
      .selectFrom("memberships as b")
      .select("b.user_id")
      .distinct()
      .where("b.user_id", "in", [...others])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("memberships as a")
            .select(eb.lit(1).as("one"))
            .whereRef("a.room_id", "=", "b.room_id")
            .where("a.user_id", "=", userId),
        ),
      )
      .execute();
    return new Set(rows.map((r) => r.user_id));
  }

  async messagesAfter(roomId: string, afterSeq: number, limit: number): Promise<MessageView[]> {
    const rows = await this.#db
      .selectFrom("messages as m")
      .leftJoin("users as u", "u.id", "m.sender_id")
      .select([
        "m.id",
        "m.room_id",
        "m.seq",
        "m.sender_id",
        "m.text",
        "m.kind",
        "m.thread_root_id",
        "m.thread_seq",
        "m.in_room",
      ])
      .select(["m.created_at", "m.deleted_at", "m.mention_view", "m.files", "u.display_name"])
      .where("m.room_id", "=", roomId)
      .where("m.seq", ">", afterSeq)
      .where("m.in_room", "=", 1)
      .orderBy("m.seq")
      .limit(limit)
      .execute();
    return rows.map((m) => ({
      id: m.id,
      roomId: m.room_id,
      seq: m.seq,
      senderId: m.sender_id ?? "",
      senderName: m.display_name ?? "",
      text: m.deleted_at ? "" : m.text,
      kind: m.kind,
      threadRootId: m.thread_root_id,
      threadSeq: m.thread_seq,
      alsoInRoom: m.thread_root_id !== null,
      createdAt: m.created_at,
      mentions: mentionViewOf(m),
      ...filesOf(m),
    }));
  }

  async readStates(userId: string): Promise<RoomReadState[]> {
    return loadReadStates(this.#db, userId, await loadAdminSettings(this.#db));
  }

  /** The given members' facts for core's snapshot: a join over memberships × users plus an ignores query per
   *  chunk of ids (bounded statements), never the whole room. */
  async loadRoomFacts(roomId: string, userIds: readonly string[]): Promise<CoreRoomFacts | null> {
    const room = await this.#db
      .selectFrom("rooms")
      .select(["member_count"])
      .where("id", "=", roomId)
      .executeTakeFirst();
    if (!room) return null;
    const admin = await loadAdminSettings(this.#db);
    const ids = [...new Set(userIds)];
    const members: MemberFacts[] = [];
    for (let i = 0; i < ids.length; i += 400) {
      const chunk = ids.slice(i, i + 400);
      const [rows, ignores] = await Promise.all([
        this.#memberRows(roomId).where("u.id", "in", chunk).execute(),
        this.#db
          .selectFrom("ignores")
          .select(["user_id", "ignored_id"])
          .where("user_id", "in", chunk)
          .execute(),
      ]);
      const byUser = new Map<string, string[]>();
      for (const x of ignores) byUser.set(x.user_id, [...(byUser.get(x.user_id) ?? []), x.ignored_id]);
      for (const r of rows) members.push(factsOf(r, admin, byUser.get(r.id) ?? []));
    }
    return { memberCount: room.member_count, admin, members };
  }

  async loadMemberFacts(roomId: string, userId: string): Promise<MemberFacts | null> {
    const [admin, row, ignores] = await Promise.all([
      loadAdminSettings(this.#db),
      this.#memberRows(roomId).where("u.id", "=", userId).executeTakeFirst(),
      this.#db.selectFrom("ignores").select("ignored_id").where("user_id", "=", userId).execute(),
    ]);
    return row
      ? factsOf(
          row,
          admin,
          ignores.map((i) => i.ignored_id),
        )
      : null;
  }

  #memberRows(roomId: string) {
    return this.#db
      .selectFrom("memberships as mb")
      .innerJoin("users as u", "u.id", "mb.user_id")
      .select(["u.id", "u.username", "u.role", "u.prefs", "u.presence_choice", "u.dnd_on", "u.dnd_until"])
      .select(["u.timezone", "u.email", "u.email_verified", "mb.prefs as room_prefs"])
      .where("mb.room_id", "=", roomId)
      .where("u.active", "=", 1);
  }

  /** Used by tests to compare against core's own total (BDG-6). */
  async coreBadgeTotal(userId: string): Promise<number> {
    return computeBadge(await loadReadStates(this.#db, userId, await loadAdminSettings(this.#db))).total;
  }

  async sender(userId: string): Promise<Sender> {
    const cache = this.#senderCache();
    const gen = this.#gen;
    const have = cache.get(userId);
    if (have) return have;
    const row = await this.#db
      .selectFrom("users")
      .select(["display_name", "role"])
      .where("id", "=", userId)
      .executeTakeFirst();
    const s = { name: row?.display_name ?? "", role: row?.role ?? ("member" as const) };
    // A rename that raced this read must not be cached under the new generation.
    if (this.#senderCache() !== cache || this.#gen !== gen) return s;
    if (cache.size > 50_000) cache.clear();
    cache.set(userId, s);
    return s;
  }
}
