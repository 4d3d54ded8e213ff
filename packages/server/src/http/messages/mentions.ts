// Resolves a message's mentions to user ids (MEN-1 … MEN-7) with set queries: named members, keyword matches
// (only users who have keywords are read), @here members online now (PresenceReader), ignores (MEN-6).
import type { KeywordMatcher } from "@herald/core";
import { compileKeywords, matchCompiled, parseMentions, stripCode } from "@herald/core";
import type { MentionSet } from "../../events.ts";
import type { Services } from "../../services.ts";
import { Prepared } from "../../store/prepared.ts";
import { forbidden } from "../errors.ts";
import { loadAdminSettings } from "../preferences/resolve.ts";
import type { Principal } from "../types.ts";

export interface Hint {
  code: "not_in_room";
  username: string;
}

export interface Resolved {
  mentions: MentionSet;
  hints: Hint[];
}

const MAX_NAMES = 64;

export async function resolveMentions(
  services: Services,
  sender: Principal,
  room: { id: string; member_count: number },
  text: string,
): Promise<Resolved> {
  const { db } = services.store;
  const parsed = parseMentions(text);
  const group = parsed.all ? "all" : parsed.here ? "here" : null;
  if (group) {
    // MEN-7 / PRV-9: above N members only admins may reach everyone.
    const limit = (await loadAdminSettings(db)).restrictGroupMentionsAbove;
    if (limit !== null && room.member_count > limit && sender.role !== "admin") {
      throw forbidden(
        "group_mention_restricted",
        `@all and @here are restricted to admins in rooms above ${limit} members`,
      );
    }
  }
  const hints: Hint[] = [];
  const users: string[] = [];
  const names = parsed.usernames.slice(0, MAX_NAMES);
  if (names.length) {
    const rows = await db
      .selectFrom("users")
      .leftJoin("memberships", (j) =>
        j.onRef("memberships.user_id", "=", "users.id").on("memberships.room_id", "=", room.id),
      )
      .select(["users.id", "users.username", "memberships.user_id as member"])
      .where("users.username_lower", "in", names)
      .where("users.active", "=", 1)
      .execute();
    for (const r of rows) {
      if (r.id === sender.userId) continue;
      if (r.member) users.push(r.id);
      else hints.push({ code: "not_in_room", username: r.username });
    }
  }
  const keywords = await keywordMembers(services, room.id, sender.userId, text, new Set(users));
  let here: string[] = [];
  if (group === "here") here = await onlineMembers(services, room.id, sender.userId);
  const ignoring = await ignorersOf(services, sender.userId, [...users, ...keywords, ...here]);
  const keep = (ids: string[]) => ids.filter((id) => !ignoring.has(id));
  const personal = new Set(users);
  return {
    mentions: {
      users: keep(users),
      keywords: keep(keywords),
      here: keep(here.filter((id) => !personal.has(id))),
      group,
    },
    hints,
  };
}

const usersWithKeywords = new Prepared<Record<string, never>, { id: string; keywords: string | null }>((db) =>
  db.selectFrom("users").select(["id", "keywords"]).where("keywords", "is not", null),
);

// Compiled keyword lists by their saved JSON text: parsing and building a regex per keyword user on every post
// cost more than matching. Keyed by content, so an edited list is simply a new key (bounded by clearing).
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

async function keywordMembers(
  services: Services,
  roomId: string,
  senderId: string,
  text: string,
  already: Set<string>,
): Promise<string[]> {
  const { db } = services.store;
  // Partial index users_keywords: only users who saved keywords are read.
  const withKeywords = await usersWithKeywords.rows(db, {});
  if (!withKeywords.length) return [];
  const stripped = stripCode(text);
  const hits = withKeywords
    .filter((u) => u.id !== senderId && !already.has(u.id))
    .filter((u) => matchCompiled(stripped, matcherOf(u.keywords as string)) !== null)
    .map((u) => u.id);
  if (!hits.length) return [];
  const members = await db
    .selectFrom("memberships")
    .select("user_id")
    .where("room_id", "=", roomId)
    .where("user_id", "in", hits)
    .execute();
  return members.map((m) => m.user_id);
}

async function onlineMembers(services: Services, roomId: string, senderId: string): Promise<string[]> {
  const rows = await services.store.db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("users.id")
    .where("memberships.room_id", "=", roomId)
    .where("users.presence_choice", "!=", "invisible")
    .where("users.id", "!=", senderId)
    .execute();
  if (!rows.length) return [];
  const online = await services.presence.online(rows.map((r) => r.id));
  return rows.map((r) => r.id).filter((id) => online.has(id));
}

async function ignorersOf(services: Services, senderId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await services.store.db
    .selectFrom("ignores")
    .select("user_id")
    .where("ignored_id", "=", senderId)
    .where("user_id", "in", [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
