// The facts core's decideForMembers needs about some members of a room, loaded with set queries (never one
// per member), and the core message event built from a stored message or a delivery row. Activity is not
// loaded: candidacy does not depend on it (the moment is decided at send time, PSH-2 / EML-2), and MEN-2's
// `@here` comes from the post path's list of members online at send time.
import type { AdminSettings, MemberFacts, MessageEvent, ResolvedMentions } from "@herald/core";
import { PostgresAdapter, sql } from "kysely";
import { factsOf, type MemberRow } from "../gateway/sql-facts.ts";
import type { Exec } from "../store/db.ts";
import { Prepared } from "../store/prepared.ts";

/** Member columns factsOf reads, plus `active` (a deactivated user gets nothing) and the subscription flag. */
export type FactRow = MemberRow & { active: number };

/** The user's and membership's columns a FactRow holds (`mb` is the room's membership row). */
const MEMBER_COLUMNS = [
  "u.id",
  "u.username",
  "u.role",
  "u.prefs",
  "u.presence_choice",
  "u.dnd_on",
  "u.dnd_until",
  "u.timezone",
  "u.email",
  "u.email_verified",
  "u.active",
  "mb.prefs as room_prefs",
] as const;

export function memberRows(db: Exec, roomId: string) {
  return db
    .selectFrom("memberships as mb")
    .innerJoin("users as u", "u.id", "mb.user_id")
    .select(MEMBER_COLUMNS)
    .where("mb.room_id", "=", roomId);
}

/** askedRows' statement: the list of users is one parameter (a JSON array on SQLite, an array on PostgreSQL),
 *  so it is compiled once (store/prepared.ts) whatever the number asked — a keyword hit asks two. */
const asked = new Prepared<{ roomId: string; senderId: string; ids: string | string[] }, AskedRow>(
  (db, arg) => {
    const ids =
      db.getExecutor().adapter instanceof PostgresAdapter
        ? sql<boolean>`u.id = any(${arg("ids")})`
        : sql<boolean>`u.id in (select value from json_each(${arg("ids")}))`;
    return db
      .selectFrom("users as u")
      .leftJoin("memberships as mb", (j) =>
        j.onRef("mb.user_id", "=", "u.id").on("mb.room_id", "=", arg("roomId")),
      )
      .select((eb) => [
        ...MEMBER_COLUMNS,
        "mb.room_id as member_of",
        eb
          .exists(
            eb
              .selectFrom("ignores as i")
              .select("i.user_id")
              .whereRef("i.user_id", "=", "u.id")
              .where("i.ignored_id", "=", arg("senderId")),
          )
          .as("ignores_sender"),
      ])
      .where(ids);
  },
);

/** A user asked about: their member columns (`member_of` null: not a member of the room) and whether they
 *  ignore the sender (PostgreSQL answers a boolean, SQLite 0 / 1). */
export type AskedRow = Omit<FactRow, "room_prefs"> & {
  room_prefs: string | null;
  member_of: string | null;
  ignores_sender: boolean | number;
};

/**
 * The given users' member columns in the room (`member` false: not a member) and whether each ignores the
 * sender (MEN-6), in one statement: the post path's prefetch read them with two, on two connections.
 */
export function askedRows(
  db: Exec,
  roomId: string,
  senderId: string,
  userIds: readonly string[],
): Promise<AskedRow[]> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return asked.rows(db, { roomId, senderId, ids: pg ? [...userIds] : JSON.stringify(userIds) });
}

/** MEN-6: which of these members ignore the sender (one query). */
export async function ignoring(db: Exec, senderId: string | null, userIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (!senderId || userIds.length === 0) return out;
  for (let i = 0; i < userIds.length; i += 400) {
    const rows = await db
      .selectFrom("ignores")
      .select("user_id")
      .where("ignored_id", "=", senderId)
      .where("user_id", "in", userIds.slice(i, i + 400))
      .execute();
    for (const r of rows) out.add(r.user_id);
  }
  return out;
}

/** Core's MemberFacts of active rows; an ignore list holds the sender only, the one ignore that matters here. */
export async function factsOfRows(
  db: Exec,
  rows: readonly FactRow[],
  senderId: string | null,
  admin: AdminSettings,
  /** Those of them who ignore the sender, when already read (else read here). */
  ignorers?: ReadonlySet<string>,
): Promise<MemberFacts[]> {
  const active = rows.filter((r) => r.active === 1);
  const ign =
    ignorers ??
    (await ignoring(
      db,
      senderId,
      active.map((r) => r.id),
    ));
  return active.map((r) => factsOf(r, admin, senderId && ign.has(r.id) ? [senderId] : []));
}

/** Facts of the given members of the room (non-members and unknown ids are left out). */
export async function loadMemberFacts(
  db: Exec,
  roomId: string,
  userIds: readonly string[],
  senderId: string | null,
  admin: AdminSettings,
): Promise<MemberFacts[]> {
  const ids = [...new Set(userIds)];
  const rows: FactRow[] = [];
  for (let i = 0; i < ids.length; i += 400)
    rows.push(
      ...(await memberRows(db, roomId)
        .where("u.id", "in", ids.slice(i, i + 400))
        .execute()),
    );
  return factsOfRows(db, rows, senderId, admin);
}

/** The core event of a stored message; its mentions as resolved at post time (never parsed again here). */
export function messageEvent(
  m: {
    id: string;
    roomId: string;
    seq: number;
    senderId: string | null;
    threadRootId: string | null;
    threadSeq: number | null;
    inRoom: boolean;
    createdAt: number;
    kind: "user" | "system";
  },
  mentions: ResolvedMentions,
  extra: Pick<MessageEvent, "previousMentions" | "threadFollowers" | "senderRole"> = {},
): MessageEvent {
  return {
    kind: "message",
    message: {
      id: m.id,
      roomId: m.roomId,
      seq: m.inRoom ? m.seq : 0,
      senderId: m.senderId ?? "",
      text: "",
      threadRootId: m.threadRootId,
      ...(m.threadSeq !== null ? { threadSeq: m.threadSeq } : {}),
      alsoInRoom: m.threadRootId !== null && m.inRoom,
      createdAt: m.createdAt,
      kind: m.kind,
    },
    mentions,
    ...extra,
  };
}
