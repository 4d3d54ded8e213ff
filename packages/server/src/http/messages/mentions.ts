// A message's mentions, resolved once when it is posted or edited: the text is parsed by core (parseMessage),
// the server loads only the facts that parse asks for — the users named in it (one query, with their
// membership of the room) and the room's members who saved keywords (never every user of the workspace) —
// and core's resolveMentions decides (MEN-1 … MEN-5). Ignores (MEN-6) are not applied here: core's decide
// applies them per recipient; only the mention rows that feed badges leave ignorers out, as before.
import type { KeywordMatcher, MentionLookup, ParsedMessage, ResolvedMentions } from "@herald/core";
import { compileKeywords, nameCandidates, parseMessage, resolveMentions } from "@herald/core";
import type { MentionView } from "../../events.ts";
import type { Services } from "../../services.ts";
import type { Db } from "../../store/db.ts";
import type { MentionRows } from "../../store/messages.ts";
import { Prepared } from "../../store/prepared.ts";
import { forbidden } from "../errors.ts";
import { loadAdminSettings } from "../preferences/resolve.ts";
import type { Principal } from "../types.ts";
import { cachedKeywordMembers } from "./keyword-cache.ts";

export interface Hint {
  code: "not_in_room";
  username: string;
}

/** One text's mentions as every consumer needs them. */
export interface TextMentions {
  resolved: ResolvedMentions;
  /** What clients highlight (names and group mentions; never keywords). */
  view: MentionView;
  /** Named users who are not in the room: told to the sender only (MEN-1). */
  hints: Hint[];
}

/** A message's name runs looked at: more is spam, and the named-user query stays one small `in` list. */
const MAX_NAMES = 64;

interface NamedUser {
  id: string;
  username: string;
  member: boolean;
}

/** The facts resolution reads for one room and a few texts, loaded once. */
export interface MentionFacts {
  lookup: MentionLookup;
  usernames: Map<string, string>;
}

function capped(parsed: ParsedMessage): ParsedMessage {
  return parsed.names.length > MAX_NAMES ? { ...parsed, names: parsed.names.slice(0, MAX_NAMES) } : parsed;
}

/** Parses a text once (core's one parser). */
export function parseText(text: string): ParsedMessage {
  return capped(parseMessage(text));
}

/** MEN-7 / PRV-9: above N members only admins may reach everyone. */
export async function checkGroupMention(
  db: Db,
  sender: Principal,
  room: { member_count: number },
  parsed: ParsedMessage,
): Promise<void> {
  if (!parsed.all && !parsed.here) return;
  const limit = (await loadAdminSettings(db)).restrictGroupMentionsAbove;
  if (limit !== null && room.member_count > limit && sender.role !== "admin") {
    throw forbidden(
      "group_mention_restricted",
      `@all and @here are restricted to admins in rooms above ${limit} members`,
    );
  }
}

/** Loads the facts the parsed texts ask for: their named users, and the room's members with keywords. */
export async function loadMentionFacts(
  db: Db,
  senderId: string,
  room: string | { id: string; member_count: number },
  texts: readonly ParsedMessage[],
): Promise<MentionFacts> {
  // A room id alone: its size is unknown, so the keyword-users plan is taken (same rows either way).
  const { id, member_count } = typeof room === "string" ? { id: room, member_count: Infinity } : room;
  const [named, keywordMembers] = await Promise.all([
    namedUsers(db, id, texts),
    roomKeywordMembers(db, id, member_count),
  ]);
  const userByName = new Map<string, { id: string; member: boolean }>();
  const usernames = new Map<string, string>();
  for (const [folded, u] of named) {
    userByName.set(folded, { id: u.id, member: u.member });
    usernames.set(u.id, u.username);
  }
  return { lookup: { senderId, userByName, keywordMembers }, usernames };
}

/** Resolves one parsed text against loaded facts (core decides). */
export function resolveText(parsed: ParsedMessage, facts: MentionFacts): TextMentions {
  const { mentions, hints } = resolveMentions(parsed, facts.lookup);
  const usernameOf = (id: string) => facts.usernames.get(id) ?? "";
  const hintNames = hints.map((folded) => {
    const u = facts.lookup.userByName.get(folded);
    return u ? usernameOf(u.id) : folded;
  });
  return {
    resolved: mentions,
    view: {
      users: mentions.users.map((id) => ({ id, username: usernameOf(id) })),
      all: mentions.all,
      here: mentions.here,
    },
    hints: hintNames.map((username) => ({ code: "not_in_room", username })),
  };
}

/** Users named by any of the texts, by folded name (every MEN-3 candidate of each run), in ONE query. */
async function namedUsers(
  db: Db,
  roomId: string,
  texts: readonly ParsedMessage[],
): Promise<Map<string, NamedUser>> {
  const candidates = new Set<string>();
  for (const p of texts) for (const name of p.names) for (const c of nameCandidates(name)) candidates.add(c);
  const out = new Map<string, NamedUser>();
  if (candidates.size === 0) return out;
  const rows = await db
    .selectFrom("users")
    .leftJoin("memberships", (j) =>
      j.onRef("memberships.user_id", "=", "users.id").on("memberships.room_id", "=", roomId),
    )
    .select(["users.id", "users.username", "users.username_lower", "memberships.user_id as member"])
    .where("users.username_lower", "in", [...candidates])
    .where("users.active", "=", 1)
    .execute();
  for (const r of rows)
    out.set(r.username_lower, { id: r.id, username: r.username, member: r.member !== null });
  return out;
}

// The room's members who saved keywords (MEN-4 at post time): users × memberships of this room, so other
// keyword users' lists are never read. Two plans give the same rows; the cheaper one reads min(room size,
// keyword users) index entries: a big room where few saved keywords probes the partial index `users_keywords`
// and each of those users' membership, a small room reads its own membership rows. Never a room-size scan per
// post in a 10,000-member room where nobody has keywords.
const byRoom = new Prepared<{ roomId: string }, { id: string; keywords: string | null }>((db, arg) =>
  db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.keywords"])
    .where("m.room_id", "=", arg("roomId"))
    .where("u.keywords", "is not", null)
    .where("u.active", "=", 1),
);
const byKeywordUsers = new Prepared<{ roomId: string }, { id: string; keywords: string | null }>((db, arg) =>
  db
    .selectFrom("users as u")
    .select(["u.id", "u.keywords"])
    .where("u.keywords", "is not", null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("memberships as m")
          .select("m.user_id")
          .where("m.room_id", "=", arg("roomId"))
          .whereRef("m.user_id", "=", "u.id"),
      ),
    )
    .where("u.active", "=", 1),
);

/** How many users saved keywords, refreshed at most every KEYWORD_COUNT_TTL_MS. It only picks a plan: both
 *  plans return the same rows, so a stale count costs time, never a wrong answer. */
const KEYWORD_COUNT_TTL_MS = 10_000;
const keywordUserCounts = new WeakMap<Db, { n: number; at: number }>();

async function keywordUserCount(db: Db): Promise<number> {
  const now = performance.now();
  const cached = keywordUserCounts.get(db);
  if (cached && now - cached.at < KEYWORD_COUNT_TTL_MS) return cached.n;
  const r = await db
    .selectFrom("users")
    .select((e) => e.fn.countAll<number>().as("n"))
    .where("keywords", "is not", null)
    .executeTakeFirstOrThrow();
  const n = Number(r.n);
  keywordUserCounts.set(db, { n, at: now });
  return n;
}

async function roomKeywordMembers(
  db: Db,
  roomId: string,
  memberCount: number,
): Promise<readonly { userId: string; matcher: KeywordMatcher }[]> {
  // Cached per room (keyword-cache.ts): read and compiled again only after a change or its TTL. The same
  // array is handed to core each post, so core's word index of it is built once (the sender is skipped there).
  return cachedKeywordMembers(db, roomId, async () => {
    const plan = (await keywordUserCount(db)) < memberCount ? byKeywordUsers : byRoom;
    const rows = await plan.rows(db, { roomId });
    return rows
      .filter((r) => r.keywords !== null)
      .map((r) => ({ userId: r.id, matcher: matcherOf(r.keywords as string) }));
  });
}

// Compiled keyword lists by their saved JSON text: compiling per keyword user on every post cost more than
// matching. Keyed by content, so an edited list is simply a new key (bounded by clearing). Members with the
// same list share one matcher, which core runs once per message.
const matchers = new Map<string, KeywordMatcher>();

function matcherOf(json: string): KeywordMatcher {
  let m = matchers.get(json);
  if (!m) {
    if (matchers.size >= 10_000) matchers.clear();
    m = compileKeywords(JSON.parse(json) as string[]);
    matchers.set(json, m);
  }
  return m;
}

/**
 * Members of the room (the sender aside) whose presence is `online` now: the facts of `@here` (MEN-2). Read
 * from the online users (as many as are connected) down to the room's members among them, never from the
 * room's member list, which may hold a million.
 */
export async function onlineMembers(services: Services, roomId: string, senderId: string): Promise<string[]> {
  const online = (await services.presence.online()).filter((id) => id !== senderId);
  const out: string[] = [];
  for (let i = 0; i < online.length; i += 400) {
    const rows = await services.store.db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select("users.id")
      .where("memberships.room_id", "=", roomId)
      .where("memberships.user_id", "in", online.slice(i, i + 400))
      .where("users.presence_choice", "!=", "invisible")
      .execute();
    for (const r of rows) out.push(r.id);
  }
  return out;
}

/**
 * The mention rows that feed badges (BDG-1), from a resolution: one per member named, keyword-matched or
 * reached by `@here`, and the message's group row. Users who ignore the sender get no row (their mention count
 * does not move, MEN-6). Who is *notified* is core's decision (TRG-1, TRG-3), never read from these rows; an
 * edit inserts the same lists and rows that exist already stay as they are (one per message and user).
 */
export async function mentionRows(
  db: Db,
  senderId: string,
  m: ResolvedMentions,
  hereOnline: readonly string[],
  /** Ignorers of the sender already read for `asked` (the post path's prefetch): not read again. */
  known?: { asked: ReadonlySet<string>; ignorers: ReadonlySet<string> },
): Promise<MentionRows> {
  const users = m.users;
  const keywords = m.keywords.map(([u]) => u);
  const personal = new Set([...users, ...keywords]);
  const here = hereOnline.filter((u) => !personal.has(u));
  const ids = [...users, ...keywords, ...here];
  const ignoring =
    known && ids.every((u) => known.asked.has(u)) ? known.ignorers : await ignorersOf(db, senderId, ids);
  const notIgnoring = (ids: string[]) => ids.filter((id) => !ignoring.has(id));
  return {
    users: notIgnoring(users),
    keywords: notIgnoring(keywords),
    here: notIgnoring(here),
    group: m.all ? "all" : m.here ? "here" : null,
  };
}

async function ignorersOf(db: Db, senderId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom("ignores")
    .select("user_id")
    .where("ignored_id", "=", senderId)
    .where("user_id", "in", [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
