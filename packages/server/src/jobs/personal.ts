// Core's decision for a post's (or an edit's) personal recipients — the named and keyword-matched members
// resolved at post time, thread followers, `@here` members online then, a dm's members — loaded and decided
// once per transaction: the outbox writes push/email rows from it and the inbox hook writes items from it, so
// both read the same facts with the same queries and neither decides a trigger itself.
//
// A post's named, keyword-matched and `@here` recipients are known before its transaction, so the post path
// reads their facts then (prefetchPersonal): inside the transaction every statement is a round trip that the
// other posts of the group commit (http/messages/batch.ts) wait for, and a keyword hit read three tables there.
// The facts are then as of a moment before the message's insert instead of during it, which under READ
// COMMITTED was already only "as of that statement". Thread followers are known only in the transaction and
// are read there.
import {
  type AdminSettings,
  decideForMembers,
  type MemberCandidacy,
  type MemberFacts,
  type ResolvedMentions,
  type Role,
} from "@herald/core";
import type { DomainEvent } from "../events.ts";
import { keptAdminSettings, loadAdminSettings } from "../http/preferences/resolve.ts";
import type { Db, Tx } from "../store/db.ts";
import { askedRows, type FactRow, factsOfRows, loadMemberFacts, memberRows, messageEvent } from "./facts.ts";

type Created = Extract<DomainEvent, { type: "message.created" }>;
type Updated = Extract<DomainEvent, { type: "message.updated" }>;

export interface PersonalDecision {
  candidacy: MemberCandidacy[];
  /** The sender's role when their facts were loaded (MEN-7 in a room row's expansion). */
  senderRole: Role | undefined;
}

const NONE: PersonalDecision = { candidacy: [], senderRole: undefined };

/** Facts read before a post's transaction: the admin settings, and the facts of the members asked about. */
interface Prefetched {
  admin: AdminSettings;
  /** Members asked about (those not in `facts` are not active members of the room). */
  asked: ReadonlySet<string>;
  facts: ReadonlyMap<string, MemberFacts>;
}

/** By the post's resolved mentions, the object its event carries (the event is made in the transaction). */
const prefetched = new WeakMap<ResolvedMentions, Prefetched>();

/**
 * Reads, before the post's transaction, the facts created() would read in it for the post's personal
 * recipients known now (named, keyword-matched, `@here`) and its sender: the admin settings, and in one
 * statement their member rows with their ignore of the sender, at once on separate connections. Answers which
 * of them ignore the sender (the mention rows leave them out too); null, and nothing read, when the post has
 * no such recipient.
 */
export async function prefetchPersonal(
  db: Db,
  roomId: string,
  senderId: string,
  resolved: ResolvedMentions,
  hereOnline: readonly string[],
): Promise<{ asked: ReadonlySet<string>; ignorers: ReadonlySet<string> } | null> {
  const ids = new Set<string>([
    ...resolved.users,
    ...resolved.keywords.map(([u]) => u),
    ...(resolved.here ? hereOnline : []),
  ]);
  ids.delete(senderId);
  if (ids.size === 0) return null;
  ids.add(senderId);
  const asked = [...ids];
  const chunks: string[][] = [];
  for (let i = 0; i < asked.length; i += 400) chunks.push(asked.slice(i, i + 400));
  const [admin, ...answers] = await Promise.all([
    keptAdminSettings(db),
    ...chunks.map((c) => askedRows(db, roomId, senderId, c)),
  ]);
  // Each asked user's ignore of the sender, members or not (the mention rows leave every ignorer out).
  const ign = new Set<string>();
  const rows: FactRow[] = [];
  for (const r of answers.flat()) {
    // PostgreSQL answers EXISTS with a boolean, SQLite with 0 / 1.
    if (r.ignores_sender && Number(r.ignores_sender) !== 0) ign.add(r.id);
    if (r.member_of !== null) rows.push({ ...r, room_prefs: r.room_prefs ?? "{}" });
  }
  const facts = await factsOfRows(db, rows, senderId, admin, ign);
  prefetched.set(resolved, { admin, asked: ids, facts: new Map(facts.map((f) => [f.userId, f])) });
  return { asked: ids, ignorers: ign };
}

/** Per transaction, per event: a retried transaction decides again against what it reads. */
const memo = new WeakMap<Tx, WeakMap<DomainEvent, Promise<PersonalDecision>>>();

/** Core's candidacy of the event's personal recipients; nothing for system and conversation messages. */
export function decidePersonal(trx: Tx, ev: Created | Updated): Promise<PersonalDecision> {
  let byEvent = memo.get(trx);
  if (!byEvent) {
    byEvent = new WeakMap();
    memo.set(trx, byEvent);
  }
  let p = byEvent.get(ev);
  if (!p) {
    p = ev.type === "message.created" ? created(trx, ev) : updated(trx, ev);
    byEvent.set(ev, p);
  }
  return p;
}

function notifies(ev: Created | Updated): boolean {
  const m = ev.message;
  // TRG-3: system messages notify nobody; SUP-7 / SUP-9: a conversation notifies through support events.
  return m.kind !== "system" && m.deletedAt === null && ev.room.kind !== "conversation";
}

async function created(trx: Tx, ev: Created): Promise<PersonalDecision> {
  if (!notifies(ev)) return NONE;
  const m = ev.message;
  const resolved = ev.resolved;
  const here = new Set(resolved.here ? ev.hereOnline : []);
  const dmRoom = ev.room.kind === "dm" || ev.room.kind === "gdm";
  // Who can have a trigger other than group / all (TRG-1): core decides which of them, and for what. In a
  // dm / gdm (2–8 members) that is everyone.
  const personal = new Set<string>([
    ...resolved.users,
    ...resolved.keywords.map(([u]) => u),
    ...(m.threadRootId ? ev.threadFollowers : []),
    ...here,
  ]);
  if (m.senderId) personal.delete(m.senderId);
  // An @all's room row carries the sender's role, read here with the rest.
  if (!dmRoom && personal.size === 0 && !resolved.all) return NONE;
  const pre = prefetched.get(resolved);
  const admin = pre?.admin ?? (await loadAdminSettings(trx));
  // The sender's facts too: MEN-7 reads their role; core never notifies them (MEN-5).
  const wanted = m.senderId ? [...personal, m.senderId] : [...personal];
  let facts: MemberFacts[];
  if (dmRoom) facts = await factsOfRows(trx, await memberRows(trx, m.roomId).execute(), m.senderId, admin);
  else if (!pre) facts = await loadMemberFacts(trx, m.roomId, wanted, m.senderId, admin);
  else {
    // Read now only for whom the prefetch did not ask (thread followers, usually already known).
    const known = wanted.flatMap((u) => pre.facts.get(u) ?? []);
    const missing = wanted.filter((u) => !pre.asked.has(u));
    facts = missing.length
      ? [...known, ...(await loadMemberFacts(trx, m.roomId, missing, m.senderId, admin))]
      : known;
  }
  const sender = facts.find((f) => f.userId === m.senderId);
  const event = messageEvent(m, resolved, {
    threadFollowers: ev.threadFollowers,
    ...(sender ? { senderRole: sender.role } : {}),
  });
  const room = { id: m.roomId, kind: ev.room.kind, memberCount: ev.room.memberCount };
  return {
    candidacy: decideForMembers(event, room, facts, admin, ev.at, (u) => here.has(u)),
    senderRole: sender?.role,
  };
}

async function updated(trx: Tx, ev: Updated): Promise<PersonalDecision> {
  if (!notifies(ev)) return NONE;
  const m = ev.message;
  // TRG-3: core compares the two resolutions (a personal trigger now and none before).
  const users = new Set([...ev.resolved.users, ...ev.resolved.keywords.map(([u]) => u)]);
  if (m.senderId) users.delete(m.senderId);
  if (users.size === 0) return NONE;
  const admin = await loadAdminSettings(trx);
  const facts = await loadMemberFacts(trx, m.roomId, [...users], m.senderId, admin);
  const event = messageEvent(m, ev.resolved, { previousMentions: ev.previousResolved });
  const room = { id: m.roomId, kind: ev.room.kind, memberCount: ev.room.memberCount };
  return { candidacy: decideForMembers(event, room, facts, admin, ev.at), senderRole: undefined };
}
